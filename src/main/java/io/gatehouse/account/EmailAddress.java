package io.gatehouse.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * An email address, normalised (trim, NFKC, lower case) so that {@code User@X.com},
 * {@code " user@x.com "} and a full-width variant name the same account.
 */
public record EmailAddress(String value) implements Identifier {

	private static final int MAX_LENGTH = 254;

	private static final int MAX_LOCAL = 64;

	public EmailAddress {
		if (!isValid(value)) {
			throw new IllegalArgumentException("not a canonical email address");
		}
	}

	public static Optional<EmailAddress> parse(String raw) {
		if (raw.length() > Identifier.MAX_RAW_LENGTH) {
			return Optional.empty();
		}
		String canonical = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
		return isValid(canonical) ? Optional.of(new EmailAddress(canonical)) : Optional.empty();
	}

	private static boolean isValid(String value) {
		if (value.isEmpty() || value.length() > MAX_LENGTH) {
			return false;
		}
		int at = value.indexOf('@');
		if (at <= 0 || at != value.lastIndexOf('@') || at > MAX_LOCAL) {
			return false;
		}
		String local = value.substring(0, at);
		String domain = value.substring(at + 1);
		if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
			return false;
		}
		for (int cp : local.codePoints().toArray()) {
			if (Character.isWhitespace(cp) || Character.isISOControl(cp) || "\"(),:;<>[\\]".indexOf(cp) >= 0) {
				return false;
			}
		}
		String[] labels = domain.split("\\.", -1);
		if (labels.length < 2) {
			return false;
		}
		for (String label : labels) {
			if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
				return false;
			}
			for (int cp : label.codePoints().toArray()) {
				if (!(Character.isLetterOrDigit(cp) || cp == '-')) {
					return false;
				}
			}
		}
		return true;
	}

	@Override
	public Kind kind() {
		return Kind.EMAIL;
	}

	@Override
	public String masked() {
		int at = this.value.indexOf('@');
		return this.value.charAt(0) + "***" + this.value.substring(at);
	}
}
