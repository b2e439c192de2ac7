package io.gatehouse.ledger;

/**
 * What became of a transfer, in precedence order: when several apply, the first listed is the answer
 * (as TigerBeetle's result codes). {@link #OK} and {@link #EXISTS} are successes; every other result
 * wrote nothing. The order follows the checks: the request itself, its accounts, its id, the pending
 * transfer it names, and the balance last.
 */
public enum TransferResult {

	OK,

	/** Amounts are positive. */
	AMOUNT_MUST_NOT_BE_ZERO,

	ACCOUNTS_MUST_BE_DIFFERENT,

	DEBIT_ACCOUNT_NOT_FOUND,

	CREDIT_ACCOUNT_NOT_FOUND,

	/** The two accounts, or the transfer and its accounts, are in different currencies. */
	CURRENCY_MISMATCH,

	/** The id was used for a transfer with another debit account: an idempotency key reused. */
	EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT,

	EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT,

	EXISTS_WITH_DIFFERENT_AMOUNT,

	EXISTS_WITH_DIFFERENT_KIND,

	EXISTS_WITH_DIFFERENT_REFERENCE,

	/** Another phase, or another pending transfer named. */
	EXISTS_WITH_DIFFERENT_PHASE,

	/** The same transfer was made before with this id: nothing moves again. */
	EXISTS,

	PENDING_TRANSFER_NOT_FOUND,

	/** The transfer named to post or void is not a pending one. */
	PENDING_TRANSFER_NOT_PENDING,

	PENDING_TRANSFER_ALREADY_POSTED,

	PENDING_TRANSFER_ALREADY_VOIDED,

	/** The debit would take a customer account's available balance below zero. */
	EXCEEDS_CREDITS;

	public boolean succeeded() {
		return this == OK || this == EXISTS;
	}

	/** Whether the id was already used for another transfer. */
	public boolean idReused() {
		return name().startsWith("EXISTS_WITH_DIFFERENT_");
	}
}
