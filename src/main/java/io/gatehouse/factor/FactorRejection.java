package io.gatehouse.factor;

import org.springframework.http.HttpStatus;

import io.gatehouse.shared.Rejection;
import io.gatehouse.shared.Rejection.Definition;

/** Refusals of the second-factor module, in precedence order. */
public enum FactorRejection implements Rejection {

	TOO_MANY_FAILURES(Rejection.of("second_factor_locked", HttpStatus.TOO_MANY_REQUESTS,
			"Too many wrong codes. Wait a few minutes before trying again.")),
	ALREADY_ENROLLED(Rejection.of("totp_already_enrolled", HttpStatus.CONFLICT,
			"An authenticator app is already set up for this account.")),
	ENROLMENT_IN_PROGRESS(Rejection.of("totp_enrolment_in_progress", HttpStatus.CONFLICT,
			"Another set-up of an authenticator app has just started. Reload the page and try again.")),
	NO_SUCH_ENROLMENT(Rejection.of("totp_enrolment_not_found", HttpStatus.NOT_FOUND,
			"No authenticator set-up is waiting for confirmation. Start again.")),
	CODE_INVALID(Rejection.of("totp_code_invalid", HttpStatus.BAD_REQUEST,
			"The code is wrong or was already used. Enter the current code from your authenticator app.")),
	BACKUP_CODE_INVALID(Rejection.of("backup_code_invalid", HttpStatus.BAD_REQUEST,
			"This backup code is wrong or was already used.")),
	PASSKEY_INVALID(Rejection.of("passkey_invalid", HttpStatus.BAD_REQUEST,
			"That passkey could not be verified. Try again, or use another way to confirm.")),
	PASSKEY_CHALLENGE_INVALID(Rejection.of("passkey_challenge_invalid", HttpStatus.BAD_REQUEST,
			"This passkey request has expired or was already used. Start again.")),
	PASSKEY_USER_VERIFICATION_REQUIRED(Rejection.of("passkey_user_verification_required", HttpStatus.BAD_REQUEST,
			"Unlock your passkey with its PIN, fingerprint or face to continue.")),
	PASSKEY_COUNTER_REGRESSED(Rejection.of("passkey_counter_regressed", HttpStatus.FORBIDDEN,
			"This passkey may have been copied, so it was refused. Use another way to sign in and review your security settings.")),
	PASSKEY_DUPLICATE(Rejection.of("passkey_duplicate", HttpStatus.CONFLICT,
			"This passkey or security key is already registered.")),
	PASSKEY_LIMIT(Rejection.of("passkey_limit_reached", HttpStatus.CONFLICT,
			"An account can have at most 10 passkeys. Remove one first.")),
	PASSKEY_NOT_FOUND(Rejection.of("passkey_not_found", HttpStatus.NOT_FOUND, "No such passkey on this account.")),
	PASSKEY_NAME_INVALID(Rejection.of("passkey_name_invalid", HttpStatus.BAD_REQUEST,
			"Give the passkey a name of 1 to 64 characters.")),
	SMS_CODE_INVALID(Rejection.of("sms_code_invalid", HttpStatus.BAD_REQUEST,
			"The code is wrong, expired or was already used. Ask for a new code.")),
	SMS_CODE_USED_UP(Rejection.of("sms_code_used_up", HttpStatus.CONFLICT,
			"This request's code was used or had too many wrong tries. Start again.")),
	SMS_SEND_LIMIT(Rejection.of("code_send_limit", HttpStatus.TOO_MANY_REQUESTS,
			"Too many codes were sent. Wait an hour before asking for another.")),
	SMS_NOT_ENROLLED(Rejection.of("sms_not_enrolled", HttpStatus.CONFLICT, "SMS codes are not turned on for this account.")),
	SMS_ALREADY_ENROLLED(Rejection.of("sms_already_enrolled", HttpStatus.CONFLICT,
			"SMS codes are already turned on for this account.")),
	PHONE_INVALID(Rejection.of("phone_invalid", HttpStatus.BAD_REQUEST,
			"Enter the phone number in international format, for example +44 7700 900123.")),
	PHONE_MISMATCH(Rejection.of("phone_mismatch", HttpStatus.CONFLICT,
			"SMS codes go to the phone number already on your account. Change that number first.")),
	PHONE_UNAVAILABLE(Rejection.of("phone_unavailable", HttpStatus.CONFLICT,
			"This phone number cannot be added to your account.")),
	SECOND_FACTOR_REQUIRED(Rejection.of("second_factor_required", HttpStatus.CONFLICT,
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
