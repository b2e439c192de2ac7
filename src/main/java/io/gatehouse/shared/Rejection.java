package io.gatehouse.shared;

import org.springframework.http.HttpStatus;

/**
 * An expected refusal: a stable snake_case wire code, the HTTP status it maps to and a message a
 * person can act on. Features list theirs as enum constants in precedence order.
 */
public interface Rejection {

	String code();

	HttpStatus status();

	String message();
}
