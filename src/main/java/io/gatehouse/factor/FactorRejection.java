package io.gatehouse.factor;


import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of the second-factor module, in precedence order. */
public enum FactorRejection implements Rejection {

	TOO_MANY_FAILURES(Rejection.of("second_factor_locked", Kind.RATE_LIMITED,
			"Too many wrong codes. Wait a few minutes before trying again.")),
	ALREADY_ENROLLED(Rejection.of("totp_already_enrolled", Kind.CONFLICT,
			"An authenticator app is already set up for this account.")),
	ENROLMENT_IN_PROGRESS(Rejection.of("totp_enrolment_in_progress", Kind.CONFLICT,
			"Another set-up of an authenticator app has just started. Reload the page and try again.")),
	NO_SUCH_ENROLMENT(Rejection.of("totp_enrolment_not_found", Kind.NOT_FOUND,
			"No authenticator set-up is waiting for confirmation. Start again.")),
	CODE_INVALID(Rejection.of("totp_code_invalid", Kind.INVALID,
			"The code is wrong or was already used. Enter the current code from your authenticator app; if codes "
					+ "keep failing, check that your phone sets its date and time automatically.")),
	BACKUP_CODE_INVALID(Rejection.of("backup_code_invalid", Kind.INVALID,
			"This backup code is wrong or was already used.")),
	PASSKEY_INVALID(Rejection.of("passkey_invalid", Kind.INVALID,
			"That passkey could not be verified. Try again, or use another way to confirm.")),
	PASSKEY_CHALLENGE_INVALID(Rejection.of("passkey_challenge_invalid", Kind.INVALID,
			"This passkey request has expired or was already used. Start again.")),
	PASSKEY_USER_VERIFICATION_REQUIRED(Rejection.of("passkey_user_verification_required", Kind.INVALID,
			"Unlock your passkey with its PIN, fingerprint or face to continue.")),
	PASSKEY_COUNTER_REGRESSED(Rejection.of("passkey_counter_regressed", Kind.FORBIDDEN,
			"This passkey may have been copied, so it was refused. Use another way to sign in and review your security settings.")),
	PASSKEY_DUPLICATE(Rejection.of("passkey_duplicate", Kind.CONFLICT,
			"This passkey or security key is already registered.")),
	PASSKEY_LIMIT(Rejection.of("passkey_limit_reached", Kind.CONFLICT,
			"An account can have at most 10 passkeys. Remove one first.")),
	PASSKEY_NOT_FOUND(Rejection.of("passkey_not_found", Kind.NOT_FOUND, "No such passkey on this account.")),
	PASSKEY_NAME_INVALID(Rejection.of("passkey_name_invalid", Kind.INVALID,
			"Give the passkey a name of 1 to 64 characters.")),
	SMS_CODE_INVALID(Rejection.of("sms_code_invalid", Kind.INVALID,
			"The code is wrong, expired or was already used. Ask for a new code.")),
	SMS_CODE_USED_UP(Rejection.of("sms_code_used_up", Kind.CONFLICT,
			"This request's code was used or had too many wrong tries. Start again.")),
	SMS_SEND_LIMIT(Rejection.of("code_send_limit", Kind.RATE_LIMITED,
			"Too many codes were sent. Wait an hour before asking for another.")),
	SMS_NOT_ENROLLED(Rejection.of("sms_not_enrolled", Kind.CONFLICT, "SMS codes are not turned on for this account.")),
	SMS_ALREADY_ENROLLED(Rejection.of("sms_already_enrolled", Kind.CONFLICT,
			"SMS codes are already turned on for this account.")),
	PHONE_INVALID(Rejection.of("phone_invalid", Kind.INVALID,
			"Enter the phone number in international format, for example +44 7700 900123.")),
	PHONE_MISMATCH(Rejection.of("phone_mismatch", Kind.CONFLICT,
			"SMS codes go to the phone number already on your account. Change that number first.")),
	PHONE_UNAVAILABLE(Rejection.of("phone_unavailable", Kind.CONFLICT,
			"This phone number cannot be added to your account.")),
	SECOND_FACTOR_REQUIRED(Rejection.of("second_factor_required", Kind.CONFLICT,
			"Set up a passkey or an authenticator app first; backup codes are for when you cannot use it."));

	private final Definition definition;

	FactorRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
