package io.gatehouse.session;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A browser that has signed in to an account. */
public record Device(UUID id, UUID accountId, String userAgent, String firstIp, String lastIp,
		@Nullable String lastCountry, @Nullable String lastCity, Instant firstSeenAt, Instant lastSeenAt) {
}
