package io.gatehouse.account.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Identifier;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The table {@code contact_changes}: one row per change, from its code to its revert window. */
@Repository
class ContactChangeRows {

	private static final String COLUMNS = """
			id, account_id, kind, session_id, old_value, new_value, code_hash, code_expires_at, wrong_attempts, sends""";

	private final JdbcClient jdbc;

	ContactChangeRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Changes of one account happen one at a time, in this order: the account row, then its changes. */
	void lockAccount(UUID accountId) {
		this.jdbc.sql("select id from accounts where id = ? for update").param(accountId).query(UUID.class).single();
	}

	int startedSince(UUID accountId, Instant since) {
		return this.jdbc.sql("select count(*) from contact_changes where account_id = ? and created_at > ?")
			.params(accountId, Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	/** Codes sent to one address since then, whichever account asked. */
	int sendsTo(String address, Instant since) {
		return this.jdbc.sql("select coalesce(sum(sends), 0) from contact_changes where new_value = ? and created_at > ?")
			.params(address, Timestamp.from(since))
			.query(Integer.class)
			.single();
	}

	void insert(UUID id, UUID accountId, Identifier.Kind kind, UUID sessionId, @Nullable String oldValue,
			String newValue, byte @Nullable [] codeHash, Instant codeExpiresAt, Instant now) {
		this.jdbc.sql("""
				insert into contact_changes (id, account_id, kind, session_id, old_value, new_value, code_hash,
				    code_expires_at, status, created_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""")
			.params(id, accountId, kind.name(), sessionId, oldValue, newValue, codeHash, Timestamp.from(codeExpiresAt),
					Timestamp.from(now))
			.update();
	}

	/** The session's waiting change of this kind, its row locked to the end of the transaction. */
	Optional<Row> lockPending(UUID accountId, UUID sessionId, Identifier.Kind kind) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from contact_changes
				where account_id = ? and kind = ? and session_id = ? and status = 'PENDING'
				for update""")
			.params(accountId, kind.name(), sessionId)
			.query(ContactChangeRows::row)
			.optional();
	}

	void newCode(UUID id, byte @Nullable [] codeHash, Instant expiresAt) {
		this.jdbc.sql("update contact_changes set code_hash = ?, code_expires_at = ?, sends = sends + 1 where id = ?")
			.params(codeHash, Timestamp.from(expiresAt), id)
			.update();
	}

	void wrongAttempts(UUID id, int wrong) {
		this.jdbc.sql("update contact_changes set wrong_attempts = ? where id = ?").params(wrong, id).update();
	}

	void confirmed(UUID id, Instant now, byte[] revertTokenHash, Instant revertUntil) {
		this.jdbc.sql("""
				update contact_changes set status = 'CONFIRMED', confirmed_at = ?, code_hash = null,
				    revert_token_hash = ?, revert_expires_at = ?
				where id = ?""")
			.params(Timestamp.from(now), revertTokenHash, Timestamp.from(revertUntil), id)
			.update();
	}

	/** Ends the account's waiting change of this kind, if any; whether there was one. */
	boolean endPending(UUID accountId, Identifier.Kind kind, String reason) {
		return this.jdbc.sql("""
				update contact_changes set status = 'CANCELLED', ended_reason = ?, code_hash = null
				where account_id = ? and kind = ? and status = 'PENDING'""")
			.params(reason, accountId, kind.name())
			.update() > 0;
	}

	/** Stops one waiting change. */
	void cancelPending(UUID id, String reason) {
		this.jdbc.sql("""
				update contact_changes set status = 'CANCELLED', ended_reason = ?, code_hash = null
				where id = ? and status = 'PENDING'""")
			.params(reason, id)
			.update();
	}

	/** The session's changes waiting for a code. */
	List<Row> pending(UUID accountId, UUID sessionId, Instant now) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from contact_changes
				where account_id = ? and session_id = ? and status = 'PENDING' and code_expires_at > ?
				order by kind""")
			.params(accountId, sessionId, Timestamp.from(now))
			.query(ContactChangeRows::row)
			.list();
	}

	/**
	 * Until when this kind is held, if it still is at {@code now}: the cooldown after a change or revert, or a
	 * live revert link, whichever ends last.
	 */
	Optional<Instant> heldUntil(UUID accountId, Identifier.Kind kind, Duration cooldown, Instant now) {
		long seconds = cooldown.toSeconds();
		return this.jdbc.sql("""
				select max(case when status = 'CONFIRMED'
				                then greatest(confirmed_at + ? * interval '1 second', revert_expires_at)
				                else reverted_at + ? * interval '1 second' end)
				from contact_changes
				where account_id = ? and kind = ? and status in ('CONFIRMED', 'REVERTED')""")
			.params(seconds, seconds, accountId, kind.name())
			.query(Timestamp.class)
			.list()
			.stream()
			.filter(Objects::nonNull)
			.map(Timestamp::toInstant)
			.filter(until -> until.isAfter(now))
			.findFirst();
	}

	/** The confirmed change a live revert link names, without spending it. */
	Optional<Row> revertible(byte[] revertTokenHash, Instant now) {
		return this.jdbc.sql("select " + COLUMNS + """
				 from contact_changes
				where revert_token_hash = ? and status = 'CONFIRMED' and revert_expires_at > ?""")
			.params(revertTokenHash, Timestamp.from(now))
			.query(ContactChangeRows::row)
			.optional();
	}

	/** Spends a live revert link, once, whoever else tries at the same moment. */
	Optional<Row> spendRevert(byte[] revertTokenHash, Instant now) {
		return this.jdbc.sql("""
				update contact_changes set status = 'REVERTED', reverted_at = ?
				where revert_token_hash = ? and status = 'CONFIRMED' and revert_expires_at > ?
				returning\s""" + COLUMNS)
			.params(Timestamp.from(now), revertTokenHash, Timestamp.from(now))
			.query(ContactChangeRows::row)
			.optional();
	}

	/** Kept a while after the revert window for the holds and limits that count them; addresses are personal data. */
	void deleteOlderThan(Instant cutoff) {
		this.jdbc.sql("delete from contact_changes where created_at < ? and (revert_expires_at is null or revert_expires_at < ?)")
			.params(Timestamp.from(cutoff), Timestamp.from(cutoff))
			.update();
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				Identifier.Kind.valueOf(rs.getString("kind")), rs.getString("old_value"), rs.getString("new_value"),
				rs.getBytes("code_hash"), rs.getTimestamp("code_expires_at").toInstant(), rs.getInt("wrong_attempts"),
				rs.getInt("sends"));
	}

	record Row(UUID id, UUID accountId, Identifier.Kind kind, @Nullable String oldValue, String newValue,
			byte @Nullable [] codeHash, Instant codeExpiresAt, int wrongAttempts, int sends) {

		@Override
		public String toString() {
			return "Row[" + this.id + ", " + this.kind + "]";
		}
	}
}
