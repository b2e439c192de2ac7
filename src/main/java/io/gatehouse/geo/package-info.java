/**
 * Where a client address is, and what its region may do (PRODUCT.md 1.6): the country (and, when an ASN
 * database is configured, the network operator) from a MaxMind-format database shipped with Gatehouse,
 * and the region policy per country — FULL, WITHDRAW_ONLY or BLOCKED — taking the stricter of the
 * address's country and the account's own, applied to every signed-in request by {@code web.RegionGate}
 * (the account module tells the declared country through {@link io.gatehouse.geo.DeclaredCountries}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "kernel", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.geo;
