package io.gatehouse.kyc;

import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of identity verification, in the order an application is checked. */
public enum KycRejection implements Rejection {

	NAME_INVALID(Rejection.of("kyc_name_invalid", Kind.INVALID,
			"Enter your legal name as on your ID document: 2 to 100 letters, spaces, apostrophes, dots or hyphens.")),
	BIRTH_DATE_INVALID(Rejection.of("kyc_birth_date_invalid", Kind.INVALID,
			"Enter your date of birth as YYYY-MM-DD. You must be at least 18 years old.")),
	COUNTRY_INVALID(Rejection.of("kyc_country_invalid", Kind.INVALID,
			"Choose your country of residence (a two-letter ISO code such as DE or SG).")),
	PHOTO_MISSING(Rejection.of("kyc_photo_missing", Kind.INVALID,
			"Upload both a photo of your ID document and a selfie.")),
	ALREADY_SUBMITTED(Rejection.of("kyc_already_submitted", Kind.CONFLICT,
			"Your application is being reviewed. You will be told by email when it is decided.")),
	APPLICATION_NOT_FOUND(Rejection.of("kyc_application_not_found", Kind.NOT_FOUND,
			"No such application is waiting for a decision.")),
	ALREADY_DECIDED(Rejection.of("kyc_already_decided", Kind.CONFLICT, "This application has been decided already.")),
	LEVEL_INVALID(Rejection.of("kyc_level_invalid", Kind.INVALID, "Choose a level from 1 to 3.")),
	REASON_REQUIRED(Rejection.of("kyc_reason_required", Kind.INVALID,
			"Give the reason for the decision in 5 to 1000 characters; a rejection's reason is shown to the owner.")),
	ROLE_MISSING(Rejection.of("staff_role_missing", Kind.FORBIDDEN, "Your staff role does not allow this."));

	private final Definition definition;

	KycRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
