package io.gatehouse.factor;

import java.util.Locale;
import java.util.Optional;

/** Sensitive actions that need a fresh step-up proof (PRODUCT.md §1.3); the wire name is lower-case. */
public enum StepUpAction {

	ENROL_TOTP, REGENERATE_BACKUP_CODES, SET_ANTI_PHISHING_CODE, REMOVE_TOTP, SET_TRADING_PASSWORD, ADD_PASSKEY,
	REMOVE_PASSKEY, REVOKE_ALL_SESSIONS, ENABLE_SMS, REMOVE_SMS, CHANGE_EMAIL, CHANGE_PHONE, WITHDRAW,
	ADD_WITHDRAWAL_ADDRESS, REMOVE_WITHDRAWAL_ADDRESS, CHANGE_WHITELIST, CREATE_API_KEY, EDIT_API_KEY, ENABLE_API_KEY,
	/** Making a team member an admin (inviting one, or raising a member): the owner alone, with the trading password. */
	GRANT_TEAM_ADMIN;

	/**
	 * Removing a factor asks for the password as well as the strongest factor (TO-07): one phished code
	 * alone must not be able to strip the account's second step.
	 */
	public boolean needsPasswordToo() {
		return this == REMOVE_TOTP || this == REMOVE_PASSKEY || this == REMOVE_SMS;
	}

	/** Setting up a passkey or an authenticator app: allowed even while a new factor is required. */
	public boolean enrolsStrongFactor() {
		return this == ENROL_TOTP || this == ADD_PASSKEY;
	}

	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<StepUpAction> parse(String wire) {
		for (StepUpAction action : values()) {
			if (action.wireName().equals(wire)) {
				return Optional.of(action);
			}
		}
		return Optional.empty();
	}
}
