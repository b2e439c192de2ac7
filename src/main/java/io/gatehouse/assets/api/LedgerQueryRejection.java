package io.gatehouse.assets.api;

import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of the statement's query parameters, which only this surface parses. */
enum LedgerQueryRejection implements Rejection {

	TIME_INVALID(Rejection.of("time_invalid", Kind.INVALID,
			"Give from and until as ISO-8601 instants, for example 2026-12-01T00:00:00Z.")),
	FORMAT_INVALID(Rejection.of("format_invalid", Kind.INVALID, "Say format=json or format=csv."));

	private final Definition definition;

	LedgerQueryRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
