package io.gatehouse.session;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.gatehouse.shared.CommitWrites;
import io.gatehouse.shared.Reads;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The devices table: one row per (browser, account), found by the device cookie's keyed hash. */
@Repository
class Devices {

	private final JdbcClient jdbc;

	private final CommitWrites commitWrites;

	Devices(JdbcClient jdbc, CommitWrites commitWrites) {
		this.jdbc = jdbc;
		this.commitWrites = commitWrites;
	}

	List<Device> listForAccount(UUID accountId) {
		return this.jdbc.sql("""
				select id, account_id, user_agent, first_ip, last_ip, first_seen_at, last_seen_at
				from devices where account_id = ? order by last_seen_at desc limit 100""")
			.param(accountId)
			.query((rs, n) -> new Device(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
					rs.getString("user_agent"), rs.getString("first_ip"), rs.getString("last_ip"),
					rs.getTimestamp("first_seen_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant()))
			.list();
	}

	/**
	 * Records a new device; if a concurrent sign-in with the same token just did, that row is updated
	 * and its id returned, so a double submit cannot fail on the unique key.
	 */
	UUID insert(Device d, byte[] tokenHash) {
		return this.jdbc.sql("""
				insert into devices (id, account_id, token_hash, user_agent, first_ip, last_ip, first_seen_at, last_seen_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (token_hash, account_id) do update
				    set last_ip = excluded.last_ip, user_agent = excluded.user_agent, last_seen_at = excluded.last_seen_at
				returning id""")
			.params(d.id(), d.accountId(), tokenHash, d.userAgent(), d.firstIp(), d.lastIp(),
					Timestamp.from(d.firstSeenAt()), Timestamp.from(d.lastSeenAt()))
			.query(UUID.class)
			.single();
	}

	/**
	 * Marks the account's known device as seen from this address and browser, when the current transaction
	 * commits. Scoped to the account, as every other device statement is.
	 */
	void seenAtCommit(UUID deviceId, UUID accountId, String ip, String userAgent, java.time.Instant now) {
		this.commitWrites.atCommit(
				"update devices set last_ip = ?, user_agent = ?, last_seen_at = ? where id = ? and account_id = ?",
				java.util.Arrays.asList(ip, userAgent, Timestamp.from(now), deviceId, accountId));
	}

	private static final String FIND = "select id from devices where token_hash = ? and account_id = ?";

	Optional<UUID> find(byte[] tokenHash, UUID accountId) {
		return this.jdbc.sql(FIND).params(tokenHash, accountId).query(UUID.class).optional();
	}

	Supplier<Optional<UUID>> find(Reads.Batch reads, byte[] tokenHash, UUID accountId) {
		return reads.add(FIND, List.of(tokenHash, accountId),
				rs -> rs.next() ? Optional.of(rs.getObject("id", UUID.class)) : Optional.empty());
	}
}
