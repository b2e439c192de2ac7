package io.gatehouse.abuse;

import org.springframework.http.HttpStatus;

import io.gatehouse.shared.Rejection;
import io.gatehouse.shared.Rejection.Definition;

/**
 * Refusals of the abuse defences. Each is the same for every identifier, existing or not (EN-04): the
 * limits are checked before the identifier is looked up, and unknown identifiers have throttles too.
 */
public enum AbuseRejection implements Rejection {

	RATE_LIMITED(Rejection.of("rate_limited", HttpStatus.TOO_MANY_REQUESTS,
			"Too many attempts from your network. Wait a while and try again.")),
	SIGN_IN_DELAYED(Rejection.of("sign_in_delayed", HttpStatus.TOO_MANY_REQUESTS,
			"Too many failed attempts. Wait a moment, then try again with the verification.")),
	ACCOUNT_LOCKED(Rejection.of("account_locked", HttpStatus.TOO_MANY_REQUESTS,
			"This account is temporarily locked after too many failed attempts. "
					+ "Wait until the lock ends, or unlock it now with a code sent to you.")),
	CAPTCHA_REQUIRED(Rejection.of("captcha_required", HttpStatus.PRECONDITION_REQUIRED,
			"Please complete the verification to continue.")),
	CAPTCHA_INVALID(Rejection.of("captcha_invalid", HttpStatus.BAD_REQUEST,
			"The verification did not succeed or has expired. Please complete it again.")),
	CAPTCHA_UNAVAILABLE(Rejection.of("captcha_unavailable", HttpStatus.SERVICE_UNAVAILABLE,
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
