package io.gatehouse.ledger;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes transfers between ledger accounts (TigerBeetle's model). Each call runs in the caller's transaction
 * when there is one, else in its own, and takes its locks in one order: the pending transfer it resolves,
 * then both ledger accounts in id order. Only after they are held does it look for an earlier transfer
 * with the same id, so two requests with one id (and so the same accounts) take turns and the second
 * finds the first. A refusal writes nothing, so the caller's transaction stays usable.
 *
 * <p>A customer account's guard (available never below zero) is the {@code where} clause of the update
 * that debits it, checked by its row count, never a read followed by a write.
 */
@Service
public class Ledger {

	private final JdbcClient jdbc;

	private final TransactionTemplate tx;

	private final Clock clock;

	Ledger(JdbcClient jdbc, TransactionTemplate tx, Clock clock) {
		this.jdbc = jdbc;
		this.tx = tx;
		this.clock = clock;
	}

	/** Moves the amount now. */
	public TransferResult transfer(Transfer t) {
		return move(t, Phase.SINGLE);
	}

	/** Holds the amount on the debit account until {@link #post} or {@link #voidHold} names this transfer. */
	public TransferResult hold(Transfer t) {
		return move(t, Phase.PENDING);
	}

	/** Moves what the pending transfer held; {@code id} is this resolution's own idempotency key. */
	public TransferResult post(UUID id, UUID pendingId) {
		return resolve(id, pendingId, Phase.POST);
	}

	/** Releases what the pending transfer held, moving nothing. */
	public TransferResult voidHold(UUID id, UUID pendingId) {
		return resolve(id, pendingId, Phase.VOID);
	}

	enum Phase {
		SINGLE, PENDING, POST, VOID
	}

	private TransferResult move(Transfer t, Phase phase) {
		if (t.amount() <= 0) {
			return TransferResult.AMOUNT_MUST_NOT_BE_ZERO;
		}
		if (t.debitAccountId() == t.creditAccountId()) {
			return TransferResult.ACCOUNTS_MUST_BE_DIFFERENT;
		}
		return Objects.requireNonNull(this.tx.execute(s -> {
			Map<Long, String> currencies = lockAccounts(t.debitAccountId(), t.creditAccountId());
			Optional<TransferResult> accounts = checkAccounts(currencies, t.debitAccountId(), t.creditAccountId(),
					t.currency());
			if (accounts.isPresent()) {
				return accounts.get();
			}
			Optional<Stored> earlier = stored(t.id());
			if (earlier.isPresent()) {
				return earlier.get().compare(t, phase, null);
			}
			Optional<After> debited = phase == Phase.SINGLE ? debitPosted(t.debitAccountId(), t.amount())
					: debitPending(t.debitAccountId(), t.amount());
			if (debited.isEmpty()) {
				return TransferResult.EXCEEDS_CREDITS;
			}
			After credited = phase == Phase.SINGLE ? creditPosted(t.creditAccountId(), t.amount())
					: creditPending(t.creditAccountId(), t.amount());
			record(t, phase, null, debited.get(), credited);
			return TransferResult.OK;
		}));
	}

	private TransferResult resolve(UUID id, UUID pendingId, Phase phase) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<Stored> pending = this.jdbc.sql(Stored.SELECT + " where id = ? for update")
				.param(pendingId)
				.query(Stored::of)
				.optional();
			if (pending.isEmpty()) {
				return TransferResult.PENDING_TRANSFER_NOT_FOUND;
			}
			Stored held = pending.get();
			Transfer resolution = new Transfer(id, held.debitAccountId(), held.creditAccountId(), held.currency(),
					held.amount(), held.kind(), held.reference());
			Optional<Stored> earlier = stored(id);
			if (earlier.isPresent()) {
				return earlier.get().compare(resolution, phase, pendingId);
			}
			if (held.phase() != Phase.PENDING) {
				return TransferResult.PENDING_TRANSFER_NOT_PENDING;
			}
			Optional<Phase> resolved = this.jdbc.sql("select phase from ledger_transfers where pending_id = ?")
				.param(pendingId)
				.query((rs, n) -> Phase.valueOf(rs.getString("phase")))
				.optional();
			if (resolved.isPresent()) {
				return resolved.get() == Phase.POST ? TransferResult.PENDING_TRANSFER_ALREADY_POSTED
						: TransferResult.PENDING_TRANSFER_ALREADY_VOIDED;
			}
			lockAccounts(held.debitAccountId(), held.creditAccountId());
			After debited = release(held.debitAccountId(), held.amount(), phase == Phase.POST, "debits");
			After credited = release(held.creditAccountId(), held.amount(), phase == Phase.POST, "credits");
			record(resolution, phase, pendingId, debited, credited);
			return TransferResult.OK;
		}));
	}

	/** Locks both accounts in id order (so no two transfers wait on each other) and returns their currencies. */
	private Map<Long, String> lockAccounts(long a, long b) {
		Map<Long, String> currencies = new HashMap<>();
		this.jdbc.sql("select id, currency from ledger_accounts where id in (?, ?) order by id for update")
			.params(a, b)
			.query(rs -> {
				currencies.put(rs.getLong("id"), rs.getString("currency"));
			});
		return currencies;
	}

	private static Optional<TransferResult> checkAccounts(Map<Long, String> currencies, long debit, long credit,
			String currency) {
		if (!currencies.containsKey(debit)) {
			return Optional.of(TransferResult.DEBIT_ACCOUNT_NOT_FOUND);
		}
		if (!currencies.containsKey(credit)) {
			return Optional.of(TransferResult.CREDIT_ACCOUNT_NOT_FOUND);
		}
		if (!currency.equals(currencies.get(debit)) || !currency.equals(currencies.get(credit))) {
			return Optional.of(TransferResult.CURRENCY_MISMATCH);
		}
		return Optional.empty();
	}

	private Optional<Stored> stored(UUID id) {
		return this.jdbc.sql(Stored.SELECT + " where id = ?").param(id).query(Stored::of).optional();
	}

	/** A ledger account's balance and holds right after a change. */
	private record After(BigInteger balance, BigInteger held) {
	}

	private static final String RETURNING = " returning credits_posted - debits_posted as balance, debits_pending as held";

	/** The guard: a customer account's available balance covers the amount, in the statement that debits it. */
	private Optional<After> debitPosted(long account, long amount) {
		return this.jdbc.sql("""
				update ledger_accounts set debits_posted = debits_posted + ?
				where id = ? and (owner_id is null or credits_posted - debits_posted - debits_pending >= ?)""" + RETURNING)
			.params(amount, account, amount)
			.query(Ledger::after)
			.optional();
	}

	private Optional<After> debitPending(long account, long amount) {
		return this.jdbc.sql("""
				update ledger_accounts set debits_pending = debits_pending + ?
				where id = ? and (owner_id is null or credits_posted - debits_posted - debits_pending >= ?)""" + RETURNING)
			.params(amount, account, amount)
			.query(Ledger::after)
			.optional();
	}

	private After creditPosted(long account, long amount) {
		return this.jdbc.sql("update ledger_accounts set credits_posted = credits_posted + ? where id = ?" + RETURNING)
			.params(amount, account)
			.query(Ledger::after)
			.single();
	}

	private After creditPending(long account, long amount) {
		return this.jdbc.sql("update ledger_accounts set credits_pending = credits_pending + ? where id = ?" + RETURNING)
			.params(amount, account)
			.query(Ledger::after)
			.single();
	}

	/** Takes a hold off one side ({@code debits} or {@code credits}), and when posting, moves it to posted. */
	private After release(long account, long amount, boolean post, String side) {
		String posted = post ? ", " + side + "_posted = " + side + "_posted + ?" : "";
		var statement = this.jdbc.sql("update ledger_accounts set " + side + "_pending = " + side + "_pending - ?"
				+ posted + " where id = ?" + RETURNING);
		statement = post ? statement.params(amount, amount, account) : statement.params(amount, account);
		return statement.query(Ledger::after).single();
	}

	private static After after(ResultSet rs, int row) throws SQLException {
		return new After(rs.getBigDecimal("balance").toBigIntegerExact(), rs.getBigDecimal("held").toBigIntegerExact());
	}

	/** The transfer and its two postings, in one statement. */
	private void record(Transfer t, Phase phase, @Nullable UUID pendingId, After debited, After credited) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.sql("""
				with t as (
				    insert into ledger_transfers (id, debit_account_id, credit_account_id, currency, amount, kind, phase,
				                                  pending_id, reference, created_at)
				    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id)
				insert into ledger_postings (account_id, transfer_id, side, balance_after, held_after, created_at)
				select ?::bigint, t.id, 'DEBIT', ?::numeric, ?::numeric, ?::timestamptz from t
				union all
				select ?::bigint, t.id, 'CREDIT', ?::numeric, ?::numeric, ?::timestamptz from t""")
			.params(t.id(), t.debitAccountId(), t.creditAccountId(), t.currency(), t.amount(), t.kind(), phase.name(),
					pendingId, t.reference(), now, t.debitAccountId(), debited.balance(), debited.held(), now,
					t.creditAccountId(), credited.balance(), credited.held(), now)
			.update();
	}

	/** A transfer as stored. */
	private record Stored(UUID id, long debitAccountId, long creditAccountId, String currency, long amount,
			String kind, Phase phase, @Nullable UUID pendingId, @Nullable String reference, Instant createdAt) {

		static final String SELECT = """
				select id, debit_account_id, credit_account_id, currency, amount, kind, phase, pending_id, reference,
				       created_at
				from ledger_transfers""";

		static Stored of(ResultSet rs, int row) throws SQLException {
			return new Stored(rs.getObject("id", UUID.class), rs.getLong("debit_account_id"),
					rs.getLong("credit_account_id"), rs.getString("currency"), rs.getLong("amount"), rs.getString("kind"),
					Phase.valueOf(rs.getString("phase")), rs.getObject("pending_id", UUID.class),
					rs.getString("reference"), rs.getTimestamp("created_at").toInstant());
		}

		/** Whether a request with this id asks for the very transfer that was made. */
		TransferResult compare(Transfer t, Phase askedPhase, @Nullable UUID askedPending) {
			if (this.debitAccountId != t.debitAccountId()) {
				return TransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT;
			}
			if (this.creditAccountId != t.creditAccountId()) {
				return TransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT;
			}
			if (this.amount != t.amount()) {
				return TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT;
			}
			if (!this.kind.equals(t.kind())) {
				return TransferResult.EXISTS_WITH_DIFFERENT_KIND;
			}
			if (!Objects.equals(this.reference, t.reference())) {
				return TransferResult.EXISTS_WITH_DIFFERENT_REFERENCE;
			}
			if (this.phase != askedPhase || !Objects.equals(this.pendingId, askedPending)) {
				return TransferResult.EXISTS_WITH_DIFFERENT_PHASE;
			}
			return TransferResult.EXISTS;
		}
	}
}
