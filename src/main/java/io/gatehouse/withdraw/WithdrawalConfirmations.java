package io.gatehouse.withdraw;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.TradingConfirmation;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What a money action asks of its caller besides the rules: a step-up proof made for exactly this action and
 * these parameters (spent here), then the trading password (its own attempt limit counts every wrong one).
 * The proof goes first, so a request without one never reaches the password check.
 */
@Component
class WithdrawalConfirmations {

	private final StepUp stepUp;

	private final TradingConfirmation confirmation;

	private final WithdrawalCodes codes;

	private final WithdrawalProperties properties;

	private final ApplicationEventPublisher events;

	WithdrawalConfirmations(StepUp stepUp, TradingConfirmation confirmation, WithdrawalCodes codes,
			WithdrawalProperties properties, ApplicationEventPublisher events) {
		this.stepUp = stepUp;
		this.confirmation = confirmation;
		this.codes = codes;
		this.properties = properties;
		this.events = events;
	}

	boolean emailCodeRequired() {
		return this.properties.emailCode();
	}

	/** Sends the email code for exactly these withdrawal parameters; false at the hourly limit. In the caller's transaction. */
	boolean sendCode(UUID accountId, Map<String, String> params, RequestContext context) {
		Optional<String> code = this.codes.issue(accountId, Withdrawals.paramsHash(params));
		code.ifPresent(c -> this.events.publishEvent(new WithdrawEvents.EmailCodeIssued(accountId, c,
				params.getOrDefault("currency", ""), params.getOrDefault("amount", ""), params.getOrDefault("address", ""),
				WithdrawalCodes.VALIDITY.toMinutes(), context)));
		return code.isPresent();
	}

	/**
	 * A withdrawal's confirmation: the step-up proof (bound to these exact parameters), the email code (bound to
	 * them too, when codes are on), then the trading password; each refusal stops there. A wrong email code or
	 * trading password counts against its own limit and stays counted: the caller does not roll back a refusal.
	 */
	Optional<Rejection> confirmWithdrawal(Actor.Customer session, Map<String, String> params, @Nullable String proof,
			@Nullable String tradingPassword, @Nullable String emailCode, RequestContext context) {
		Optional<Rejection> refused = this.stepUp.consume(session, StepUpAction.WITHDRAW, params, proof);
		if (refused.isPresent()) {
			return refused;
		}
		if (this.properties.emailCode() && (emailCode == null
				|| !this.codes.spend(session.accountId(), Withdrawals.paramsHash(params), emailCode.strip()))) {
			return Optional.of(WithdrawalRejection.EMAIL_CODE_INVALID);
		}
		return this.confirmation.tradingPassword(session, tradingPassword, context);
	}

	Optional<Rejection> confirm(Actor.Customer session, StepUpAction action, Map<String, String> params,
			@Nullable String proof, @Nullable String tradingPassword, RequestContext context) {
		return this.confirmation.confirm(session, action, params, proof, tradingPassword, context);
	}

	/** Whether the account has a factor strong enough to confirm a withdrawal (a passkey or an authenticator app). */
	boolean hasStrongFactor(UUID accountId) {
		return !this.stepUp.requiredFactor(accountId).equals("password");
	}
}
