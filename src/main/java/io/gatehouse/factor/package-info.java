/**
 * Second factors: authenticator apps (TOTP, RFC 6238), and, as they land, passkeys, backup codes,
 * SMS codes and step-up verification.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "abuse", "account", "crypto", "geo", "kernel", "password", "session", "session :: web", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.factor;
