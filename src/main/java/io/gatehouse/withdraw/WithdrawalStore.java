package io.gatehouse.withdraw;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Withdrawals and their reviews (tables {@code withdrawals}, {@code withdrawal_reviews}). */
@Repository
class WithdrawalStore {

	private static final String COLUMNS = "id, account_id, client_oid, currency, chain, address, memo, amount, fee, "
			+ "reference_value, status, review_reasons, approvals_needed, hold_id, fee_hold_id, tx_id, outcome_reason, "
			+ "wallet_note, claims, created_at, updated_at";

	private final JdbcClient jdbc;

	WithdrawalStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Withdrawal w) {
		this.jdbc.sql("insert into withdrawals (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(w.id(), w.accountId(), w.clientOid(), w.currency(), w.chain(), w.address(), w.memo(), w.amount(),
					w.fee(), new BigDecimal(w.referenceValue()), w.status().name(), String.join(",", w.reviewReasons()),
					w.approvalsNeeded(), w.holdId(), w.feeHoldId(), w.txId(), w.outcomeReason(), w.walletNote(),
					w.claims(), Timestamp.from(w.createdAt()), Timestamp.from(w.updatedAt()))
			.update();
	}

	Optional<Withdrawal> find(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from withdrawals where id = ?").param(id).query(WithdrawalStore::row)
			.optional();
	}

	/** The withdrawal, held for the caller's transaction. */
	Optional<Withdrawal> hold(UUID id) {
		return this.jdbc.sql("select " + COLUMNS + " from withdrawals where id = ? for update")
			.param(id)
			.query(WithdrawalStore::row)
			.optional();
	}

	Optional<Withdrawal> byClientOid(UUID accountId, String clientOid) {
		return this.jdbc.sql("select " + COLUMNS + " from withdrawals where account_id = ? and client_oid = ?")
			.params(accountId, clientOid)
			.query(WithdrawalStore::row)
			.optional();
	}

	List<Withdrawal> of(UUID accountId, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from withdrawals where account_id = ? order by created_at desc limit ?")
			.params(accountId, limit)
			.query(WithdrawalStore::row)
			.list();
	}

	List<Withdrawal> inStatus(Withdrawal.Status status, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from withdrawals where status = ? order by created_at limit ?")
			.params(status.name(), limit)
			.query(WithdrawalStore::row)
			.list();
	}

	/** What the account's withdrawals since then count against its limit (all but cancelled and failed ones). */
	BigInteger usedSince(UUID accountId, Instant since) {
		return this.jdbc.sql("""
				select coalesce(sum(reference_value), 0) from withdrawals
				where account_id = ? and created_at > ? and status not in ('CANCELLED', 'FAILURE')""")
			.params(accountId, Timestamp.from(since))
			.query(BigDecimal.class)
			.single()
			.toBigIntegerExact();
	}

	/**
	 * When the account first sent a withdrawal to this destination that arrived: one still waiting, reviewed or
	 * failed proves nothing about the address.
	 */
	Optional<Instant> firstUse(UUID accountId, String currency, String chain, String address, String memo) {
		return this.jdbc.sql("""
				select min(created_at) from withdrawals where account_id = ? and currency = ? and chain = ?
				  and address = ? and memo = ? and status = 'SUCCESS'""")
			.params(accountId, currency, chain, address, memo)
			.query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
			.single();
	}

	/** The account's withdrawals the wallet has not picked up, held for the caller's transaction. */
	List<Withdrawal> cancellable(UUID accountId) {
		return this.jdbc.sql("select " + COLUMNS + " from withdrawals where account_id = ? and status in ('REVIEW', 'WAITING') "
				+ "order by created_at for update")
			.param(accountId)
			.query(WithdrawalStore::row)
			.list();
	}

	/** Moves a withdrawal on, if it is still in {@code from}; false otherwise. */
	boolean transition(UUID id, Withdrawal.Status from, Withdrawal.Status to, @Nullable String reason, Instant now) {
		return this.jdbc.sql("""
				update withdrawals set status = ?, outcome_reason = coalesce(?, outcome_reason), updated_at = ?,
				    lease_until = null
				where id = ? and status = ?""")
			.params(to.name(), reason, Timestamp.from(now), id, from.name())
			.update() == 1;
	}

	/**
	 * The oldest withdrawal waiting for the wallet, or one whose lease ran out before a transaction was
	 * reported, now PROCESSING with a new lease and its claim counted. Rows another worker holds are skipped,
	 * so two workers never take the same one at once.
	 */
	Optional<Withdrawal> claim(Instant now, Instant leaseUntil) {
		return this.jdbc.sql("""
				update withdrawals set status = 'PROCESSING', lease_until = ?, updated_at = ?, claims = claims + 1
				where id = (
				    select id from withdrawals
				    where status = 'WAITING' or (status = 'PROCESSING' and tx_id is null and lease_until < ?)
				    order by created_at limit 1 for update skip locked)
				returning\s""" + COLUMNS)
			.params(Timestamp.from(leaseUntil), Timestamp.from(now), Timestamp.from(now))
			.query(WithdrawalStore::row)
			.optional();
	}

	void broadcast(UUID id, String txId, Instant now) {
		this.jdbc.sql("update withdrawals set tx_id = ?, updated_at = ? where id = ?")
			.params(txId, Timestamp.from(now), id)
			.update();
	}

	void madeByKey(UUID id, UUID apiKeyId) {
		this.jdbc.sql("update withdrawals set api_key_id = ? where id = ?").params(apiKeyId, id).update();
	}

	/** The withdrawals this key asked for that the wallet has not picked up, held for the caller's transaction. */
	List<Withdrawal> cancellableByKey(UUID apiKeyId) {
		return this.jdbc.sql("select " + COLUMNS + " from withdrawals where api_key_id = ? and status in ('REVIEW', 'WAITING') "
				+ "order by created_at for update")
			.param(apiKeyId)
			.query(WithdrawalStore::row)
			.list();
	}

	void walletNote(UUID id, String note) {
		this.jdbc.sql("update withdrawals set wallet_note = ? where id = ?").params(note, id).update();
	}

	/** Records one reviewer's decision; false when this reviewer decided on it before. */
	boolean review(UUID withdrawalId, UUID staffId, String staffName, String decision, String reason, Instant now) {
		return this.jdbc.sql("""
				insert into withdrawal_reviews (withdrawal_id, staff_id, staff_name, decision, reason, decided_at)
				values (?, ?, ?, ?, ?, ?) on conflict do nothing""")
			.params(withdrawalId, staffId, staffName, decision, reason, Timestamp.from(now))
			.update() == 1;
	}

	int approvals(UUID withdrawalId) {
		return this.jdbc.sql("select count(*) from withdrawal_reviews where withdrawal_id = ? and decision = 'APPROVE'")
			.param(withdrawalId)
			.query(Integer.class)
			.single();
	}

	record Review(String staffName, String decision, String reason, Instant decidedAt) {
	}

	List<Review> reviews(UUID withdrawalId) {
		return this.jdbc.sql("select staff_name, decision, reason, decided_at from withdrawal_reviews "
				+ "where withdrawal_id = ? order by decided_at")
			.param(withdrawalId)
			.query((rs, n) -> new Review(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant()))
			.list();
	}

	private static Withdrawal row(ResultSet rs, int n) throws SQLException {
		String reasons = rs.getString("review_reasons");
		return new Withdrawal(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("client_oid"), rs.getString("currency"), rs.getString("chain"), rs.getString("address"),
				rs.getString("memo"), rs.getLong("amount"), rs.getLong("fee"),
				rs.getBigDecimal("reference_value").toBigIntegerExact(),
				Withdrawal.Status.valueOf(rs.getString("status")),
				reasons.isEmpty() ? List.of() : Arrays.asList(reasons.split(",")), rs.getInt("approvals_needed"),
				rs.getObject("hold_id", UUID.class), rs.getObject("fee_hold_id", UUID.class), rs.getString("tx_id"),
				rs.getString("outcome_reason"), rs.getString("wallet_note"), rs.getInt("claims"),
				rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("updated_at").toInstant());
	}
}
