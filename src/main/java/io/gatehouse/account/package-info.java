/**
 * The person: identifiers (email, phone), country of residence, KYC level, status and password;
 * sign-up with a verification code, password change, freeze status, and changing the email or phone
 * ({@code contact}, a named interface: a code to the new address, a revert link to the old ones).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "abuse", "crypto", "geo", "kernel", "password", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.account;
