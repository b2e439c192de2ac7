package io.gatehouse.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
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
 * that debits it, never a read followed by a write; the credit, the transfer and its postings are written in
 * the same statement only if that update happened, so the write is one round trip and all-or-nothing.
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
			if (!write(t, phase, null)) {
				return TransferResult.EXCEEDS_CREDITS;
			}
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
			if (!write(resolution, phase, pendingId)) {
				// A post or void only moves what is held, so nothing can refuse it: a failed write is a broken ledger.
				throw new IllegalStateException("the resolution of a pending transfer wrote nothing: " + pendingId);
			}
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

	/**
	 * The whole write of a transfer in one statement, with both accounts already locked: the debit with its
	 * guard, the credit only if the debit happened, the transfer only if both did, and its two postings with
	 * each account's total and held right after. False (and nothing written) when the guard refused the debit.
	 *
	 * @param phase SINGLE and PENDING move or hold the amount; POST moves what was held; VOID releases it
	 */
	private boolean write(Transfer t, Phase phase, @Nullable UUID pendingId) {
		String debit = switch (phase) {
			case SINGLE -> "debits_posted = debits_posted + :amount";
			case PENDING -> "debits_pending = debits_pending + :amount";
			case POST -> "debits_pending = debits_pending - :amount, debits_posted = debits_posted + :amount";
			case VOID -> "debits_pending = debits_pending - :amount";
		};
		String credit = switch (phase) {
			case SINGLE -> "credits_posted = credits_posted + :amount";
			case PENDING -> "credits_pending = credits_pending + :amount";
			case POST -> "credits_pending = credits_pending - :amount, credits_posted = credits_posted + :amount";
			case VOID -> "credits_pending = credits_pending - :amount";
		};
		// Only what takes money out (or holds it) is guarded; a post or void moves what is held already.
		String guard = phase == Phase.SINGLE || phase == Phase.PENDING
				? " and (owner_id is null or credits_posted - debits_posted - debits_pending >= :amount)" : "";
		return this.jdbc.sql("""
				with d as (
				    update ledger_accounts set %s where id = :debit::bigint%s
				    returning credits_posted - debits_posted as balance, debits_pending as held),
				c as (
				    update ledger_accounts set %s where id = :credit::bigint and exists (select 1 from d)
				    returning credits_posted - debits_posted as balance, debits_pending as held),
				t as (
				    insert into ledger_transfers (id, debit_account_id, credit_account_id, currency, amount, kind, phase,
				                                  pending_id, reference, created_at)
				    select :id::uuid, :debit::bigint, :credit::bigint, :currency::text, :amount::bigint, :kind::text,
				           :phase::text, :pending::uuid, :reference::text, :now::timestamptz
				    where exists (select 1 from c)
				    returning id),
				p as (
				    insert into ledger_postings (account_id, transfer_id, side, balance_after, held_after, created_at)
				    select :debit::bigint, t.id, 'DEBIT', d.balance, d.held, :now::timestamptz from t, d
				    union all
				    select :credit::bigint, t.id, 'CREDIT', c.balance, c.held, :now::timestamptz from t, c
				    returning 1)
				select count(*) from p""".formatted(debit, guard, credit))
			.param("amount", t.amount())
			.param("debit", t.debitAccountId())
			.param("credit", t.creditAccountId())
			.param("id", t.id())
			.param("currency", t.currency())
			.param("kind", t.kind())
			.param("phase", phase.name())
			.param("pending", pendingId, Types.OTHER)
			.param("reference", t.reference(), Types.VARCHAR)
			.param("now", Timestamp.from(this.clock.instant()))
			.query(Integer.class)
			.single() == 2;
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
