package io.gatehouse.assets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.AssetsEvents.CorrectionApplied;
import io.gatehouse.assets.AssetsEvents.CorrectionProposed;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.ledger.Transfer;
import io.gatehouse.ledger.TransferResult;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Corrections to a customer's balance, four-eyes (PRODUCT.md 1.11): a support staff member proposes one
 * (account, currency, account type, credit or debit, amount, reason); a different staff member with the
 * admin role approves it, and only then does it become a transfer against the currency's {@code CORRECTIONS}
 * system account, in the same transaction that records the decision. Nothing is ever edited; a wrong
 * correction is corrected by another. A debit that the balance no longer covers fails and moves nothing.
 */
@Service
public class Corrections {

	static final String KIND = "correction";

	private final JdbcClient jdbc;

	private final Currencies currencies;

	private final LedgerAccounts accounts;

	private final Ledger ledger;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final Randomness randomness;

	Corrections(JdbcClient jdbc, Currencies currencies, LedgerAccounts accounts, Ledger ledger,
			ApplicationEventPublisher events, TransactionTemplate tx, Clock clock, Randomness randomness) {
		this.randomness = randomness;
		this.jdbc = jdbc;
		this.currencies = currencies;
		this.accounts = accounts;
		this.ledger = ledger;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/** A proposed or decided correction; the amount in minor units of the currency. */
	public record Correction(UUID id, UUID accountId, String currency, LedgerAccountType type, String direction,
			long amount, String reason, String status, UUID proposedBy, Instant proposedAt,
			@Nullable UUID decidedBy, @Nullable Instant decidedAt) {
	}

	public Result propose(Actor.Staff by, UUID accountId, String currencyCode, String accountType, String direction,
			String amount, String reason) {
		if (!by.has(Actor.Staff.Role.SUPPORT)) {
			return new Result.Refused(AssetsRejection.CORRECTION_FORBIDDEN);
		}
		Optional<Currency> currency = this.currencies.find(currencyCode);
		if (currency.isEmpty()) {
			return new Result.Refused(AssetsRejection.CURRENCY_UNKNOWN);
		}
		Optional<LedgerAccountType> type = LedgerAccountType.customer(accountType);
		if (type.isEmpty()) {
			return new Result.Refused(AssetsRejection.ACCOUNT_TYPE_INVALID);
		}
		if (!direction.equals("credit") && !direction.equals("debit")) {
			return new Result.Refused(AssetsRejection.CORRECTION_INVALID);
		}
		Optional<Long> minor = Amounts.parse(amount, currency.get().scale());
		if (minor.isEmpty()) {
			return new Result.Refused(AssetsRejection.AMOUNT_INVALID);
		}
		String why = reason.strip();
		int characters = why.codePointCount(0, why.length());
		if (characters < 5 || characters > 1000 || why.chars().anyMatch(c -> Character.isISOControl(c))) {
			return new Result.Refused(AssetsRejection.CORRECTION_INVALID);
		}
		UUID id = this.randomness.uuid();
		Boolean proposed = this.tx.execute(s -> {
			int rows = this.jdbc.sql("""
					insert into ledger_corrections (id, account_id, currency, type, direction, amount, reason, status,
					                                proposed_by, proposed_at)
					select ?, a.id, ?, ?, ?, ?, ?, 'PROPOSED', ?, ? from accounts a where a.id = ?""")
				.params(id, currency.get().code(), type.get().name(), direction.toUpperCase(Locale.ROOT),
						minor.get(), why, by.id(), Timestamp.from(this.clock.instant()), accountId)
				.update();
			if (rows == 1) {
				this.events.publishEvent(new CorrectionProposed(accountId, id, currency.get().code(),
						Amounts.format(minor.get(), currency.get().scale()), direction, by.auditName()));
			}
			return rows == 1;
		});
		return Boolean.TRUE.equals(proposed) ? new Result.Done(find(id).orElseThrow())
				: new Result.Refused(AssetsRejection.CORRECTION_NOT_FOUND);
	}

	/** A different admin approves: the transfer is made now, or the correction fails if a debit is not covered. */
	public Result approve(Actor.Staff by, UUID correctionId) {
		return decide(by, correctionId, true);
	}

	public Result reject(Actor.Staff by, UUID correctionId) {
		return decide(by, correctionId, false);
	}

	private Result decide(Actor.Staff by, UUID correctionId, boolean approve) {
		if (!by.has(Actor.Staff.Role.ADMIN)) {
			return new Result.Refused(AssetsRejection.CORRECTION_FORBIDDEN);
		}
		Result result = this.tx.execute(s -> {
			Optional<Correction> open = this.jdbc.sql(SELECT + " where id = ? and status = 'PROPOSED' for update")
				.param(correctionId)
				.query(Corrections::row)
				.optional();
			if (open.isEmpty()) {
				return new Result.Refused(AssetsRejection.CORRECTION_NOT_FOUND);
			}
			Correction c = open.get();
			if (c.proposedBy().equals(by.id())) {
				return new Result.Refused(AssetsRejection.CORRECTION_FOUR_EYES);
			}
			String status = approve ? apply(c) : "REJECTED";
			this.jdbc.sql("""
					update ledger_corrections set status = ?, decided_by = ?, decided_at = ?, transfer_id = ?
					where id = ?""")
				.params(status, by.id(), Timestamp.from(this.clock.instant()),
						"APPLIED".equals(status) ? c.id() : null, c.id())
				.update();
			int scale = this.currencies.find(c.currency()).map(Currency::scale).orElse(0);
			this.events.publishEvent(new CorrectionApplied(c.accountId(), c.id(), c.currency(),
					Amounts.format(c.amount(), scale),
					c.direction().toLowerCase(Locale.ROOT), status.toLowerCase(Locale.ROOT),
					by.auditName()));
			return "FAILED".equals(status) ? new Result.Refused(AssetsRejection.INSUFFICIENT_BALANCE)
					: new Result.Done(find(c.id()).orElseThrow());
		});
		return Objects.requireNonNull(result);
	}

	/** The transfer, with the correction's id as its own: APPLIED, or FAILED when a debit is not covered. */
	private String apply(Correction c) {
		long amount = c.amount();
		Map<LedgerAccountType, Long> ids = this.accounts.open(c.accountId(), c.currency(), c.type());
		long customer = Objects.requireNonNull(ids.get(c.type()));
		long system = this.accounts.system(c.currency(), LedgerAccountType.CORRECTIONS);
		boolean credit = c.direction().equals("CREDIT");
		TransferResult result = this.ledger.transfer(new Transfer(c.id(), credit ? system : customer,
				credit ? customer : system, c.currency(), amount, KIND, "correction " + c.id()));
		return result.succeeded() ? "APPLIED" : "FAILED";
	}

	public Optional<Correction> find(UUID id) {
		return this.jdbc.sql(SELECT + " where id = ?").param(id).query(Corrections::row).optional();
	}

	/** The account's corrections, newest first. */
	public List<Correction> of(UUID accountId) {
		return this.jdbc.sql(SELECT + " where account_id = ? order by proposed_at desc limit 100")
			.param(accountId)
			.query(Corrections::row)
			.list();
	}

	private static final String SELECT = """
			select id, account_id, currency, type, direction, amount, reason, status, proposed_by, proposed_at,
			       decided_by, decided_at
			from ledger_corrections""";

	private static Correction row(ResultSet rs, int n) throws SQLException {
		Timestamp decided = rs.getTimestamp("decided_at");
		return new Correction(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
				rs.getString("currency"), LedgerAccountType.valueOf(rs.getString("type")), rs.getString("direction"),
				rs.getLong("amount"), rs.getString("reason"), rs.getString("status"),
				rs.getObject("proposed_by", UUID.class), rs.getTimestamp("proposed_at").toInstant(),
				rs.getObject("decided_by", UUID.class), decided == null ? null : decided.toInstant());
	}

	public sealed interface Result {

		record Done(Correction correction) implements Result {
		}

		record Refused(AssetsRejection rejection) implements Result {
		}
	}
}
