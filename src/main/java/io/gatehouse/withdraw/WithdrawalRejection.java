package io.gatehouse.withdraw;

import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/**
 * Refusals of withdrawals and the address book. The request's shape is checked first; then the rules in
 * their documented precedence (docs/withdrawals.md): account, region, cooldown, KYC and limit, address and
 * whitelist, memo, balance, and the confirmation last.
 */
public enum WithdrawalRejection implements Rejection {

	CLIENT_OID_INVALID(Rejection.of("client_oid_invalid", Kind.INVALID,
			"Give the withdrawal a client id of 1 to 64 letters, digits, '-' or '_'; send the same id again to retry it safely.")),
	CURRENCY_UNKNOWN(Rejection.of("currency_unknown", Kind.INVALID, "This currency is not supported.")),
	CHAIN_UNKNOWN(Rejection.of("withdrawal_chain_unknown", Kind.INVALID,
			"This currency cannot be withdrawn on that network. Choose one of the networks listed for it.")),
	AMOUNT_INVALID(Rejection.of("amount_invalid", Kind.INVALID,
			"Enter the amount as a plain decimal number above zero, with no more decimals than the currency has.")),
	AMOUNT_BELOW_MINIMUM(Rejection.of("withdrawal_amount_below_minimum", Kind.INVALID,
			"The amount is below the smallest withdrawal on this network.")),
	LABEL_INVALID(Rejection.of("address_label_invalid", Kind.INVALID,
			"Give the address a label of 1 to 40 characters, so you recognise it later.")),
	ACCOUNT_FROZEN(Rejection.of("account_frozen", Kind.FORBIDDEN,
			"Your account is frozen: no money moves until it is unfrozen through recovery.")),
	REGION_RESTRICTED(Rejection.of("withdrawal_region_restricted", Kind.REGION_RESTRICTED,
			"Withdrawals are not available where you are.")),
	COOLDOWN(Rejection.of("withdrawal_cooldown", Kind.CONFLICT,
			"Withdrawals are paused after a recent security change. They open again at the time shown; support cannot shorten it.")),
	API_KEY_REVOKED(Rejection.of("api_key_revoked", Kind.FORBIDDEN,
			"This API key was deleted, suspended or disabled while the withdrawal was being made; nothing was sent.")),
	KYC_REQUIRED(Rejection.of("kyc_required", Kind.FORBIDDEN,
			"Verify your identity to withdraw. Your verification level sets how much you can withdraw per day.")),
	LIMIT_EXCEEDED(Rejection.of("withdrawal_limit_exceeded", Kind.UNPROCESSABLE,
			"This would exceed your 24-hour withdrawal limit. The remaining amount is shown.")),
	PRICE_UNAVAILABLE(Rejection.of("reference_price_unavailable", Kind.UNAVAILABLE,
			"This currency's price is not known right now, so the limit cannot be checked. Try again in a few minutes.")),
	ADDRESS_INVALID(Rejection.of("withdrawal_address_invalid", Kind.INVALID,
			"This is not a valid address on the chosen network (its checksum does not match). Check the network and copy the address again.")),
	ADDRESS_NOT_WHITELISTED(Rejection.of("address_not_whitelisted", Kind.FORBIDDEN,
			"Your withdrawal whitelist is on: withdraw only to an address in your address book.")),
	ADDRESS_COOLDOWN(Rejection.of("address_cooldown", Kind.CONFLICT,
			"This address was added recently and can be used from the time shown.")),
	MEMO_INVALID(Rejection.of("withdrawal_memo_invalid", Kind.INVALID,
			"This network needs a memo or tag (on the XRP Ledger a number up to 4294967295); on other networks leave it empty.")),
	INSUFFICIENT_BALANCE(Rejection.of("insufficient_balance", Kind.UNPROCESSABLE,
			"Your available Funding balance does not cover the amount and the fee.")),
	STRONG_FACTOR_REQUIRED(Rejection.of("strong_factor_required", Kind.FORBIDDEN,
			"Set up an authenticator app or a passkey first: withdrawals are confirmed with one.")),
	EMAIL_CODE_INVALID(Rejection.of("withdrawal_email_code_invalid", Kind.FORBIDDEN,
			"The email code is wrong, expired, or was sent for different withdrawal details. Ask for a new code.")),
	EMAIL_CODE_LIMIT(Rejection.of("withdrawal_email_code_limit", Kind.RATE_LIMITED,
			"Too many codes were asked for: at most 20 an hour. Wait before asking for another.")),
	NO_EMAIL(Rejection.of("withdrawal_email_required", Kind.CONFLICT,
			"Add an email address to your account: withdrawals are confirmed with a code sent to it.")),
	IDEMPOTENCY_KEY_REUSED(Rejection.of("idempotency_key_reused", Kind.CONFLICT,
			"This client id was already used for a different withdrawal. Use a new id for a new withdrawal.")),
	NOT_FOUND(Rejection.of("withdrawal_not_found", Kind.NOT_FOUND, "No such withdrawal.")),
	NOT_CANCELLABLE(Rejection.of("withdrawal_not_cancellable", Kind.CONFLICT,
			"This withdrawal can no longer be cancelled: the wallet has picked it up or it has ended.")),
	WRONG_STATE(Rejection.of("withdrawal_wrong_state", Kind.CONFLICT,
			"The withdrawal is not in a state that allows this.")),
	TX_ID_INVALID(Rejection.of("withdrawal_tx_id_invalid", Kind.INVALID,
			"Give the transaction id: 1 to 128 letters, digits, ':', '_' or '-'.")),
	OUTCOME_UNKNOWN(Rejection.of("withdrawal_outcome_unknown", Kind.CONFLICT,
			"A transaction may have been sent for this withdrawal (one was reported, or it was claimed again). Report "
					+ "a failure only with \"dropped\": true, after checking on chain that nothing was or will be mined.")),
	TX_ID_MISMATCH(Rejection.of("withdrawal_tx_id_mismatch", Kind.CONFLICT,
			"A different transaction id was reported for this withdrawal before.")),
	REASON_REQUIRED(Rejection.of("review_reason_required", Kind.INVALID,
			"Give a reason: 5 to 1000 characters for a review decision, 1 to 200 for a wallet's failure report.")),
	ROLE_MISSING(Rejection.of("staff_role_missing", Kind.FORBIDDEN, "Your staff role does not allow this.")),
	ALREADY_DECIDED(Rejection.of("review_already_decided", Kind.CONFLICT,
			"You have decided on this withdrawal already; a second approval must come from a different reviewer.")),
	ADDRESS_EXISTS(Rejection.of("address_exists", Kind.CONFLICT, "This address is already in your address book.")),
	ADDRESS_NOT_FOUND(Rejection.of("address_not_found", Kind.NOT_FOUND, "No such address in your address book.")),
	WHITELIST_UNCHANGED(Rejection.of("whitelist_unchanged", Kind.CONFLICT,
			"The whitelist is already in that state (or no switch-off is waiting to be cancelled)."));

	private final Definition definition;

	WithdrawalRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
