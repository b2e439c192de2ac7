package io.gatehouse.signin;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.PasswordCheck;
import io.gatehouse.factor.PasskeyAssertions;
import io.gatehouse.factor.PasskeyService;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.session.SessionService;

import org.springframework.stereotype.Component;

/**
 * A whole sign-in with a discoverable passkey before the password step: the passkey must have verified
 * its user, so it stands for both factors.
 */
@Component
class PasswordlessPasskeyStep {

	private final PasskeyAssertions passkeys;

	private final PasswordCheck passwords;

	private final SessionService sessions;

	private final AfterFirstFactor next;

	private final SignInOutcomes outcomes;

	PasswordlessPasskeyStep(PasskeyAssertions passkeys, PasswordCheck passwords, SessionService sessions, AfterFirstFactor next,
			SignInOutcomes outcomes) {
		this.passkeys = passkeys;
		this.passwords = passwords;
		this.sessions = sessions;
		this.next = next;
		this.outcomes = outcomes;
	}

	/** Options for {@code navigator.credentials.get()} with any discoverable passkey. */
	PasskeyService.Options options(SignInFlow flow) {
		return this.passkeys.signInOptions(flow.id());
	}

	SignInResult attempt(SignInFlow flow, UUID challengeId, String response, boolean rememberMe,
			@Nullable String deviceToken, RequestContext context) {
		return switch (this.passkeys.verifySignIn(flow.id(), challengeId, response, context)) {
			case PasskeyService.Verified.Refused r -> this.outcomes.refused(r.rejection());
			case PasskeyService.Verified.Ok ok -> {
				if (!this.passwords.isActive(ok.accountId())) {
					yield this.outcomes.wrongCredentials(flow.id(), null, ok.accountId(), "(passkey)", context);
				}
				yield this.next.next(new AfterFirstFactor.Passed(flow, true, ok.accountId(), SignInFlow.Step.PASSKEY,
						rememberMe, deviceToken, this.sessions.knownDevice(deviceToken, ok.accountId()).isEmpty(), 0,
						StreakEnd.NONE, null, context));
			}
		};
	}
}
