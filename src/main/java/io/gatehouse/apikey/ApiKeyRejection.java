package io.gatehouse.apikey;

import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of API-key management, in the order a request is checked. */
public enum ApiKeyRejection implements Rejection {

	NAME_INVALID(Rejection.of("api_key_name_invalid", Kind.INVALID, "Name the key in 1 to 32 characters.")),
	PASSPHRASE_INVALID(Rejection.of("api_key_passphrase_invalid", Kind.INVALID,
			"Choose a passphrase of 8 to 32 letters, digits or symbols (no spaces). You send it with every request.")),
	PERMISSION_UNKNOWN(Rejection.of("api_key_permission_unknown", Kind.INVALID,
			"Choose permissions among General, Spot, Margin, Futures, InnerTransfer and Transfer.")),
	IP_LIST_INVALID(Rejection.of("api_key_ip_list_invalid", Kind.INVALID,
			"List at most 20 IP addresses or CIDR ranges no wider than /24 (IPv4) or /48 (IPv6), such as 203.0.113.5 or "
					+ "198.51.100.0/24, separated by commas.")),
	SUB_ACCOUNT_NO_TRANSFER(Rejection.of("api_key_sub_account_no_transfer", Kind.FORBIDDEN,
			"A sub-account's key cannot have Transfer: sub-accounts never withdraw.")),
	SUB_ACCOUNT_UNKNOWN(Rejection.of("sub_account_unknown", Kind.NOT_FOUND, "You have no sub-account with this id.")),
	TRANSFER_NEEDS_STRONG_FACTOR(Rejection.of("api_key_transfer_needs_strong_factor", Kind.FORBIDDEN,
			"Set up an authenticator app or a passkey first: a key that can withdraw needs one on the account.")),
	TRANSFER_NEEDS_IP_LIST(Rejection.of("api_key_transfer_needs_ip_list", Kind.INVALID,
			"A key that can withdraw must be bound to the IP addresses it is used from.")),
	EXPIRY_INVALID(Rejection.of("api_key_expiry_invalid", Kind.INVALID,
			"Give the expiry as a date and time in the future, at most a year ahead (for example 2027-06-30T00:00:00Z).")),
	TOO_MANY(Rejection.of("api_key_limit", Kind.CONFLICT, "An account can have at most 20 API keys. Delete one first.")),
	ACCOUNT_NOT_ACTIVE(Rejection.of("account_frozen", Kind.FORBIDDEN,
			"Your account is frozen: no API key can be created or enabled until it is unfrozen through recovery.")),
	REGION_RESTRICTED(Rejection.of("api_key_region_restricted", Kind.REGION_RESTRICTED,
			"New API keys are not available where you are.")),
	AFTER_RECOVERY(Rejection.of("api_key_blocked_after_recovery", Kind.CONFLICT,
			"After an account recovery no API key can be created or enabled for 72 hours. The time is shown.")),
	NOT_FOUND(Rejection.of("api_key_not_found", Kind.NOT_FOUND, "No such API key.")),
	NOT_SUSPENDED(Rejection.of("api_key_not_suspended", Kind.CONFLICT, "This key is not suspended or disabled."));

	private final Definition definition;

	ApiKeyRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
