package io.gatehouse.support;

import io.gatehouse.kernel.Rejection;

/** Why a support step was refused, in the order the checks run. */
public enum SupportRejection implements Rejection {

	CATEGORY_UNKNOWN("support_category_unknown", Kind.INVALID,
			"Choose what your request is about: cannot sign in, lost second factor, suspicious activity, a withdrawal or a deposit, or something else."),
	MESSAGE_INVALID("support_message_invalid", Kind.INVALID,
			"Describe what happened in 10 to 5000 characters."),
	TRANSACTION_IDS_INVALID("support_transaction_ids_invalid", Kind.INVALID,
			"Transaction ids are up to 10, each 4 to 128 letters, digits, dashes, underscores, colons or dots, and never a code or token."),
	TOO_MANY_ATTACHMENTS("support_too_many_attachments", Kind.INVALID, "Attach at most 5 images."),
	ATTACHMENT_REFUSED("support_attachment_refused", Kind.UNPROCESSABLE,
			"An attachment was refused: only JPEG or PNG screenshots up to 2 MB, at least 240 pixels on each side."),
	REPLY_CONTAINS_SECRET("support_reply_contains_secret", Kind.UNPROCESSABLE,
			"The reply looks like it contains a code, token or key. Support never sends or asks for one: remove it."),
	NOT_FOUND("support_request_not_found", Kind.NOT_FOUND, "There is no such support request."),
	CLOSED("support_request_closed", Kind.CONFLICT, "This request is closed. Open a new one if you still need help."),
	TOO_MANY_REQUESTS("support_too_many_requests", Kind.RATE_LIMITED,
			"You have opened several requests today. Add to an open one, or try again tomorrow."),
	NETWORK_LIMIT("support_rate_limited", Kind.RATE_LIMITED, "Too many support messages from your network. Try again later."),
	IDENTIFIER_INVALID("support_identifier_invalid", Kind.INVALID,
			"Enter the email address or the phone number (in international form, +44…) of your account."),
	ADDRESS_LIMIT("support_address_limit", Kind.RATE_LIMITED,
			"Several codes were asked for this address in the last hour. Use the latest one, or try again later."),
	PASS_EXPIRED("support_pass_expired", Kind.GONE,
			"This code has expired or was tried too often. Ask for a new one."),
	CODE_WRONG("support_code_wrong", Kind.UNAUTHENTICATED, "The code is wrong. Check the latest message we sent."),
	NOT_SUPPORT_STAFF("support_staff_role_required", Kind.FORBIDDEN, "Only staff with the support role answer requests.");

	private final Definition definition;

	SupportRejection(String code, Kind kind, String message) {
		this.definition = Rejection.of(code, kind, message);
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
