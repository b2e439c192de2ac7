/**
 * Abuse defence (PRODUCT.md 1.5): the per-account password-failure throttle with its lock and the
 * owner's device budget, per-IP and per-subnet request limits, the credential-stuffing detector and
 * CAPTCHA (self-hosted ALTCHA proof-of-work, or Cloudflare Turnstile). Every counter lives in
 * PostgreSQL, so all nodes see the same state.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "crypto", "kernel", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.abuse;
