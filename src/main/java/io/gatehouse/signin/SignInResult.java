package io.gatehouse.signin;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Rejection;
import io.gatehouse.session.SessionService.IssuedSession;

/** How a step of a sign-in flow ended: the flow completed with a session, continues, or was refused. */
public sealed interface SignInResult {

	record Completed(SignInFlow flow, IssuedSession session) implements SignInResult {
	}

	/** The proofs so far were right; the flow names its next step (a second factor, or a confirmation). */
	record Continues(SignInFlow flow) implements SignInResult {
	}

	/**
	 * @param retryAfter how long before another attempt can succeed, when the refusal is a wait
	 * @param captchaRequired whether the next attempt must bring a solved CAPTCHA
	 */
	record Refused(Rejection rejection, @Nullable Duration retryAfter, boolean captchaRequired)
			implements SignInResult {

		public Refused(Rejection rejection) {
			this(rejection, null, false);
		}
	}
}
