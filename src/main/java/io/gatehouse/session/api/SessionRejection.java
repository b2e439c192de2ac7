package io.gatehouse.session.api;

import org.springframework.http.HttpStatus;

import io.gatehouse.shared.Rejection;

enum SessionRejection implements Rejection {

	SESSION_NOT_FOUND("session_not_found", HttpStatus.NOT_FOUND, "No such session.");

	private final String code;

	private final HttpStatus status;

	private final String message;

	SessionRejection(String code, HttpStatus status, String message) {
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
