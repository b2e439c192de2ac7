package io.gatehouse.signin;

import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.SignInGate;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.signin.SignInEvents.SignInFailed;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How sign-in attempts end, counted (the {@code gatehouse.signin.attempts} metric) and, for a wrong
 * credential, recorded: one answer for an unknown identifier, a wrong password and an account that may
 * not sign in (EN-01).
 */
@Component
class SignInOutcomes {

	private final SignInGate gate;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Counter succeeded;

	private final Counter failed;

	SignInOutcomes(SignInGate gate, ApplicationEventPublisher events, TransactionTemplate tx, MeterRegistry meters) {
		this.gate = gate;
		this.events = events;
		this.tx = tx;
		this.succeeded = Counter.builder("gatehouse.signin.attempts").tag("outcome", "success").register(meters);
		this.failed = Counter.builder("gatehouse.signin.attempts").tag("outcome", "failure").register(meters);
	}

	/** Counts a completed sign-in; passes any result on unchanged. */
	SignInResult counted(SignInResult result) {
		if (result instanceof SignInResult.Completed) {
			this.succeeded.increment();
		}
		return result;
	}

	/** A proof after the first step was wrong: its module recorded it; here it is only counted. */
	SignInResult refused(Rejection rejection) {
		this.failed.increment();
		return new SignInResult.Refused(rejection);
	}

	/**
	 * The credentials did not sign anyone in: the gate counts the failure, the event is logged, and the
	 * answer is the same whatever the reason.
	 *
	 * @param reservation the attempt's place in the counters; null when its identifier named nothing
	 */
	SignInResult wrongCredentials(UUID flowId, SignInGate.@Nullable Reservation reservation,
			@Nullable UUID accountId, String maskedIdentifier, RequestContext context) {
		SignInGate.FailureCounted counted = this.tx.execute(status -> {
			SignInGate.FailureCounted c = this.gate.failed(reservation, accountId, context);
			this.events.publishEvent(new SignInFailed(accountId, flowId, maskedIdentifier,
					SignInRejection.INVALID_CREDENTIALS.code(), context));
			return c;
		});
		this.failed.increment();
		return new SignInResult.Refused(SignInRejection.INVALID_CREDENTIALS, counted.retryAfter(),
				counted.captchaNext());
	}
}
