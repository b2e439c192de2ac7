package io.gatehouse.recovery.reset;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The password_resets table: at most one live reset secret per account (a new request replaces the old,
 * RP-04), stored as a keyed hash.
 */
@Repository
class PasswordResets {

	enum Kind {
		LINK, CODE
	}

	record Reset(UUID accountId, Kind kind, Instant expiresAt) {
	}

	private final JdbcClient jdbc;

	PasswordResets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a new secret, replacing any earlier one; a texted code keeps the old one's wrong tries while it lived. */
	void issue(UUID accountId, Kind kind, byte[] secretHash, Instant now, Instant expiresAt) {
		this.jdbc.sql("""
				insert into password_resets (account_id, kind, secret_hash, created_at, expires_at) values (?, ?, ?, ?, ?)
				on conflict (account_id) do update
				    set kind = excluded.kind, secret_hash = excluded.secret_hash, created_at = excluded.created_at,
				        expires_at = excluded.expires_at, used_at = null,
				        wrong_attempts = case when password_resets.expires_at > excluded.created_at
				                              then password_resets.wrong_attempts else 0 end""")
			.params(accountId, kind.name(), secretHash, Timestamp.from(now), Timestamp.from(expiresAt))
			.update();
	}

	/** The live reset a link's secret names, without spending it. */
	Optional<Reset> findLive(byte[] secretHash, Instant now, int maxWrong) {
		return this.jdbc.sql("""
				select account_id, kind, expires_at from password_resets
				 where secret_hash = ? and used_at is null and expires_at > ? and wrong_attempts < ?""")
			.params(secretHash, Timestamp.from(now), maxWrong)
			.query((rs, n) -> new Reset(rs.getObject("account_id", UUID.class), Kind.valueOf(rs.getString("kind")),
					rs.getTimestamp("expires_at").toInstant()))
			.optional();
	}

	/** Spends the secret: exactly one of concurrent spenders gets true (RP-03). */
	boolean spend(UUID accountId, byte[] secretHash, Instant now, int maxWrong) {
		return this.jdbc.sql("""
				update password_resets set used_at = ?
				 where account_id = ? and secret_hash = ? and used_at is null and expires_at > ? and wrong_attempts < ?""")
			.params(Timestamp.from(now), accountId, secretHash, Timestamp.from(now), maxWrong)
			.update() == 1;
	}

	/** A wrong texted code for this account counts against its live code. */
	void countWrong(UUID accountId, Instant now) {
		this.jdbc.sql("""
				update password_resets set wrong_attempts = wrong_attempts + 1
				 where account_id = ? and kind = 'CODE' and used_at is null and expires_at > ?""")
			.params(accountId, Timestamp.from(now))
			.update();
	}

	/** Every outstanding secret of the account dies (a password change, RP-04). */
	void revoke(UUID accountId) {
		this.jdbc.sql("delete from password_resets where account_id = ?").param(accountId).update();
	}

	/** A request waiting to be handled (see {@link #takeRequest}). */
	record Request(String identifier, String ip, String userAgent, Instant requestedAt) {

		@Override
		public String toString() {
			return "Request[<identifier>, ip=" + this.ip + "]";
		}
	}

	void queueRequest(Request request) {
		this.jdbc.sql("insert into password_reset_requests (identifier, ip, user_agent, requested_at) values (?, ?, ?, ?)")
			.params(request.identifier(), request.ip(), request.userAgent(), Timestamp.from(request.requestedAt()))
			.update();
	}

	/**
	 * Takes the oldest waiting request off the queue, skipping rows another node is handling; inside the
	 * caller's transaction, so a failure puts it back.
	 */
	Optional<Request> takeRequest() {
		return this.jdbc.sql("""
				delete from password_reset_requests where id = (
				    select id from password_reset_requests order by id limit 1 for update skip locked)
				returning identifier, ip, user_agent, requested_at""")
			.query((rs, n) -> new Request(rs.getString("identifier"), rs.getString("ip"), rs.getString("user_agent"),
					rs.getTimestamp("requested_at").toInstant()))
			.optional();
	}

	void deleteExpiredBefore(Instant cutoff) {
		this.jdbc.sql("delete from password_resets where expires_at < ?").param(Timestamp.from(cutoff)).update();
	}
}
