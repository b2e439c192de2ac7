package io.gatehouse.shared;

import org.springframework.http.HttpStatus;

/**
 * An expected refusal: a stable snake_case wire code, the HTTP status it maps to and a message a
 * person can act on. Features list theirs as enum constants in precedence order, each holding a
 * {@link Definition}.
 */
public interface Rejection {

	Definition definition();

	default String code() {
		return definition().code();
	}

	default HttpStatus status() {
		return definition().status();
	}

	default String message() {
		return definition().message();
	}

	static Definition of(String code, HttpStatus status, String message) {
		return new Definition(code, status, message);
	}

	record Definition(String code, HttpStatus status, String message) {

		public Definition {
			if (!code.matches("[a-z][a-z0-9_]*")) {
				throw new IllegalArgumentException("rejection codes are snake_case");
			}
		}
	}
}
