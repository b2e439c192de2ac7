package io.gatehouse.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One stored entry of the security event log.
 *
 * @param country where the address was placed when the event happened (ISO 3166-1), if known (in the hash
 *        from hash version 2 on)
 * @param city and the city, when a city database is configured (in the hash, as the country)
 * @param hashVersion how {@code hash} links the event after {@code prevHash} ({@link EventHashes})
 * @param mac the server's seal over {@code hash} (empty for version 1, and outside the server)
 */
record SecurityEvent(long id, String chainKey, long seq, @Nullable UUID accountId, Instant occurredAt,
		String type, String outcome, @Nullable String reason, @Nullable String ip, @Nullable String country,
		@Nullable String city, @Nullable String userAgent,
		@Nullable UUID sessionId, @Nullable String factor, String actor, Map<String, String> details,
		int hashVersion, byte[] prevHash, byte[] hash, byte[] mac) {

	public static final String ANONYMOUS_CHAIN = "anonymous";

	public boolean isSignIn() {
		return this.type.startsWith("sign_in_");
	}
}
