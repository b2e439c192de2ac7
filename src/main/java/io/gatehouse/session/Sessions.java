package io.gatehouse.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sessions table. Tokens are looked up by their keyed hash only. */
@Repository
class Sessions {

	private static final String COLUMNS = "id, account_id, device_id, ip, country, city, user_agent, remember_me, created_at, "
			+ "last_seen_at, absolute_expires_at, revoked_at";

	private final JdbcClient jdbc;

	Sessions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	private static final String INSERT = """
			insert into sessions (id, account_id, token_hash, device_id, ip, country, city, user_agent, remember_me,
			    created_at, last_seen_at, absolute_expires_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	void insert(Session s, byte[] tokenHash) {
		this.jdbc.sql(INSERT).params(insertParams(s, tokenHash)).update();
	}

	private static List<Object> insertParams(Session s, byte[] tokenHash) {
		return Arrays.asList(s.id(), s.accountId(), tokenHash, s.deviceId(), s.ip(), s.country(), s.city(), s.userAgent(),
				s.rememberMe(), Timestamp.from(s.createdAt()), Timestamp.from(s.lastSeenAt()),
				Timestamp.from(s.absoluteExpiresAt()));
	}

	/**
	 * Marks the account's device with this token hash as seen and starts a session on it, in one
	 * statement; empty (nothing written) if the token is not a device of this account.
	 */
	Optional<Session> insertOnKnownDevice(UUID id, UUID accountId, byte[] deviceTokenHash, String ip,
			@Nullable String country, @Nullable String city, String userAgent, boolean rememberMe, Instant now,
			Instant absoluteExpiresAt,
			byte[] tokenHash) {
		Timestamp at = Timestamp.from(now);
		return this.jdbc.sql("""
				with seen as (
				    update devices set last_ip = :ip, last_country = :country, last_city = :city, user_agent = :userAgent,
				        last_seen_at = :now
				     where token_hash = :deviceTokenHash and account_id = :accountId
				    returning id)
				insert into sessions (id, account_id, token_hash, device_id, ip, country, city, user_agent, remember_me,
				    created_at, last_seen_at, absolute_expires_at)
				select :id, :accountId, :tokenHash, seen.id, :ip, :country, :city, :userAgent, :rememberMe, :now, :now,
				       :expiresAt
				  from seen
				returning device_id""")
			.param("id", id)
			.param("accountId", accountId)
			.param("deviceTokenHash", deviceTokenHash)
			.param("tokenHash", tokenHash)
			.param("ip", ip)
			.param("country", country, Types.VARCHAR)
			.param("city", city, Types.VARCHAR)
			.param("userAgent", userAgent)
			.param("rememberMe", rememberMe)
			.param("now", at)
			.param("expiresAt", Timestamp.from(absoluteExpiresAt))
			.query(UUID.class)
			.optional()
			.map(deviceId -> new Session(id, accountId, deviceId, ip, country, city, userAgent, rememberMe, now, now,
					absoluteExpiresAt, null));
	}

	Optional<Session> findByTokenHash(byte[] tokenHash) {
		return this.jdbc.sql("select " + COLUMNS + " from sessions where token_hash = ?")
			.param(tokenHash)
			.query(Sessions::map)
			.optional();
	}

	Optional<Session> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from sessions where id = ?").param(id).query(Sessions::map).optional();
	}

	void touch(UUID id, Instant now) {
		this.jdbc.sql("update sessions set last_seen_at = ? where id = ? and last_seen_at < ?")
			.params(Timestamp.from(now), id, Timestamp.from(now))
			.update();
	}

	/** Live and recently ended sessions of an account are filtered by the caller; revoked ones are not listed. */
	List<Session> listUnrevoked(UUID accountId, Instant now) {
		return this.jdbc.sql("select " + COLUMNS + " from sessions where account_id = ? and revoked_at is null "
				+ "and absolute_expires_at > ? order by last_seen_at desc")
			.params(accountId, Timestamp.from(now))
			.query(Sessions::map)
			.list();
	}

	/** Revokes one session of this account; another account's session id revokes nothing. */
	boolean revoke(UUID accountId, UUID sessionId, String reason, Instant now) {
		return this.jdbc.sql("""
				update sessions set revoked_at = ?, revoke_reason = ?
				where id = ? and account_id = ? and revoked_at is null""")
			.params(Timestamp.from(now), reason, sessionId, accountId)
			.update() == 1;
	}

	/** Revokes every session of the account except {@code keep}; returns the ids revoked. */
	/** @param keep the one session to spare, or null to end them all */
	List<UUID> revokeAllExcept(UUID accountId, @org.jspecify.annotations.Nullable UUID keep, String reason, Instant now) {
		return this.jdbc.sql("""
				update sessions set revoked_at = ?, revoke_reason = ?
				where account_id = ? and id is distinct from ? and revoked_at is null
				returning id""")
			.params(Timestamp.from(now), reason, accountId, keep)
			.query((rs, n) -> rs.getObject(1, UUID.class))
			.list();
	}

	int deleteEndedBefore(Instant cutoff) {
		return this.jdbc.sql("delete from sessions where absolute_expires_at < ? or revoked_at < ?")
			.params(Timestamp.from(cutoff), Timestamp.from(cutoff))
			.update();
	}

	private static Session map(ResultSet rs, int row) throws SQLException {
		Timestamp revoked = rs.getTimestamp("revoked_at");
		return new Session(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getObject("device_id", UUID.class), rs.getString("ip"), rs.getString("country"),
				rs.getString("city"), rs.getString("user_agent"),
				rs.getBoolean("remember_me"), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("last_seen_at").toInstant(), rs.getTimestamp("absolute_expires_at").toInstant(),
				revoked == null ? null : revoked.toInstant());
	}
}
