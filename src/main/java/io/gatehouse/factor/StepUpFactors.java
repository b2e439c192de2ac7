package io.gatehouse.factor;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.PasswordCheck;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Component;

/**
 * What an account presents for step-up, decided by the server (SU-03): one of its strong factors (a
 * passkey with user verification, or the authenticator app's code) when it has one, otherwise the
 * password. SMS is never among them. Every check counts in the account's second-factor throttle.
 */
@Component
class StepUpFactors {

	private final SecondFactorService secondFactors;

	private final PasskeyAssertions passkeys;

	private final TotpService totp;

	private final PasswordCheck passwords;

	private final SecondFactorThrottle throttle;

	private final Clock clock;

	StepUpFactors(SecondFactorService secondFactors, PasskeyAssertions passkeys, TotpService totp,
			PasswordCheck passwords, SecondFactorThrottle throttle, Clock clock) {
		this.secondFactors = secondFactors;
		this.passkeys = passkeys;
		this.totp = totp;
		this.passwords = passwords;
		this.throttle = throttle;
		this.clock = clock;
	}

	/** The proofs this account may present, strongest first. */
	List<String> allowed(UUID accountId) {
		List<String> strong = this.secondFactors.strong(accountId)
			.stream()
			.map(SecondFactorService.Kind::wireName)
			.toList();
		return strong.isEmpty() ? List.of("password") : strong;
	}

	/**
	 * Checks the proof presented; the factor that was checked, or why it failed.
	 *
	 * @param passwordToo whether the action needs the password as well as a strong factor
	 */
	Checked check(Actor.Customer session, boolean passwordToo, @Nullable String code, @Nullable String password,
			StepUp.@Nullable PasskeyAnswer passkey, RequestContext context) {
		List<String> allowed = allowed(session.accountId());
		String factor = allowed.getFirst();
		Optional<Rejection> refused;
		if (allowed.contains("passkey") && passkey != null) {
			factor = "passkey";
			refused = switch (this.passkeys.verifyStepUp(session, passkey.challengeId(), passkey.response(), context)) {
				case PasskeyService.Verified.Ok ok -> Optional.empty();
				case PasskeyService.Verified.Refused r -> Optional.of(r.rejection());
			};
		}
		else if (allowed.contains("totp") && code != null && !code.isBlank()) {
			factor = "totp";
			refused = this.totp.verify(session.accountId(), code, context);
		}
		else if (allowed.contains("password")) {
			refused = checkPassword(session, password);
		}
		else {
			refused = Optional.of(StepUpRejection.FACTOR_NOT_ALLOWED);
		}
		if (refused.isEmpty() && passwordToo && !"password".equals(factor)) {
			refused = checkPassword(session, password);
		}
		return new Checked(factor, refused.orElse(null));
	}

	/** A password check that counts in the account's throttle, so a stolen session cannot guess it freely. */
	private Optional<Rejection> checkPassword(Actor.Customer session, @Nullable String password) {
		if (this.throttle.reserve(session.accountId(), this.clock.instant()).isEmpty()) {
			return Optional.of(FactorRejection.TOO_MANY_FAILURES);
		}
		if (password == null || !this.passwords.matches(session.accountId(), password)) {
			return Optional.of(StepUpRejection.PASSWORD_INCORRECT);
		}
		this.throttle.succeed(session.accountId());
		return Optional.empty();
	}

	/** @param refused why the proof failed, or null when it was right */
	record Checked(String factor, @Nullable Rejection refused) {
	}
}
