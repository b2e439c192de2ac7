package io.gatehouse.abuse;

import java.util.Locale;
import java.util.Optional;

/** What a CAPTCHA solution is good for: a solution for one action is refused for any other (LG-12). */
public enum CaptchaAction {
	SIGN_IN, SIGN_UP, UNLOCK, RESET, SUPPORT;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<CaptchaAction> parse(String wire) {
		for (CaptchaAction a : values()) {
			if (a.wireName().equals(wire)) {
				return Optional.of(a);
			}
		}
		return Optional.empty();
	}
}
