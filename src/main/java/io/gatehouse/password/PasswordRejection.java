package io.gatehouse.password;


import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Why a new password was refused, in the order the checks run. */
public enum PasswordRejection implements Rejection {

	TOO_LONG(Rejection.of("password_too_long", Kind.UNPROCESSABLE,
			"Use at most 256 characters.")),
	INVALID_CHARACTERS(Rejection.of("password_invalid_characters", Kind.UNPROCESSABLE,
			"Passwords cannot contain control characters.")),
	TOO_SHORT(Rejection.of("password_too_short", Kind.UNPROCESSABLE,
			"Use at least 8 characters.")),
	COMMON(Rejection.of("password_common", Kind.UNPROCESSABLE,
			"This password appears in lists of common or breached passwords. Choose another.")),
	CONTAINS_CONTEXT(Rejection.of("password_contains_context", Kind.UNPROCESSABLE,
			"Do not use your email, phone number or the name of this service in your password.")),
	TOO_WEAK(Rejection.of("password_too_weak", Kind.UNPROCESSABLE,
			"This password is too easy to guess. Add another word or two.")),
	REUSED(Rejection.of("password_reused", Kind.UNPROCESSABLE,
			"Choose a password you have not used recently.")),
	SAME_AS_CURRENT(Rejection.of("password_same_as_current", Kind.UNPROCESSABLE,
			"The new password must differ from the current one."));

	private final Definition definition;

	PasswordRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
