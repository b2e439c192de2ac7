package io.gatehouse.assets;

import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of the money side, in the order they are checked. */
public enum AssetsRejection implements Rejection {

	CLIENT_OID_INVALID(Rejection.of("client_oid_invalid", Kind.INVALID,
			"Give the transfer a client id of 1 to 64 letters, digits, '-' or '_'; send the same id again to retry it safely.")),
	CURRENCY_UNKNOWN(Rejection.of("currency_unknown", Kind.INVALID, "This currency is not supported.")),
	CHAIN_UNKNOWN(Rejection.of("chain_unknown", Kind.INVALID,
			"This currency cannot be deposited on that network. Choose one of the networks listed for it.")),
	AMOUNT_INVALID(Rejection.of("amount_invalid", Kind.INVALID,
			"Enter the amount as a plain decimal number above zero, with no more decimals than the currency has "
					+ "(for example 0.5 or 120.25).")),
	ACCOUNT_TYPE_INVALID(Rejection.of("account_type_invalid", Kind.INVALID,
			"Say which accounts: main (Funding), trade (Spot) or contract (Futures).")),
	SAME_ACCOUNT(Rejection.of("transfer_same_account", Kind.INVALID, "Choose two different accounts.")),
	DIRECTION_INVALID(Rejection.of("transfer_direction_invalid", Kind.INVALID,
			"Say which way: PARENT_TO_SUB (from your account to the sub-account) or SUB_TO_PARENT.")),
	SUB_ACCOUNT_UNKNOWN(Rejection.of("sub_account_unknown", Kind.NOT_FOUND, "You have no sub-account with this id.")),
	SUB_ACCOUNT_FROZEN(Rejection.of("sub_account_frozen", Kind.FORBIDDEN,
			"This sub-account is frozen: funds can only come back from it until you unfreeze it.")),
	ACCOUNT_FROZEN(Rejection.of("account_frozen", Kind.FORBIDDEN,
			"Your account is frozen: no money moves until it is unfrozen through recovery.")),
	REGION_RESTRICTED(Rejection.of("region_restricted", Kind.REGION_RESTRICTED,
			"Futures are not available where you are. You can still move funds out of Futures and withdraw.")),
	SUB_ACCOUNT_NO_DEPOSIT(Rejection.of("sub_account_no_deposit", Kind.FORBIDDEN,
			"A sub-account cannot receive deposits from outside: fund it from its master account.")),
	DEPOSIT_REGION_RESTRICTED(Rejection.of("deposit_region_restricted", Kind.REGION_RESTRICTED,
			"New deposit addresses are not available where you are. Addresses you were given before keep working.")),
	FUTURES_NOT_ACTIVATED(Rejection.of("futures_not_activated", Kind.CONFLICT,
			"Futures are not activated on this account. Read the risks and activate futures first.")),
	FUTURES_ACKNOWLEDGEMENT_REQUIRED(Rejection.of("futures_acknowledgement_required", Kind.INVALID,
			"Confirm that you have read and understood the risks of futures trading.")),
	IDEMPOTENCY_KEY_REUSED(Rejection.of("idempotency_key_reused", Kind.CONFLICT,
			"This client id was already used for a different transfer. Use a new id for a new transfer.")),
	INSUFFICIENT_BALANCE(Rejection.of("insufficient_balance", Kind.UNPROCESSABLE,
			"The available balance does not cover this amount.")),
	DEPOSIT_ADDRESS_UNAVAILABLE(Rejection.of("deposit_address_unavailable", Kind.UNAVAILABLE,
			"No deposit address can be given out for this network right now. Try again in a few minutes.")),
	DEPOSIT_ADDRESS_UNKNOWN(Rejection.of("deposit_address_unknown", Kind.NOT_FOUND,
			"No account has this deposit address (with this memo, where the network uses one).")),
	ADDRESS_INVALID(Rejection.of("address_invalid", Kind.INVALID,
			"Each address is 1 to 128 letters, digits or ':_.-'; a memo (1 to 64 letters, digits, '_' or '-') is given "
					+ "exactly where the network needs one.")),
	TRANSACTION_INVALID(Rejection.of("transaction_invalid", Kind.INVALID,
			"Give the transaction hash (1 to 128 letters, digits, ':', '_' or '-') and its output index (0 or more).")),
	CORRECTION_FORBIDDEN(Rejection.of("correction_forbidden", Kind.FORBIDDEN,
			"Support staff propose corrections; a different admin approves or rejects them.")),
	CORRECTION_INVALID(Rejection.of("correction_invalid", Kind.INVALID,
			"Say credit or debit, and give the reason in 5 to 1000 characters: it stays with the correction.")),
	CORRECTION_NOT_FOUND(Rejection.of("correction_not_found", Kind.NOT_FOUND,
			"No such open correction, or no such account.")),
	CORRECTION_FOUR_EYES(Rejection.of("correction_four_eyes", Kind.FORBIDDEN,
			"Whoever proposed a correction cannot decide it: another admin must.")),
	DEPOSIT_CONFLICT(Rejection.of("deposit_conflict", Kind.CONFLICT,
			"This transaction output was credited before with another amount, currency or address."));

	private final Definition definition;

	AssetsRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
