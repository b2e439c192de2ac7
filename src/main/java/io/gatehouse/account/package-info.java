/**
 * The person: identifiers (email, phone), country of residence, KYC level, status and password;
 * sign-up with a verification code, password change, freeze status, and the guarded write of a new email or
 * phone ({@link io.gatehouse.account.ContactService}; the proof that allows it is the recovery module's).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "abuse", "crypto", "geo", "kernel", "password", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.account;
