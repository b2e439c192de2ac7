/**
 * The person: identifiers (email, phone), country of residence, KYC level, status and password;
 * sign-up with a verification code, and password change.
 */
@org.jspecify.annotations.NullMarked
package io.gatehouse.account;
