package io.gatehouse.geo;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What the databases say about an address.
 *
 * @param network whether the address is public, or one that no database places (private, loopback,
 * link-local, shared address space)
 * @param country ISO 3166-1 alpha-2, upper case; null when unknown or not public
 * @param city the city's English name, when a city database is configured and knows the address
 * @param asn the autonomous system number, when an ASN database is configured and knows it
 * @param asnOrganization the operator's name, with the number
 */
public record Location(Network network, @Nullable String country, @Nullable String city, @Nullable Long asn,
		@Nullable String asnOrganization) {

	public enum Network {
		PUBLIC, LOCAL
	}

	static final Location LOCAL = new Location(Network.LOCAL, null, null, null, null);

	/**
	 * A stored country code for people: "Germany (DE)", or "Unknown" when the address could not be placed
	 * (a private network, or not in the database).
	 */
	public static String countryName(@Nullable String code) {
		if (code == null || code.isBlank()) {
			return "Unknown";
		}
		String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
		return name.isBlank() || name.equals(code) ? code : name + " (" + code + ")";
	}

	/** A stored place for people: "Berlin, Germany (DE)" with a city, else as {@link #countryName}. */
	public static String placeName(@Nullable String city, @Nullable String countryCode) {
		String country = countryName(countryCode);
		return city == null || city.isBlank() ? country : city + ", " + country;
	}

	/** "Berlin, Germany (DE)", "Germany (DE)", "a private network", or "an unknown location": for messages to people. */
	public String describe() {
		if (this.network == Network.LOCAL) {
			return "a private network";
		}
		if (this.country == null) {
			return "an unknown location";
		}
		return placeName(this.city, this.country);
	}
}
