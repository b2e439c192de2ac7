package io.gatehouse.signin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.PasskeyService;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.factor.SmsFactorService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.signin.SignInEvents.SecondFactorNotAllowed;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second step after a right password: one {@link SecondFactorStrategy} per kind of factor checks
 * the proof; this step decides whether the kind is allowed for the account (a client may not pick a
 * weaker factor than the server offers) and what follows, the session or a confirmation by email.
 */
@Component
class SecondFactorStep {

	private final OpenFlows open;

	private final Map<SecondFactorService.Kind, SecondFactorStrategy> strategies;

	private final SecondFactorService factors;

	private final Confirmations confirmations;

	private final SessionIssuer issuer;

	private final SignInOutcomes outcomes;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	SecondFactorStep(OpenFlows open, List<SecondFactorStrategy> strategies, SecondFactorService factors,
			Confirmations confirmations, SessionIssuer issuer, SignInOutcomes outcomes, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.open = open;
		this.strategies = strategies.stream()
			.collect(Collectors.toUnmodifiableMap(SecondFactorStrategy::kind, Function.identity()));
		this.factors = factors;
		this.confirmations = confirmations;
		this.issuer = issuer;
		this.outcomes = outcomes;
		this.events = events;
		this.tx = tx;
	}

	/** The factors this flow's second step accepts, strongest first; empty before the password step. */
	List<String> allowedFactors(SignInFlow flow) {
		return flow.state() == SignInFlow.State.AWAITING_SECOND_FACTOR && flow.accountId() != null
				? this.factors.allowedWireNames(flow.accountId()) : List.of();
	}

	SignInResult submit(UUID flowId, SecondFactorService.Kind kind, SecondFactorStrategy.Proof proof,
			@Nullable String deviceToken, RequestContext context) {
		return switch (openFor(flowId, kind, context)) {
			case OpenFlows.At.Refused r -> new SignInResult.Refused(r.rejection());
			case OpenFlows.At.Open o -> {
				Optional<Rejection> refused = strategy(kind).verify(o.flow(), o.accountId(), proof, context);
				if (refused.isPresent()) {
					yield this.outcomes.refused(refused.get());
				}
				yield o.flow().confirmationPlanned() ? awaitConfirmation(o, context)
						: this.issuer.complete(new SessionIssuer.Completion(o.flow(), true, o.accountId(),
								o.flow().rememberMe(), deviceToken, kind.wireName(), SignInFlow.Step.SECOND_FACTOR, null,
								StreakEnd.NONE, context));
			}
		};
	}

	/** Texts this flow's SMS code, when SMS is among the factors the account may use here. */
	SmsFactorService.Sent sendSms(UUID flowId, RequestContext context) {
		return switch (openFor(flowId, SecondFactorService.Kind.SMS, context)) {
			case OpenFlows.At.Refused r -> new SmsFactorService.Sent.Refused(r.rejection());
			case OpenFlows.At.Open o -> ((SmsStrategy) strategy(SecondFactorService.Kind.SMS)).send(o.flow(), o.accountId(),
					context);
		};
	}

	/** Options for a passkey ceremony as the second factor, when passkeys are allowed here. */
	SignInService.PasskeyOptions passkeyOptions(UUID flowId, RequestContext context) {
		return switch (openFor(flowId, SecondFactorService.Kind.PASSKEY, context)) {
			case OpenFlows.At.Refused r -> new SignInService.PasskeyOptions.Refused(r.rejection());
			case OpenFlows.At.Open o -> {
				PasskeyService.Options options = ((PasskeyStrategy) strategy(SecondFactorService.Kind.PASSKEY)).options(o.flow(),
						o.accountId());
				yield new SignInService.PasskeyOptions.Ready(options);
			}
		};
	}

	/** The flow open at this step, and {@code kind} among the factors its account may use; else why not. */
	private OpenFlows.At openFor(UUID flowId, SecondFactorService.Kind kind, RequestContext context) {
		OpenFlows.At at = this.open.at(flowId, SignInFlow.State.AWAITING_SECOND_FACTOR);
		if (at instanceof OpenFlows.At.Open o && !this.factors.allowed(o.accountId()).contains(kind)) {
			this.tx.executeWithoutResult(s -> this.events
				.publishEvent(new SecondFactorNotAllowed(o.accountId(), flowId, kind.wireName(), context)));
			return new OpenFlows.At.Refused(SignInRejection.FACTOR_NOT_ALLOWED);
		}
		return at;
	}

	/** The risk decision at the password step wants this sign-in confirmed by email as well. */
	private SignInResult awaitConfirmation(OpenFlows.At.Open o, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(status -> {
			Optional<SignInFlow> next = this.confirmations.moveTo(o.flow(), true, o.accountId(), o.flow().rememberMe(),
					SignInFlow.Step.SECOND_FACTOR, o.flow().riskSteps(), o.flow().riskSignals());
			if (next.isEmpty()) {
				status.setRollbackOnly();
				return new SignInResult.Refused(SignInRejection.WRONG_STEP);
			}
			this.confirmations.send(next.get(), o.accountId(), context);
			return new SignInResult.Continues(next.get());
		}));
	}

	private SecondFactorStrategy strategy(SecondFactorService.Kind kind) {
		SecondFactorStrategy strategy = this.strategies.get(kind);
		if (strategy == null) {
			throw new IllegalStateException("no sign-in strategy for " + kind);
		}
		return strategy;
	}
}
