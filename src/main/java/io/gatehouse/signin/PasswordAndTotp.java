package io.gatehouse.signin;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.gatehouse.factor.CodeFactors;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.risk.Assessment;
import io.gatehouse.risk.RiskEngine;
import io.gatehouse.signin.SignInEvents.SecondFactorNotAllowed;
import io.gatehouse.signin.SignInEvents.SignInAfterFailures;
import io.gatehouse.signin.SignInEvents.SignInPasswordVerified;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Password and authenticator code in one request, for a flow that is not stored yet: the password was
 * right, and the code decides. The streak is cleared, the code's time step spent and the session issued in
 * one transaction; the flow is stored only then, already completed. A wrong code answers as the second step
 * would, and the password's success is recorded (it was not a guess); the code's failure counts as any
 * other, so sending the password with every guess gains nothing but an Argon2id run per try.
 */
@Component
class PasswordAndTotp {

	private final CodeFactors codes;

	private final SessionIssuer issuer;

	private final RiskEngine risk;

	private final SignInOutcomes outcomes;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	PasswordAndTotp(CodeFactors codes, SessionIssuer issuer, RiskEngine risk, SignInOutcomes outcomes,
			ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.codes = codes;
		this.issuer = issuer;
		this.risk = risk;
		this.outcomes = outcomes;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	SignInResult signIn(AfterFirstFactor.Passed p, List<SecondFactorService.Kind> allowed, Assessment assessment,
			String totpCode) {
		SignInFlow awaiting = p.flow().awaitSecondFactor(p.accountId(), p.rememberMe(), false, assessment.steps(),
				assessment.signals(), this.clock.instant());
		return Objects.requireNonNull(this.tx.execute(status -> {
			Optional<SignInAfterFailures> tell = p.streakEnd().clear();
			Optional<Rejection> refused = allowed.contains(SecondFactorService.Kind.TOTP)
					? this.codes.verify(p.accountId(), SecondFactorService.Kind.TOTP, totpCode, p.context())
					: Optional.of(SignInRejection.FACTOR_NOT_ALLOWED);
			if (refused.isEmpty()) {
				return this.issuer.complete(new SessionIssuer.Completion(awaiting, false, p.accountId(), p.rememberMe(),
						p.deviceToken(), SecondFactorService.Kind.TOTP.wireName(), SignInFlow.Step.SECOND_FACTOR,
						assessment, () -> tell, p.context()));
			}
			tell.ifPresent(this.events::publishEvent);
			this.risk.record(p.accountId(), assessment, p.context());
			this.events.publishEvent(new SignInPasswordVerified(p.accountId(), p.flow().id(),
					SignInFlow.Step.SECOND_FACTOR, p.context()));
			if (refused.get() == SignInRejection.FACTOR_NOT_ALLOWED) {
				this.events.publishEvent(new SecondFactorNotAllowed(p.accountId(), p.flow().id(),
						SecondFactorService.Kind.TOTP.wireName(), p.context()));
				return new SignInResult.Refused(refused.get());
			}
			return this.outcomes.refused(refused.get());
		}));
	}
}
