/**
 * Second factors (passkeys, authenticator apps, SMS codes, backup codes), the trading password and step-up
 * verification. Its {@code web} and {@code api} packages are the security centre: every page and endpoint
 * that asks for step-up lives there, the change of email or phone ({@code account/contact}) included.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "abuse", "account", "account :: contact", "crypto", "geo", "kernel", "password", "session", "session :: web", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.factor;
