package io.gatehouse.assets;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The futures_activations table: one row per account that opened futures, never removed. */
@Repository
class FuturesActivations {

	private final JdbcClient jdbc;

	FuturesActivations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** False when the account had activated futures already. */
	boolean insert(UUID accountId, Instant at, String terms, String ip) {
		return this.jdbc.sql("""
				insert into futures_activations (account_id, activated_at, terms, ip) values (?, ?, ?, ?)
				on conflict (account_id) do nothing""")
			.params(accountId, Timestamp.from(at), terms, ip)
			.update() == 1;
	}

	Optional<Instant> activatedAt(UUID accountId) {
		return this.jdbc.sql("select activated_at from futures_activations where account_id = ?")
			.param(accountId)
			.query((rs, n) -> rs.getTimestamp("activated_at").toInstant())
			.optional();
	}
}
