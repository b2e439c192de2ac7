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
