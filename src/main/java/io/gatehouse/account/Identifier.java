package io.gatehouse.account;

import java.text.Normalizer;
import java.util.Optional;

/** How a person names their account: an email address or a phone number, always in canonical form. */
public sealed interface Identifier permits EmailAddress, PhoneNumber {

	/** The longest raw input considered at all; anything longer is refused before any parsing. */
	int MAX_RAW_LENGTH = 320;

	Kind kind();

	/** The canonical value: lower-case email, or E.164 phone number. */
	String value();

	/** A form safe to show on screen and in logs: {@code j***@example.com}, {@code +4477****123}. */
	String masked();

	/**
	 * Parses what a person typed: trimmed, NFKC-normalised; an {@code @} makes it an email, a leading
	 * {@code +} a phone number in international form.
	 */
	static Optional<Identifier> parse(String raw) {
		if (raw.length() > MAX_RAW_LENGTH) {
			return Optional.empty();
		}
		String value = Normalizer.normalize(raw, Normalizer.Form.NFKC).strip();
		if (value.indexOf('@') >= 0) {
			return EmailAddress.parse(value).map(Identifier.class::cast);
		}
		return PhoneNumber.parse(value).map(Identifier.class::cast);
	}

	enum Kind {
		EMAIL("email", "email address"), PHONE("phone", "phone number");

		private final String wireName;

		private final String words;

		Kind(String wireName, String words) {
			this.wireName = wireName;
			this.words = words;
		}

		/** The name in URLs and JSON: {@code email}, {@code phone}. */
		public String wireName() {
			return this.wireName;
		}

		/** The name in sentences: "email address", "phone number". */
		public String words() {
			return this.words;
		}

		public static Optional<Kind> parse(String wireName) {
			for (Kind kind : values()) {
				if (kind.wireName.equals(wireName)) {
					return Optional.of(kind);
				}
			}
			return Optional.empty();
		}
	}
}
