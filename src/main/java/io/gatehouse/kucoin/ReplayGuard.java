package io.gatehouse.kucoin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Signed non-GET requests already seen (table {@code kucoin_replays}): the first use of a signature inserts
 * its hash, a second finds it. In PostgreSQL, so every node agrees; kept a little longer than the window.
 */
@Repository
class ReplayGuard {

	private final JdbcClient jdbc;

	private final Clock clock;

	ReplayGuard(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** True the first time this key signs this exact request, false after. */
	boolean first(String apiKey, String signature, Instant until) {
		return this.jdbc.sql("insert into kucoin_replays (signature_hash, expires_at) values (?, ?) on conflict do nothing")
			.params(sha256(apiKey + ":" + signature), Timestamp.from(until))
			.update() == 1;
	}

	@Scheduled(fixedDelayString = "PT1M")
	void deleteExpired() {
		this.jdbc.sql("delete from kucoin_replays where expires_at < ?").param(Timestamp.from(this.clock.instant())).update();
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
