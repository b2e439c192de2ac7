/**
 * Sign-in risk (PRODUCT.md 1.6): signals about one sign-in — a new device, a new country or network, an
 * impossible journey since the last sign-in, recent failures, a long silence, an anonymising network —
 * add up to a score; named, ordered, configurable policies turn signals and score into extra steps
 * (second factor, confirmation by email, an alert). Every decision is logged with its reasons.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "geo", "kernel" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.risk;
