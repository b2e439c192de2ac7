package io.gatehouse.geo;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a country's residents and visitors may do (PRODUCT.md 1.6), from most to least.
 */
public enum RegionAccess {

	/** Everything. */
	FULL(EnumSet.allOf(Capability.class)),

	/** Sign-in and withdrawals; no trading, no transfers into futures, no new API keys, no deposits. */
	WITHDRAW_ONLY(EnumSet.of(Capability.SIGN_UP, Capability.SIGN_IN, Capability.VIEW, Capability.PROTECT,
			Capability.WITHDRAW, Capability.CONFIGURE, Capability.KEY_READ)),

	/**
	 * No sign-up; sign-in only to take funds out, and to keep the account safe meanwhile. An API key keeps the
	 * withdrawal calls alone.
	 */
	BLOCKED(EnumSet.of(Capability.SIGN_IN, Capability.VIEW, Capability.PROTECT, Capability.WITHDRAW)),

	/**
	 * Assets frozen by sanctions law: sign-in to see the account and keep it safe, nothing leaves it. Not used by
	 * default; an operator sets it per country where the law requires blocking property rather than letting
	 * residents exit.
	 */
	SANCTIONED(EnumSet.of(Capability.SIGN_IN, Capability.VIEW, Capability.PROTECT));

	private final Set<Capability> permitted;

	RegionAccess(Set<Capability> permitted) {
		this.permitted = Set.copyOf(permitted);
	}

	public boolean permits(Capability capability) {
		return this.permitted.contains(capability);
	}

	/** The more restrictive of the two. */
	public RegionAccess stricter(RegionAccess other) {
		return other.ordinal() > ordinal() ? other : this;
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * What a request does, as far as region rules care. A request that does not say is {@link #VIEW} when
	 * it only reads (GET, HEAD) and {@link #CONFIGURE} otherwise, so a new endpoint is restricted until
	 * someone decides it may be used from everywhere.
	 */
	public enum Capability {

		SIGN_UP,

		SIGN_IN,

		/** Reading one's own account. */
		VIEW,

		/** Making the account safer or ending access: sign out, revoke sessions, change password, add a factor, freeze. */
		PROTECT,

		/** Taking funds out, and what it needs (step-up, trading password, whitelist). */
		WITHDRAW,

		/** Other settings, such as the anti-phishing code. */
		CONFIGURE,

		TRADE,

		DEPOSIT,

		/** Internal transfers into the futures account. */
		FUTURES_TRANSFER,

		/** Creating API keys. */
		NEW_API_KEY,

		/**
		 * Reading the account through an API key, beyond the withdrawal calls (which need {@link #VIEW} to list
		 * and {@link #WITHDRAW} to make): where only withdrawing is left, a key has those calls alone.
		 */
		KEY_READ
	}
}
