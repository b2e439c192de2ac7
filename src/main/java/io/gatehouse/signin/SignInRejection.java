package io.gatehouse.signin;

import org.springframework.http.HttpStatus;

import io.gatehouse.shared.Rejection;

/** Refusals of the sign-in flow, in precedence order. */
public enum SignInRejection implements Rejection {

	FLOW_NOT_FOUND("flow_not_found", HttpStatus.NOT_FOUND, "This sign-in has ended. Start again."),
	FLOW_EXPIRED("flow_expired", HttpStatus.GONE, "This sign-in took too long and has expired. Start again."),
	WRONG_STEP("flow_wrong_step", HttpStatus.CONFLICT, "This step is not the next one in this sign-in."),
	INVALID_CREDENTIALS("invalid_credentials", HttpStatus.UNAUTHORIZED, "Incorrect account or password.");

	private final String code;

	private final HttpStatus status;

	private final String message;

	SignInRejection(String code, HttpStatus status, String message) {
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
