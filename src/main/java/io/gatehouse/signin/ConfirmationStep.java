package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.signin.SignInEvents.SignInConfirmationFailed;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The confirmation step: the code sent to the owner when the risk decision asked for one. A right code
 * is spent atomically and completes the flow; five wrong ones end it.
 */
@Component
class ConfirmationStep {

	private final OpenFlows open;

	private final Confirmations confirmations;

	private final SessionIssuer issuer;

	private final SignInOutcomes outcomes;

	private final RateLimits rateLimits;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	ConfirmationStep(OpenFlows open, Confirmations confirmations, SessionIssuer issuer, SignInOutcomes outcomes,
			RateLimits rateLimits, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.open = open;
		this.confirmations = confirmations;
		this.issuer = issuer;
		this.outcomes = outcomes;
		this.rateLimits = rateLimits;
		this.events = events;
		this.tx = tx;
	}

	SignInResult submit(UUID flowId, String code, @Nullable String deviceToken, RequestContext context) {
		return switch (this.open.at(flowId, SignInFlow.State.AWAITING_CONFIRMATION)) {
			case OpenFlows.At.Refused r -> new SignInResult.Refused(r.rejection());
			case OpenFlows.At.Open o -> {
				if (!this.confirmations.redeem(flowId, code)) {
					this.tx.executeWithoutResult(s -> this.events
						.publishEvent(new SignInConfirmationFailed(o.accountId(), flowId, context)));
					yield this.outcomes.refused(SignInRejection.CONFIRMATION_INVALID);
				}
				yield this.issuer.complete(new SessionIssuer.Completion(o.flow(), true, o.accountId(),
						o.flow().rememberMe(), deviceToken, "email_confirmation", SignInFlow.Step.CONFIRMATION, null,
						StreakEnd.NONE, context));
			}
		};
	}

	/** Sends a new code for the flow; the old one dies, its wrong tries stay. */
	Optional<Rejection> resend(UUID flowId, RequestContext context) {
		if (this.rateLimits.hit(LimitedAction.CODE_SEND, context.ip()).isPresent()) {
			return Optional.of(AbuseRejection.RATE_LIMITED);
		}
		return switch (this.open.at(flowId, SignInFlow.State.AWAITING_CONFIRMATION)) {
			case OpenFlows.At.Refused r -> Optional.of(r.rejection() == SignInRejection.INVALID_CREDENTIALS
					? SignInRejection.INVALID_CREDENTIALS : SignInRejection.WRONG_STEP);
			case OpenFlows.At.Open o -> {
				this.tx.executeWithoutResult(s -> this.confirmations.send(o.flow(), o.accountId(), context));
				yield Optional.empty();
			}
		};
	}
}
