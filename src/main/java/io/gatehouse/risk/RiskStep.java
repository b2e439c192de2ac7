package io.gatehouse.risk;

import java.util.Locale;

/** What a risky sign-in must do more, or what it sets off. */
public enum RiskStep {

	/**
	 * A solved CAPTCHA before the password is checked. A policy with this step is decided before the password
	 * (so the answer says nothing about it) from what the request shows alone: the device token and the network,
	 * and whether a credential-stuffing wave is on ({@link RiskProperties.Policy#whileUnderAttack}). It has no other
	 * step and no score, since neither is known then (see {@link RiskProperties.Policy}).
	 */
	CAPTCHA,

	/**
	 * A second factor, even from a device that signed in before. An account without one confirms by email
	 * (or SMS, when it has no email) instead.
	 */
	SECOND_FACTOR,

	/** A code sent to the account's email (or phone) confirms the sign-in before any session exists. */
	EMAIL_CONFIRMATION,

	/** The owner is told: time, address, approximate location, device, the reasons, and the anti-phishing code. */
	ALERT;

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}
}
