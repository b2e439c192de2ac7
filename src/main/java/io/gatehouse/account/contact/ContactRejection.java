package io.gatehouse.account.contact;

import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of a change of email or phone and of its revert link. */
public enum ContactRejection implements Rejection {

	CONTACT_KIND_INVALID(Rejection.of("contact_kind_invalid", Kind.NOT_FOUND, "Say what to change: email or phone.")),
	CONTACT_INVALID(Rejection.of("contact_invalid", Kind.INVALID,
			"Enter a valid email address, or a phone number in international form (for example +44 7700 900123).")),
	CONTACT_UNCHANGED(Rejection.of("contact_unchanged", Kind.INVALID,
			"That is the address your account already has.")),
	CONTACT_CHANGE_COOLDOWN(Rejection.of("contact_change_cooldown", Kind.CONFLICT,
			"This changed less than 24 hours ago. For your safety it can change again only after that.")),
	CONTACT_SEND_LIMIT(Rejection.of("contact_code_send_limit", Kind.RATE_LIMITED,
			"Too many codes were sent for address changes. Wait a while, then try again.")),
	/** Nothing waiting: never started, confirmed, cancelled, replaced, or started in another session. */
	CONTACT_CHANGE_INVALID(Rejection.of("contact_change_invalid", Kind.NOT_FOUND,
			"No change of this address is waiting for a code in this session. Start the change again.")),
	CONTACT_CODE_INVALID(Rejection.of("contact_code_invalid", Kind.INVALID,
			"That code is wrong or has expired. Check the latest message sent to the new address, or send a new code.")),
	CONTACT_CODE_USED_UP(Rejection.of("contact_code_attempts_exhausted", Kind.INVALID,
			"Too many wrong codes: this change was stopped. Start it again.")),
	CONTACT_UNAVAILABLE(Rejection.of("contact_unavailable", Kind.CONFLICT,
			"This address cannot be used for your account. Choose another one.")),
	REVERT_ADDRESS_TAKEN(Rejection.of("contact_revert_address_taken", Kind.CONFLICT,
			"Your old address now belongs to another account, so it could not be restored. To keep your account "
					+ "safe we froze it: every session is signed out and API keys are suspended. Unfreeze it from the "
					+ "recovery page, or contact support.")),
	/** Used, expired, superseded or never issued: one answer. */
	REVERT_LINK_INVALID(Rejection.of("contact_revert_invalid", Kind.INVALID,
			"This link does not work: it may have been used or expired. If someone else changed your address, "
					+ "freeze your account from the link in any of our emails, or contact support."));

	private final Definition definition;

	ContactRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
