package io.gatehouse.session;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A live or ended session, without its token (only the token's keyed hash is ever stored).
 *
 * @param country where the address was placed when the session started or last rotated (ISO 3166-1), if known
 * @param city and the city, when a city database is configured
 */
public record Session(UUID id, UUID accountId, @Nullable UUID deviceId, String ip, @Nullable String country,
		@Nullable String city, String userAgent,
		boolean rememberMe, Instant createdAt, Instant lastSeenAt, Instant absoluteExpiresAt,
		@Nullable Instant revokedAt) {

	/** Whether the session may be used at {@code now}. */
	boolean isLiveAt(Instant now, SessionProperties properties) {
		if (this.revokedAt != null || !now.isBefore(this.absoluteExpiresAt)) {
			return false;
		}
		return now.isBefore(this.lastSeenAt.plus(this.rememberMe ? properties.rememberMeIdleTimeout() : properties.idleTimeout()));
	}
}
