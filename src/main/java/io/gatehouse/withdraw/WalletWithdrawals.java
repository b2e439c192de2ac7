package io.gatehouse.withdraw;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The exchange's wallet service's side of withdrawals (internal listener, service token). A worker claims the
 * oldest waiting withdrawal ({@code FOR UPDATE SKIP LOCKED}, with a lease: two workers never take the same one
 * at once); the final gate runs again at that first claim (account active, no cooldown, the whitelist),
 * failing the withdrawal if it no longer passes. A withdrawal whose lease ran out before any transaction was
 * reported is claimed again with its {@code claims} count above one: the worker must first look on chain
 * whether an earlier attempt sent it (wallets send idempotently by withdrawal id), and neither the final gate
 * nor a plain failure report may then release its funds, since the coins may have left. The worker reports
 * the broadcast transaction id, then success (the holds are posted) or failure (they are voided; once a
 * transaction was reported or the withdrawal was claimed twice, only with {@code dropped}: the wallet checked
 * that nothing was sent). Every call is idempotent; a success for a cancelled or failed withdrawal is refused
 * and alerted.
 */
@Service
public class WalletWithdrawals {

	private static final Pattern TX_ID = Pattern.compile("[A-Za-z0-9:_-]{1,128}");

	private final WithdrawalStore store;

	private final Holds holds;

	private final WithdrawalRules rules;

	private final WithdrawalSettings settings;

	private final WithdrawalProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	WalletWithdrawals(WithdrawalStore store, Holds holds, WithdrawalRules rules, WithdrawalSettings settings,
			WithdrawalProperties properties,
			ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.store = store;
		this.holds = holds;
		this.rules = rules;
		this.settings = settings;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	public sealed interface Result {

		record Done(Withdrawal withdrawal, boolean repeated) implements Result {
		}

		record Refused(Rejection rejection) implements Result {
		}
	}

	/** The next withdrawal to send, now PROCESSING and leased to the caller; empty when none waits. */
	public Optional<Withdrawal> claim(Actor.Service service) {
		for (int i = 0; i < 20; i++) {
			Optional<Claimed> claimed = Objects.requireNonNull(this.tx.execute(s -> {
				Instant now = this.clock.instant();
				Optional<Withdrawal> w = this.store.claim(now, now.plus(this.properties.lease()));
				if (w.isEmpty()) {
					return Optional.<Claimed>empty();
				}
				Optional<Rejection> gate = w.get().claims() > 1 ? Optional.empty()
						: this.rules.finalGate(w.get(), this.settings.find(w.get().accountId()));
				if (gate.isPresent()) {
					this.holds.end(w.get(), Withdrawal.Status.FAILURE, "final_gate:" + gate.get().code(), "failed",
							service.auditName(), null);
					return Optional.of(new Claimed(null));
				}
				this.holds.publish(w.get(), "processing", null, null, service.auditName(), null);
				return Optional.of(new Claimed(w.get()));
			}));
			if (claimed.isEmpty()) {
				return Optional.empty();
			}
			if (claimed.get().withdrawal() != null) {
				return Optional.of(claimed.get().withdrawal());
			}
		}
		return Optional.empty();
	}

	private record Claimed(@Nullable Withdrawal withdrawal) {
	}

	/** Records the transaction the wallet broadcast; the same id again is a no-op, another id is refused. */
	public Result broadcast(Actor.Service service, UUID withdrawalId, String txId) {
		if (!TX_ID.matcher(txId).matches()) {
			return new Result.Refused(WithdrawalRejection.TX_ID_INVALID);
		}
		return onHeld(withdrawalId, w -> {
			if (w.txId() != null) {
				return w.txId().equals(txId) ? new Result.Done(w, true)
						: new Result.Refused(WithdrawalRejection.TX_ID_MISMATCH);
			}
			if (w.status() != Withdrawal.Status.PROCESSING) {
				return new Result.Refused(WithdrawalRejection.WRONG_STATE);
			}
			this.store.broadcast(withdrawalId, txId, this.clock.instant());
			this.holds.publish(w, "broadcast", txId, null, service.auditName(), null);
			return new Result.Done(this.store.find(withdrawalId).orElseThrow(), false);
		});
	}

	/** The transaction is final on chain: the holds are posted. Reported twice, it posts once. */
	public Result succeed(Actor.Service service, UUID withdrawalId, String txId) {
		if (!TX_ID.matcher(txId).matches()) {
			return new Result.Refused(WithdrawalRejection.TX_ID_INVALID);
		}
		return onHeld(withdrawalId, w -> {
			if (w.txId() != null && !w.txId().equals(txId)) {
				return new Result.Refused(WithdrawalRejection.TX_ID_MISMATCH);
			}
			switch (w.status()) {
				case SUCCESS -> {
					return new Result.Done(w, true);
				}
				case CANCELLED, FAILURE -> {
					// Money went out for a withdrawal whose funds were released: people must look at this now.
					this.events.publishEvent(new WithdrawEvents.LateSuccessRefused(w.accountId(), w.id(),
							w.status().wireName(), txId, service.auditName()));
					return new Result.Refused(WithdrawalRejection.WRONG_STATE);
				}
				case REVIEW, WAITING -> {
					this.events.publishEvent(new WithdrawEvents.LateSuccessRefused(w.accountId(), w.id(),
							w.status().wireName(), txId, service.auditName()));
					return new Result.Refused(WithdrawalRejection.WRONG_STATE);
				}
				case PROCESSING -> {
					if (w.txId() == null) {
						this.store.broadcast(withdrawalId, txId, this.clock.instant());
					}
					this.holds.complete(w, txId, service.auditName());
					return new Result.Done(this.store.find(withdrawalId).orElseThrow(), false);
				}
			}
			throw new IllegalStateException();
		});
	}

	/**
	 * The wallet gave up: the holds are voided and the funds are available again. Reported twice, it voids once.
	 *
	 * @param reason the wallet's words, kept for staff; the owner reads {@code wallet_failure}
	 * @param dropped the wallet checked the chain: no transaction for this withdrawal was or will be mined.
	 *     Required once a transaction was reported or the withdrawal was claimed more than once.
	 */
	public Result fail(Actor.Service service, UUID withdrawalId, String reason, boolean dropped) {
		String why = reason.strip();
		if (why.isEmpty() || why.length() > 200 || why.codePoints().anyMatch(Character::isISOControl)) {
			return new Result.Refused(WithdrawalRejection.REASON_REQUIRED);
		}
		return onHeld(withdrawalId, w -> {
			if (w.status() == Withdrawal.Status.FAILURE) {
				return new Result.Done(w, true);
			}
			if (w.status() != Withdrawal.Status.PROCESSING) {
				return new Result.Refused(WithdrawalRejection.WRONG_STATE);
			}
			if ((w.txId() != null || w.claims() > 1) && !dropped) {
				return new Result.Refused(WithdrawalRejection.OUTCOME_UNKNOWN);
			}
			this.store.walletNote(withdrawalId, why);
			this.holds.end(w, Withdrawal.Status.FAILURE, "wallet_failure", "failed", service.auditName(), null);
			return new Result.Done(this.store.find(withdrawalId).orElseThrow(), false);
		});
	}

	/** Runs the report in a transaction that holds the withdrawal's row; an unknown id is {@code withdrawal_not_found}. */
	private Result onHeld(UUID withdrawalId, Function<Withdrawal, Result> report) {
		return Objects.requireNonNull(this.tx.execute(s -> this.store.hold(withdrawalId)
			.map(report)
			.orElseGet(() -> new Result.Refused(WithdrawalRejection.NOT_FOUND))));
	}
}
