package io.gatehouse.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts an account's recent security events of one type, for per-account caps that must hold across
 * nodes ("at most five codes an hour"): the log is the counter, so no separate counter can drift from it.
 * Callers count and then publish the event that the next caller counts, in one transaction; a
 * per-account, per-type advisory lock makes parallel callers see each other.
 */
@Component
public class EventCounts {

	private final JdbcClient jdbc;

	EventCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Events of {@code type} for the account after {@code since}; call inside the caller's transaction. */
	@Transactional
	public int since(UUID accountId, String type, Instant since) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtext(? || ':' || ?))")
			.params(type, accountId.toString())
			.query((rs, n) -> 1)
			.list();
		return this.jdbc.sql("select count(*) from security_events where account_id = ? and type = ? and occurred_at > ?")
			.params(accountId, type, Timestamp.from(since))
			.query(Integer.class)
			.single();
	}
}
