package io.gatehouse.recovery.cases;

import java.time.Duration;

import io.gatehouse.kernel.Rejection;

/** How a request about a recovery case ended. */
public sealed interface CaseResult {

	/** A new case, and the secret that lets this browser or client follow it (shown once). */
	record Started(RecoveryCase recoveryCase, String holder) implements CaseResult {

		@Override
		public String toString() {
			return "Started[" + this.recoveryCase.id() + ", holder=<redacted>]";
		}
	}

	record Updated(RecoveryCase recoveryCase) implements CaseResult {
	}

	record Refused(Rejection rejection) implements CaseResult {
	}

	record Limited(Duration retryAfter) implements CaseResult {
	}
}
