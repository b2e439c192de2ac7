package io.gatehouse.ledger;

import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** An owner's statement: the postings on their ledger accounts, newest first, filtered. */
@Repository
public class Postings {

	/** The most one page holds. */
	public static final int MAX_PAGE = 500;

	private final JdbcClient jdbc;

	Postings(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param currency only this currency, when given
	 * @param type only this account type, when given
	 * @param from from this time on (inclusive), when given
	 * @param until before this time, when given
	 * @param limit at most this many, up to {@link #MAX_PAGE}
	 */
	public List<Posting> of(UUID ownerId, @Nullable String currency, @Nullable LedgerAccountType type,
			@Nullable Instant from, @Nullable Instant until, int limit) {
		StringBuilder sql = new StringBuilder("""
				select p.created_at, a.type, a.currency, p.side, t.amount, t.kind, t.phase, t.id, t.reference,
				       p.balance_after, p.held_after
				from ledger_postings p
				join ledger_accounts a on a.id = p.account_id
				join ledger_transfers t on t.id = p.transfer_id
				where a.owner_id = ?""");
		List<Object> params = new ArrayList<>(List.of(ownerId));
		if (currency != null) {
			sql.append(" and a.currency = ?");
			params.add(currency);
		}
		if (type != null) {
			sql.append(" and a.type = ?");
			params.add(type.name());
		}
		if (from != null) {
			sql.append(" and p.created_at >= ?");
			params.add(Timestamp.from(from));
		}
		if (until != null) {
			sql.append(" and p.created_at < ?");
			params.add(Timestamp.from(until));
		}
		sql.append(" order by p.seq desc limit ?");
		params.add(Math.max(1, Math.min(limit, MAX_PAGE)));
		return this.jdbc.sql(sql.toString())
			.params(params)
			.query((rs, n) -> new Posting(rs.getTimestamp("created_at").toInstant(),
					LedgerAccountType.valueOf(rs.getString("type")), rs.getString("currency"),
					"DEBIT".equals(rs.getString("side")) ? Posting.Direction.OUT : Posting.Direction.IN,
					rs.getLong("amount"), rs.getString("kind"), rs.getString("phase"), rs.getObject("id", UUID.class),
					rs.getString("reference"), rs.getBigDecimal("balance_after").toBigIntegerExact(),
					rs.getBigDecimal("held_after").toBigIntegerExact()))
			.list();
	}

	/**
	 * One side of a transfer on one of the owner's accounts.
	 *
	 * @param direction {@code IN} when it credits the account, {@code OUT} when it debits it
	 * @param phase {@code SINGLE}, or {@code PENDING} (held), {@code POST} (the hold moved), {@code VOID}
	 * (the hold released)
	 * @param balanceAfter the account's total right after, in minor units
	 * @param heldAfter what stayed held right after
	 */
	public record Posting(Instant at, LedgerAccountType type, String currency, Direction direction, long amount,
			String kind, String phase, UUID transferId, @Nullable String reference, BigInteger balanceAfter,
			BigInteger heldAfter) {

		public enum Direction {
			IN, OUT
		}
	}
}
