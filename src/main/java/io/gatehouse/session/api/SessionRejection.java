package io.gatehouse.session.api;

import org.springframework.http.HttpStatus;

import io.gatehouse.shared.Rejection;
import io.gatehouse.shared.Rejection.Definition;

enum SessionRejection implements Rejection {

	SESSION_NOT_FOUND(Rejection.of("session_not_found", HttpStatus.NOT_FOUND,
			"No such session."));

	private final Definition definition;

	SessionRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
