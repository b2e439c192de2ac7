/**
 * The small kernel every feature may use: clock and randomness, keyed hashing and encryption of
 * secrets, client IP resolution, request context and problem responses, and two ways for a hot path to
 * pay fewer database round trips: writes that wait for their transaction's commit ({@code CommitWrites})
 * and several modules' reads sent together ({@code Reads}).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
@org.jspecify.annotations.NullMarked
package io.gatehouse.shared;
