package io.gatehouse.account;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/** A phone number in E.164 form ({@code +447700900123}), validated with libphonenumber's metadata. */
public record PhoneNumber(String value) implements Identifier {

	private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

	public PhoneNumber {
		if (!value.matches("^\\+[1-9]\\d{6,14}$")) {
			throw new IllegalArgumentException("not an E.164 phone number");
		}
	}

	/** Accepts international form only ({@code +} and country code); spaces, dots and dashes are ignored. */
	public static Optional<PhoneNumber> parse(String raw) {
		String value = raw.strip();
		if (!value.startsWith("+") || value.length() > 32 || !value.matches("^\\+[0-9 ().\\-]+$")) {
			return Optional.empty();
		}
		try {
			var parsed = PHONES.parse(value, "ZZ");
			if (!PHONES.isValidNumber(parsed)) {
				return Optional.empty();
			}
			return Optional.of(new PhoneNumber(PHONES.format(parsed, PhoneNumberFormat.E164)));
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}

	@Override
	public Kind kind() {
		return Kind.PHONE;
	}

	@Override
	public String masked() {
		int keep = Math.min(4, this.value.length() - 3);
		return this.value.substring(0, keep) + "****" + this.value.substring(this.value.length() - 3);
	}
}
