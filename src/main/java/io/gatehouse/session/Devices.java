package io.gatehouse.session;

import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The devices table: one row per (browser, account), found by the device cookie's keyed hash. */
@Repository
class Devices {

	private final JdbcClient jdbc;

	Devices(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Device> listForAccount(UUID accountId) {
		return this.jdbc.sql("""
				select id, account_id, user_agent, first_ip, last_ip, last_country, last_city, first_seen_at, last_seen_at
				from devices where account_id = ? order by last_seen_at desc limit 100""")
			.param(accountId)
			.query((rs, n) -> new Device(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
					rs.getString("user_agent"), rs.getString("first_ip"), rs.getString("last_ip"),
					rs.getString("last_country"), rs.getString("last_city"), rs.getTimestamp("first_seen_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant()))
			.list();
	}

	/**
	 * Records a new device; if a concurrent sign-in with the same token just did, that row is updated
	 * and its id returned, so a double submit cannot fail on the unique key.
	 */
	UUID insert(Device d, byte[] tokenHash) {
		return this.jdbc.sql("""
				insert into devices (id, account_id, token_hash, user_agent, first_ip, last_ip, last_country, last_city,
				                     first_seen_at, last_seen_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (token_hash, account_id) do update
				    set last_ip = excluded.last_ip, last_country = excluded.last_country, last_city = excluded.last_city,
				        user_agent = excluded.user_agent,
				        last_seen_at = excluded.last_seen_at
				returning id""")
			.params(Arrays.asList(d.id(), d.accountId(), tokenHash, d.userAgent(), d.firstIp(), d.lastIp(),
					d.lastCountry(), d.lastCity(), Timestamp.from(d.firstSeenAt()), Timestamp.from(d.lastSeenAt())))
			.query(UUID.class)
			.single();
	}

	private static final String FIND = "select id from devices where token_hash = ? and account_id = ?";

	Optional<UUID> find(byte[] tokenHash, UUID accountId) {
		return this.jdbc.sql(FIND).params(tokenHash, accountId).query(UUID.class).optional();
	}
}
