/** Freezing an account: from settings, by staff, or with the single-use link in every security email. */
@org.springframework.modulith.NamedInterface("freeze")
@org.jspecify.annotations.NullMarked
package io.gatehouse.recovery.freeze;
