package io.gatehouse.withdraw;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.RequestContext;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.ledger.Transfer;
import io.gatehouse.ledger.TransferIds;
import io.gatehouse.ledger.TransferResult;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * A withdrawal's money in the ledger: at request, two pending transfers from the owner's Funding account,
 * the amount towards WITHDRAWALS and the fee towards FEES; at success both are posted, at failure or
 * cancellation both are voided. Every transfer id is derived from the withdrawal's, so each step, repeated,
 * moves nothing twice. Runs in the caller's transaction, which holds the withdrawal's row.
 */
@Component
class Holds {

	static final String KIND = "withdrawal";

	static final String FEE_KIND = "withdrawal_fee";

	private final Ledger ledger;

	private final LedgerAccounts accounts;

	private final Currencies currencies;

	private final WithdrawalStore store;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Holds(Ledger ledger, LedgerAccounts accounts, Currencies currencies, WithdrawalStore store,
			ApplicationEventPublisher events, Clock clock) {
		this.ledger = ledger;
		this.accounts = accounts;
		this.currencies = currencies;
		this.store = store;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Holds amount and fee and writes the withdrawal (REVIEW when it needs approvals, else WAITING); empty when
	 * the balance no longer covers them, and then the caller must roll back.
	 */
	Optional<Withdrawal> request(UUID accountId, WithdrawalRules.Checked c, RequestContext context) {
		Instant now = this.clock.instant();
		WithdrawalRules.Draft d = c.draft();
		String currency = d.currency().code();
		UUID id = TransferIds.derive(KIND, accountId.toString(), d.clientOid());
		long main = Objects.requireNonNull(this.accounts.open(accountId, currency, LedgerAccountType.MAIN)
			.get(LedgerAccountType.MAIN));
		UUID holdId = TransferIds.derive("withdrawal_hold", id.toString());
		TransferResult amount = this.ledger.hold(new Transfer(holdId, main,
				this.accounts.system(currency, LedgerAccountType.WITHDRAWALS), currency, d.amount(), KIND, id.toString()));
		if (!amount.succeeded()) {
			return Optional.empty();
		}
		UUID feeHoldId = null;
		if (c.fee() > 0) {
			feeHoldId = TransferIds.derive("withdrawal_fee_hold", id.toString());
			TransferResult fee = this.ledger.hold(new Transfer(feeHoldId, main,
					this.accounts.system(currency, LedgerAccountType.FEES), currency, c.fee(), FEE_KIND, id.toString()));
			if (!fee.succeeded()) {
				return Optional.empty();
			}
		}
		Withdrawal.Status status = c.approvalsNeeded() > 0 ? Withdrawal.Status.REVIEW : Withdrawal.Status.WAITING;
		Withdrawal w = new Withdrawal(id, accountId, d.clientOid(), currency, d.chain().chain(), c.address(), c.memo(),
				d.amount(), c.fee(), c.referenceValue(), status, c.reviewReasons(), c.approvalsNeeded(), holdId,
				feeHoldId, null, null, null, 0, now, now);
		this.store.insert(w);
		int scale = d.currency().scale();
		this.events.publishEvent(new WithdrawEvents.WithdrawalRequested(accountId, id, currency, d.chain().chain(),
				d.chain().name(), c.address(), c.memo(), Amounts.format(d.amount(), scale), Amounts.format(c.fee(), scale),
				status.wireName(), context));
		return Optional.of(w);
	}

	/** Voids the holds and ends the withdrawal (cancelled or failed), if it is still where {@code w} says. */
	boolean end(Withdrawal w, Withdrawal.Status to, String reason, String change, @Nullable String actor,
			@Nullable RequestContext context) {
		if (!this.store.transition(w.id(), w.status(), to, reason, this.clock.instant())) {
			return false;
		}
		resolve(w, false);
		publish(w, change, w.txId(), reason, actor, context);
		return true;
	}

	/** Posts the holds: the amount leaves for WITHDRAWALS, the fee for FEES. */
	boolean complete(Withdrawal w, String txId, String actor) {
		if (!this.store.transition(w.id(), Withdrawal.Status.PROCESSING, Withdrawal.Status.SUCCESS, null,
				this.clock.instant())) {
			return false;
		}
		resolve(w, true);
		publish(w, "succeeded", txId, null, actor, null);
		return true;
	}

	void publish(Withdrawal w, String change, @Nullable String txId, @Nullable String reason, @Nullable String actor,
			@Nullable RequestContext context) {
		int scale = this.currencies.find(w.currency()).map(Currency::scale).orElse(0);
		this.events.publishEvent(new WithdrawEvents.WithdrawalChanged(w.accountId(), w.id(), change, w.currency(),
				Amounts.format(w.amount(), scale), w.address(), txId, reason, actor, context));
	}

	private void resolve(Withdrawal w, boolean post) {
		String how = post ? "post" : "void";
		check(post ? this.ledger.post(TransferIds.derive("withdrawal_" + how, w.id().toString()), w.holdId())
				: this.ledger.voidHold(TransferIds.derive("withdrawal_" + how, w.id().toString()), w.holdId()), w);
		UUID feeHold = w.feeHoldId();
		if (feeHold != null) {
			UUID id = TransferIds.derive("withdrawal_fee_" + how, w.id().toString());
			check(post ? this.ledger.post(id, feeHold) : this.ledger.voidHold(id, feeHold), w);
		}
	}

	private static void check(TransferResult result, Withdrawal w) {
		if (!result.succeeded()) {
			// The withdrawal's row is held and its state was just moved on, so its holds are pending: anything else
			// is a broken invariant, and the transaction must not commit half of it.
			throw new IllegalStateException("withdrawal " + w.id() + ": the ledger answered " + result);
		}
	}
}
