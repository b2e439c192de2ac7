package io.gatehouse.session;

import java.time.Instant;
import java.util.UUID;

/** A browser that has signed in to an account. */
public record Device(UUID id, UUID accountId, String userAgent, String firstIp, String lastIp, Instant firstSeenAt,
		Instant lastSeenAt) {
}
