package io.gatehouse.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The security_events table and its chain heads. Rows are only ever inserted. */
@Repository
class SecurityEvents {

	private static final TypeReference<LinkedHashMap<String, String>> DETAILS = new TypeReference<>() {
	};

	private static final String COLUMNS = "id, chain_key, seq, account_id, occurred_at, type, outcome, reason, ip, country, city, "
			+ "user_agent, session_id, factor, actor, details, hash_version, prev_hash, hash, mac";

	private final JdbcClient jdbc;

	private final JsonMapper json;

	SecurityEvents(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/**
	 * Locks the chain head for the rest of the transaction, creating it on first use, in one statement:
	 * the no-op update on conflict takes the row lock and returns the current head. Concurrent appends
	 * to one chain are serialised and each links to the one before; new and existing chains cost the
	 * same, so the work done does not tell whether an account exists.
	 */
	ChainHead lockHead(String chainKey) {
		return this.jdbc.sql(LOCK_HEAD).params(chainKey, EventHashes.GENESIS).query(SecurityEvents::head).single();
	}

	private static final String LOCK_HEAD = """
			insert into security_event_chains (chain_key, last_seq, last_hash) values (?, 0, ?)
			on conflict (chain_key) do update set chain_key = excluded.chain_key
			returning last_seq, last_hash""";

	private static ChainHead head(ResultSet rs, int row) throws SQLException {
		return new ChainHead(rs.getLong("last_seq"), rs.getBytes("last_hash"));
	}

	/**
	 * Inserts an event, already linked after its chain's head, and moves the head to it, in one
	 * statement. Call with the head locked ({@link #lockHead}).
	 */
	void append(SecurityEvent e) {
		this.jdbc.sql("""
				with appended as (
				    insert into security_events (chain_key, seq, account_id, occurred_at, type, outcome, reason, ip,
				        country, city, user_agent, session_id, factor, actor, details, hash_version, prev_hash, hash, mac)
				    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))
				update security_event_chains set last_seq = ?, last_hash = ? where chain_key = ?""")
			.params(Arrays.asList(e.chainKey(), e.seq(), e.accountId(), Timestamp.from(e.occurredAt()), e.type(),
					e.outcome(), e.reason(), e.ip(), e.country(), e.city(), e.userAgent(), e.sessionId(), e.factor(), e.actor(),
					this.json.writeValueAsString(e.details()), e.hashVersion(), e.prevHash(), e.hash(), e.mac(), e.seq(), e.hash(),
					e.chainKey()))
			.update();
	}

	/** One page of an account's events, newest first. */
	List<SecurityEvent> page(UUID accountId, HistoryFilter filter, int offset, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from security_events where account_id = ? and (" + filter.condition()
				+ ") order by id desc offset ? limit ?")
			.params(accountId, offset, limit)
			.query(this::map)
			.list();
	}

	/**
	 * For each given sign-in event of the account, the risk assessment logged last before it, if any: the
	 * bookkeeping the history folds into the sign-in it belongs to.
	 */
	Map<Long, SecurityEvent> assessmentsBefore(UUID accountId, List<Long> signInIds) {
		if (signInIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, SecurityEvent> out = new HashMap<>();
		this.jdbc.sql("select distinct on (s.id) s.id as sign_in_id, " + prefixed("e") + """
				 from unnest(?::bigint[]) as s(id)
				join security_events e on e.account_id = ? and e.type = 'risk_assessed' and e.id < s.id
				order by s.id, e.id desc""")
			.params(signInIds.toArray(Long[]::new), accountId)
			.query((RowCallbackHandler) rs -> out.put(rs.getLong("sign_in_id"), map(rs, 0)));
		return out;
	}

	private static String prefixed(String alias) {
		return Arrays.stream(COLUMNS.split(",\\s*")).map(c -> alias + "." + c).collect(Collectors.joining(", "));
	}

	/** A whole chain in order, for verification. */
	List<SecurityEvent> chain(String chainKey) {
		return this.jdbc.sql("select " + COLUMNS + " from security_events where chain_key = ? order by seq")
			.param(chainKey)
			.query(this::map)
			.list();
	}

	/**
	 * A whole chain in order, a thousand rows at a time, to the consumer until it says stop. Call inside a
	 * transaction: PostgreSQL streams rows only then.
	 */
	void stream(String chainKey, java.util.function.Predicate<SecurityEvent> consumer) {
		try (java.util.stream.Stream<SecurityEvent> rows = this.jdbc
			.sql("select " + COLUMNS + " from security_events where chain_key = ? order by seq")
			.withFetchSize(1000)
			.param(chainKey)
			.query(this::map)
			.stream()) {
			var it = rows.iterator();
			while (it.hasNext() && consumer.test(it.next())) {
				// the consumer took it
			}
		}
	}

	private SecurityEvent map(ResultSet rs, int row) throws SQLException {
		Map<String, String> details = this.json.readValue(rs.getString("details"), DETAILS);
		return new SecurityEvent(rs.getLong("id"), rs.getString("chain_key"), rs.getLong("seq"),
				rs.getObject("account_id", UUID.class), rs.getTimestamp("occurred_at").toInstant(), rs.getString("type"),
				rs.getString("outcome"), rs.getString("reason"), rs.getString("ip"), rs.getString("country"),
				rs.getString("city"), rs.getString("user_agent"),
				rs.getObject("session_id", UUID.class), rs.getString("factor"), rs.getString("actor"), details,
				rs.getInt("hash_version"), rs.getBytes("prev_hash"), rs.getBytes("hash"),
				rs.getBytes("mac") == null ? new byte[0] : rs.getBytes("mac"));
	}

	record ChainHead(long lastSeq, byte[] lastHash) {
	}
}
