package io.gatehouse.support;

import java.util.Locale;
import java.util.Optional;

/** What a support request is about, as the form offers it. */
public enum SupportCategory {

	CANNOT_SIGN_IN("I cannot sign in"), LOST_SECOND_FACTOR("I lost my second factor (phone, passkey, app)"),
	SUSPICIOUS_ACTIVITY("I see activity I do not recognise"), MONEY("A withdrawal or a deposit"), OTHER("Something else");

	private final String label;

	SupportCategory(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<SupportCategory> of(String wire) {
		for (SupportCategory c : values()) {
			if (c.wireName().equals(wire)) {
				return Optional.of(c);
			}
		}
		return Optional.empty();
	}
}
