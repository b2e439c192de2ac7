package io.gatehouse.risk;

import java.util.Locale;

/** Something unusual about a sign-in. */
public enum Signal {

	/** The browser or app has not signed in to this account before. */
	NEW_DEVICE,

	/** The address is in a country this account has not signed in from lately. */
	NEW_COUNTRY,

	/** The address is in a network (ASN) this account has not signed in from lately; needs an ASN database. */
	NEW_ASN,

	/** Getting here from the last sign-in's country would have needed a speed no airliner has. */
	IMPOSSIBLE_TRAVEL,

	/** Wrong passwords came just before this right one. */
	RECENT_FAILURES,

	/** The last sign-in was long ago. */
	LONG_INACTIVITY,

	/** The address is in a configured Tor, VPN or hosting range. */
	ANONYMIZER_NETWORK;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}
}
