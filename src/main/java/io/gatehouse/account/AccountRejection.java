package io.gatehouse.account;

import org.springframework.http.HttpStatus;

import io.gatehouse.shared.Rejection;

/** Refusals of the account module, in precedence order. */
public enum AccountRejection implements Rejection {

	INVALID_IDENTIFIER("identifier_invalid", HttpStatus.BAD_REQUEST,
			"Enter an email address, or a phone number in international form such as +44 7911 123456."),
	INVALID_COUNTRY("country_invalid", HttpStatus.BAD_REQUEST, "Choose your country of residence."),
	CODE_INVALID("code_invalid", HttpStatus.BAD_REQUEST,
			"The code is wrong or has expired. Check the latest message, or request a new code."),
	CURRENT_PASSWORD_INCORRECT("current_password_incorrect", HttpStatus.FORBIDDEN,
			"Your current password is not correct."),
	ACCOUNT_NOT_FOUND("account_not_found", HttpStatus.NOT_FOUND, "No such account.");

	private final String code;

	private final HttpStatus status;

	private final String message;

	AccountRejection(String code, HttpStatus status, String message) {
		this.code = code;
		this.status = status;
		this.message = message;
	}

	@Override
	public String code() {
		return this.code;
	}

	@Override
	public HttpStatus status() {
		return this.status;
	}

	@Override
	public String message() {
		return this.message;
	}
}
