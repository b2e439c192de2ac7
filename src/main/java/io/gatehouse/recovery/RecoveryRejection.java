package io.gatehouse.recovery;


import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of recovery and self-service. */
public enum RecoveryRejection implements Rejection {

	/** Never existed, used, expired, replaced, out of tries: one answer for all (RP-02, RP-10). */
	RESET_INVALID(Rejection.of("reset_invalid", Kind.INVALID,
			"This reset link or code does not work: it may have expired, been used or been replaced by a newer one. "
					+ "Ask for a new one.")),
	RESET_REQUEST_INVALID(Rejection.of("reset_request_invalid", Kind.INVALID,
			"Send either the token from the link, or the identifier and the code from the message.")),
	/** The password check at the start of a case: the same words as sign-in's. */
	CREDENTIALS_INVALID(Rejection.of("invalid_credentials", Kind.UNAUTHENTICATED, "Incorrect account or password.")),
	DOCUMENT_EMPTY(Rejection.of("document_empty", Kind.INVALID, "The file is empty. Choose a photo to upload.")),
	DOCUMENT_TOO_LARGE(Rejection.of("document_too_large", Kind.TOO_LARGE,
			"The file is too large: at most 5 MB and 40 megapixels. Take the photo again at a lower resolution.")),
	DOCUMENT_TOO_SMALL(Rejection.of("document_too_small", Kind.INVALID,
			"The photo is too small to read: at least 240 pixels on its shorter side.")),
	DOCUMENT_TYPE(Rejection.of("document_type", Kind.UNSUPPORTED_TYPE,
			"Upload a JPEG or PNG photo. Other file types (PDF, HEIC, documents) are not accepted.")),
	DOCUMENT_POLYGLOT(Rejection.of("document_polyglot", Kind.UNPROCESSABLE,
			"This file contains more than a photo (for example a script or another file format). Upload a plain "
					+ "photo straight from your camera.")),
	DOCUMENT_UNREADABLE(Rejection.of("document_unreadable", Kind.UNPROCESSABLE,
			"This photo could not be read: it may be damaged or in an unusual format. Take it again.")),
	DOCUMENT_KIND(Rejection.of("document_kind", Kind.NOT_FOUND, "Upload either id_document or selfie.")),
	KIND_INVALID(Rejection.of("recovery_kind_invalid", Kind.INVALID,
			"Say which recovery: kind is lost_factor or unfreeze.")),
	CASE_INVALID(Rejection.of("recovery_case_invalid", Kind.NOT_FOUND,
			"This recovery case does not exist, has ended, or this browser does not hold it. Start again.")),
	CASE_WRONG_STATE(Rejection.of("recovery_transition_forbidden", Kind.FORBIDDEN,
			"This step is not open for this recovery case now.")),
	CASE_INCOMPLETE(Rejection.of("recovery_case_incomplete", Kind.CONFLICT,
			"Some proofs are still missing. Finish every step before sending the case for review.")),
	CASE_OPEN(Rejection.of("recovery_case_open", Kind.CONFLICT,
			"A recovery case for this account is already with our team. Follow it from the link in our message, "
					+ "or cancel it there and start again.")),
	CASE_NOT_NEEDED(Rejection.of("recovery_not_needed", Kind.CONFLICT,
			"This account does not need this kind of recovery: sign in instead, or pick the other option.")),
	CODE_INVALID(Rejection.of("recovery_code_invalid", Kind.INVALID,
			"That code is wrong or has expired. Check the latest message, or ask for new codes.")),
	CANCEL_LINK_INVALID(Rejection.of("recovery_cancel_invalid", Kind.INVALID,
			"This cancel link does not work: the case may already be finished or cancelled.")),
	REVIEW_FORBIDDEN(Rejection.of("recovery_review_forbidden", Kind.FORBIDDEN,
			"Only reviewers decide recovery cases, each once.")),
	DECISION_INVALID(Rejection.of("recovery_decision_invalid", Kind.INVALID,
			"Say the decision: approve or reject.")),
	DOCUMENT_NOT_FOUND(Rejection.of("recovery_document_not_found", Kind.NOT_FOUND,
			"No such document in this case, or your role does not include reviewing.")),
	REVIEW_REASON_REQUIRED(Rejection.of("recovery_review_reason_required", Kind.INVALID,
			"Give the reason for the decision (5 to 1000 characters): it is kept with the case.")),
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
					+ "freeze your account from the link in any of our emails, or contact support.")),
	/** Used, expired or never issued: one answer. */
	FREEZE_LINK_INVALID(Rejection.of("freeze_link_invalid", Kind.INVALID,
			"This freeze link does not work: it may have been used or expired. If you think your account is at risk, "
					+ "sign in and freeze it from Security, or contact support."));

	private final Definition definition;

	RecoveryRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
