/**
 * Passwords: the policy a new password must meet (NIST SP 800-63B, ASVS 5 §6.2) and Argon2id hashing.
 * Used by sign-up, sign-in and password change.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "kernel")
@org.jspecify.annotations.NullMarked
package io.gatehouse.password;
