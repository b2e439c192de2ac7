package io.gatehouse.account;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** An ISO 3166-1 alpha-2 country code, upper case. */
public record Country(String code) {

	private static final Set<String> CODES = Set.of(Locale.getISOCountries());

	public Country {
		if (!CODES.contains(code)) {
			throw new IllegalArgumentException("not an ISO 3166-1 alpha-2 code");
		}
	}

	public static Optional<Country> parse(String raw) {
		String code = raw.strip().toUpperCase(Locale.ROOT);
		return CODES.contains(code) ? Optional.of(new Country(code)) : Optional.empty();
	}

	/** The English name, for forms and pages. */
	public String displayName() {
		return Locale.of("", this.code).getDisplayCountry(Locale.ENGLISH);
	}
}
