package io.gatehouse.session.api;


import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

enum SessionRejection implements Rejection {

	SESSION_NOT_FOUND(Rejection.of("session_not_found", Kind.NOT_FOUND,
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
