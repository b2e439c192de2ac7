package io.gatehouse.withdraw;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Accounts;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currency;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Before a withdrawal: the quote (fee, amount received, the smallest withdrawal, what is left of the 24-hour
 * limit, any cooldown, whether it will likely wait for review, and the parameters the confirmation is bound
 * to) and the email code, sent only for a withdrawal the rules let go ahead.
 */
@Service
public class WithdrawalQuotes {

	private final WithdrawalRules rules;

	private final WithdrawalLimits limits;

	private final WithdrawalSettings settings;

	private final WithdrawalConfirmations confirmations;

	private final Accounts accounts;

	private final TransactionTemplate tx;

	private final java.time.Clock clock;

	WithdrawalQuotes(WithdrawalRules rules, WithdrawalLimits limits, WithdrawalSettings settings,
			WithdrawalConfirmations confirmations, Accounts accounts, TransactionTemplate tx, java.time.Clock clock) {
		this.rules = rules;
		this.limits = limits;
		this.settings = settings;
		this.confirmations = confirmations;
		this.accounts = accounts;
		this.tx = tx;
		this.clock = clock;
	}

	public Withdrawals.Quote quote(UUID accountId, Withdrawals.Request request, RequestContext context) {
		int level = this.accounts.find(accountId).map(a -> a.kycLevel()).orElse(0);
		WithdrawalLimits.Limit limit = this.limits.limit(accountId, level);
		WithdrawalSettings.Settings current = this.settings.find(accountId);
		Instant cooldown = this.accounts.find(accountId).isPresent() ? cooldownUntil(accountId) : null;
		boolean whitelist = current.whitelistEffective(this.clock.instant());
		Withdrawals.Quote base = new Withdrawals.Quote(null, null, null, null, this.limits.format(limit.remaining()), this.limits.format(limit.total()),
				this.limits.referenceCurrency(), cooldown, whitelist, this.confirmations.emailCodeRequired(), false, null,
				Map.of(), Map.of());
		return switch (this.rules.parse(request)) {
			case WithdrawalRules.Parsed.Bad bad -> withRefusal(base, bad.refusal());
			case WithdrawalRules.Parsed.Ok ok -> {
				Currency c = ok.draft().currency();
				long fee = ok.draft().chain().withdrawalFee();
				Withdrawals.Quote priced = new Withdrawals.Quote(c, Amounts.format(fee, c.scale()), Amounts.format(ok.draft().amount(), c.scale()),
						Amounts.format(ok.draft().chain().withdrawalMinimum(), c.scale()), base.limitRemaining(),
						base.limit(), base.referenceCurrency(), cooldown, whitelist, base.emailCodeRequired(), false, null,
						Map.of(), Map.of());
				yield switch (this.rules.check(accountId, ok.draft(), current, context, false)) {
					case WithdrawalRules.Outcome.Refused r -> withRefusal(priced, r.refusal());
					case WithdrawalRules.Outcome.Passed p -> {
						Rejection factor = this.confirmations.hasStrongFactor(accountId) ? null
								: WithdrawalRejection.STRONG_FACTOR_REQUIRED;
						yield new Withdrawals.Quote(c, priced.fee(), priced.receive(), priced.minimum(), priced.limitRemaining(),
								priced.limit(), priced.referenceCurrency(), cooldown, whitelist, priced.emailCodeRequired(),
								p.checked().approvalsNeeded() > 0, factor, Map.of(), p.checked().stepUpParams());
					}
				};
			}
		};
	}

	private static Withdrawals.Quote withRefusal(Withdrawals.Quote q, WithdrawalRules.Refusal refusal) {
		return new Withdrawals.Quote(q.currency(), q.fee(), q.receive(), q.minimum(), q.limitRemaining(), q.limit(),
				q.referenceCurrency(), q.cooldownUntil(), q.whitelistOn(), q.emailCodeRequired(), false,
				refusal.rejection(), refusal.facts(), Map.of());
	}

	private @Nullable Instant cooldownUntil(UUID accountId) {
		return this.rules.cooldownUntil(accountId).orElse(null);
	}

	/** Sends the email code for exactly this withdrawal, once the rules let it go ahead. */
	public Optional<Withdrawals.Result.Refused> sendCode(UUID accountId, Withdrawals.Request request, RequestContext context) {
		return sendCode(accountId, accountId, java.util.function.UnaryOperator.identity(), request, context);
	}

	/**
	 * The same for a withdrawal from {@code accountId} confirmed by another person ({@code confirmer}, a team's admin):
	 * the rules are the account's, the code goes to the confirmer's email, bound to {@code params} of the checked ones.
	 */
	Optional<Withdrawals.Result.Refused> sendCode(UUID accountId, UUID confirmer,
			java.util.function.UnaryOperator<Map<String, String>> params, Withdrawals.Request request,
			RequestContext context) {
		Optional<String> email = this.accounts.find(confirmer).map(a -> a.email() == null ? null : a.email().value());
		if (email.isEmpty()) {
			return Optional.of(new Withdrawals.Result.Refused(WithdrawalRejection.NO_EMAIL, Map.of()));
		}
		return switch (this.rules.parse(request)) {
			case WithdrawalRules.Parsed.Bad bad -> Optional.of(new Withdrawals.Result.Refused(bad.refusal()));
			case WithdrawalRules.Parsed.Ok ok -> switch (this.rules.check(accountId, ok.draft(),
					this.settings.find(accountId), context, false)) {
				case WithdrawalRules.Outcome.Refused r -> Optional.of(new Withdrawals.Result.Refused(r.refusal()));
				case WithdrawalRules.Outcome.Passed p -> Objects.requireNonNull(this.tx.execute(s -> {
					// The account's row, held: parallel requests count their codes one after another.
					this.settings.hold(accountId);
					return this.confirmations.sendCode(confirmer, params.apply(p.checked().stepUpParams()), context);
				}))
								? Optional.<Withdrawals.Result.Refused>empty()
								: Optional.of(new Withdrawals.Result.Refused(WithdrawalRejection.EMAIL_CODE_LIMIT, Map.of()));
			};
		};
	}
}
