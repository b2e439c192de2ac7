package io.gatehouse.factor;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * The one failure counter all second factors of an account share (TO-06, BC-04): it survives new
 * sign-in flows and resends (LG-10). Five failures are free; from then on, attempts wait 5 minutes,
 * doubling with each further failure up to 80 minutes. A success clears it.
 */
@Component
class SecondFactorThrottle {

	static final int FREE_FAILURES = 5;

	private static final Duration FIRST_WAIT = Duration.ofMinutes(5);

	private final Factors factors;

	SecondFactorThrottle(Factors factors) {
		this.factors = factors;
	}

	boolean isWaiting(UUID accountId, Instant now) {
		return this.factors.failures(accountId).map(f -> {
			if (f.consecutive() < FREE_FAILURES) {
				return false;
			}
			int doublings = Math.min(f.consecutive() - FREE_FAILURES, 4);
			return now.isBefore(f.lastFailedAt().plus(FIRST_WAIT.multipliedBy(1L << doublings)));
		}).orElse(false);
	}

	/** Counts a failure; returns the number of consecutive failures. Call inside the caller's transaction. */
	int fail(UUID accountId, Instant now) {
		return this.factors.countFailure(accountId, now);
	}

	void succeed(UUID accountId) {
		this.factors.clearFailures(accountId);
	}
}
