/**
 * The kernel every feature may use, and nothing else: values (client addresses and ranges, request
 * context), the one clock and source of randomness, the {@link io.gatehouse.kernel.Actor} a request acts
 * as, expected refusals ({@link io.gatehouse.kernel.Rejection}, with a kind instead of a wire status),
 * auditable events and installation settings. It depends on no module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
@org.jspecify.annotations.NullMarked
package io.gatehouse.kernel;
