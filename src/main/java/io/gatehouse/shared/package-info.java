/**
 * The small kernel every feature may use: clock and randomness, keyed hashing and encryption of
 * secrets, client IP resolution, request context and problem responses, and writes that wait for their
 * transaction's commit to reach the database in one round trip.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package io.gatehouse.shared;
