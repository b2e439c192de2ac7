package io.gatehouse.account;


import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of the account module, in precedence order. */
public enum AccountRejection implements Rejection {

	INVALID_IDENTIFIER(Rejection.of("identifier_invalid", Kind.INVALID,
			"Enter an email address, or a phone number in international form such as +44 7911 123456.")),
	INVALID_COUNTRY(Rejection.of("country_invalid", Kind.INVALID,
			"Choose your country of residence.")),
	CODE_INVALID(Rejection.of("code_invalid", Kind.INVALID,
			"The code is wrong or has expired. Check the latest message, or request a new code.")),
	CURRENT_PASSWORD_INCORRECT(Rejection.of("current_password_incorrect", Kind.FORBIDDEN,
			"Your current password is not correct.")),
	/** PW-05: wrong current passwords count in the account's password throttle, as sign-in's do. */
	CURRENT_PASSWORD_THROTTLED(Rejection.of("current_password_attempts_exceeded", Kind.RATE_LIMITED,
			"Too many wrong passwords. Wait a while before trying again, or reset your password if you forgot it.")),
	ACCOUNT_NOT_FOUND(Rejection.of("account_not_found", Kind.NOT_FOUND,
			"No such account."));

	private final Definition definition;

	AccountRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
