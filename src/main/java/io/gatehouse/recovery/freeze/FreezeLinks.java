package io.gatehouse.recovery.freeze;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.kernel.Randomness;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The freeze links at the foot of every security email (table {@code freeze_links}): a 256-bit token kept
 * as a keyed hash, single use, 30 days.
 */
@Repository
class FreezeLinks {

	static final String PURPOSE = "freeze-link";

	static final Duration VALIDITY = Duration.ofDays(30);

	private static final String PREFIX = "ghf_";

	private final JdbcClient jdbc;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final GatehouseProperties gatehouse;

	private final Clock clock;

	FreezeLinks(JdbcClient jdbc, KeyedHash keyedHash, Randomness randomness, GatehouseProperties gatehouse,
			Clock clock) {
		this.jdbc = jdbc;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.gatehouse = gatehouse;
		this.clock = clock;
	}

	/** A fresh link for the account, stored in the caller's transaction; the whole link. */
	String issue(UUID accountId) {
		String token = PREFIX + this.randomness.token(32);
		Instant now = this.clock.instant();
		this.jdbc.sql("insert into freeze_links (token_hash, account_id, created_at, expires_at) values (?, ?, ?, ?)")
			.params(hash(token), accountId, Timestamp.from(now), Timestamp.from(now.plus(VALIDITY)))
			.update();
		return this.gatehouse.link("/freeze?token=" + token);
	}

	/** The account a live link names, without spending it. */
	Optional<UUID> accountOf(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		return this.jdbc.sql("select account_id from freeze_links where token_hash = ? and used_at is null and expires_at > ?")
			.params(hash(token), Timestamp.from(this.clock.instant()))
			.query(UUID.class)
			.optional();
	}

	/** Spends a live link, once, whoever else tries at the same moment; its account, if it was live. */
	Optional<UUID> spend(String token) {
		if (!wellFormed(token)) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update freeze_links set used_at = ? where token_hash = ? and used_at is null and expires_at > ?
				returning account_id""")
			.params(Timestamp.from(now), hash(token), Timestamp.from(now))
			.query(UUID.class)
			.optional();
	}

	/** The account is frozen: its outstanding links have done their work. */
	void spendAllOf(UUID accountId) {
		this.jdbc.sql("update freeze_links set used_at = ? where account_id = ? and used_at is null")
			.params(Timestamp.from(this.clock.instant()), accountId)
			.update();
	}

	void deleteExpired() {
		this.jdbc.sql("delete from freeze_links where expires_at < ?")
			.param(Timestamp.from(this.clock.instant().minus(Duration.ofDays(1))))
			.update();
	}

	private byte[] hash(String token) {
		return this.keyedHash.hash(PURPOSE, token);
	}

	static boolean wellFormed(String token) {
		return Randomness.isPrefixedToken(token, PREFIX);
	}
}
