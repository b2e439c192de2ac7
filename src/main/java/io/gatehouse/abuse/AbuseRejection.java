package io.gatehouse.abuse;


import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/**
 * Refusals of the abuse defences. Each is the same for every identifier, existing or not (EN-04): the
 * limits are checked before the identifier is looked up, and unknown identifiers have throttles too.
 */
public enum AbuseRejection implements Rejection {

	RATE_LIMITED(Rejection.of("rate_limited", Kind.RATE_LIMITED,
			"Too many attempts from your network. Wait a while and try again.")),
	SIGN_IN_DELAYED(Rejection.of("sign_in_delayed", Kind.RATE_LIMITED,
			"Too many failed attempts. Wait a moment, then try again with the verification.")),
	ACCOUNT_LOCKED(Rejection.of("account_locked", Kind.RATE_LIMITED,
			"This account is temporarily locked after too many failed attempts. "
					+ "Wait until the lock ends, or unlock it now with a code sent to you.")),
	CAPTCHA_REQUIRED(Rejection.of("captcha_required", Kind.CHALLENGE_REQUIRED,
			"Please complete the verification to continue.")),
	CAPTCHA_INVALID(Rejection.of("captcha_invalid", Kind.INVALID,
			"The verification did not succeed or has expired. Please complete it again.")),
	CAPTCHA_UNAVAILABLE(Rejection.of("captcha_unavailable", Kind.UNAVAILABLE,
			"The verification service cannot be reached right now. Try again in a moment."));

	private final Definition definition;

	AbuseRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
