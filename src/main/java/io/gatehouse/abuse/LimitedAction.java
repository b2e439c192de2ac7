package io.gatehouse.abuse;

import java.time.Duration;
import java.util.Locale;

/** What the per-IP and per-subnet limits count, with the shipped limits. */
public enum LimitedAction {

	/** Failed password attempts (successes cost nothing): stops spraying from one network (LG-07). */
	SIGN_IN(new AbuseProperties.Limit(30, 150, Duration.ofMinutes(15))),
	/** Sign-up requests, whatever their outcome. */
	SIGN_UP(new AbuseProperties.Limit(10, 50, Duration.ofHours(1))),
	/** Codes sent by email or SMS: verification, unlock, second factor. */
	CODE_SEND(new AbuseProperties.Limit(20, 100, Duration.ofHours(1))),
	/** Password-reset, unlock and signed-out support requests: what someone who cannot sign in asks for. */
	RESET(new AbuseProperties.Limit(10, 50, Duration.ofHours(1))),
	/** Support requests and replies by their owners. */
	SUPPORT(new AbuseProperties.Limit(20, 100, Duration.ofHours(1)));

	private final AbuseProperties.Limit defaultLimit;

	LimitedAction(AbuseProperties.Limit defaultLimit) {
		this.defaultLimit = defaultLimit;
	}

	AbuseProperties.Limit defaultLimit() {
		return this.defaultLimit;
	}

	String key() {
		return name().toLowerCase(Locale.ROOT);
	}
}
