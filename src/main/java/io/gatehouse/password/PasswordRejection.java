package io.gatehouse.password;

import org.springframework.http.HttpStatus;

import io.gatehouse.shared.Rejection;

/** Why a new password was refused, in the order the checks run. */
public enum PasswordRejection implements Rejection {

	TOO_LONG("password_too_long", "Use at most 256 characters."),
	INVALID_CHARACTERS("password_invalid_characters", "Passwords cannot contain control characters."),
	TOO_SHORT("password_too_short", "Use at least 8 characters."),
	COMMON("password_common", "This password appears in lists of common or breached passwords. Choose another."),
	CONTAINS_CONTEXT("password_contains_context",
			"Do not use your email, phone number or the name of this service in your password."),
	TOO_WEAK("password_too_weak", "This password is too easy to guess. Add another word or two."),
	REUSED("password_reused", "Choose a password you have not used recently."),
	SAME_AS_CURRENT("password_same_as_current", "The new password must differ from the current one.");

	private final String code;

	private final String message;

	PasswordRejection(String code, String message) {
		this.code = code;
		this.message = message;
	}

	@Override
	public String code() {
		return this.code;
	}

	@Override
	public HttpStatus status() {
		return HttpStatus.UNPROCESSABLE_CONTENT;
	}

	@Override
	public String message() {
		return this.message;
	}
}
