/**
 * The sign-in flow: a persisted state machine (see {@code SignInFlow.md}) that the web UI and the JSON
 * API drive alike. Each answer names the next step, so clients can show "step N of M".
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "abuse", "account", "audit", "crypto", "factor", "geo", "kernel", "password", "risk", "session", "session :: web", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.signin;
