package io.gatehouse.web;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.kernel.Rejection;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The one place that turns a {@link Rejection} into RFC 9457 problem+json, its kind into a status. */
public final class Problems {

	private Problems() {
	}

	/** The HTTP status each kind of refusal answers with on the web and the JSON API. */
	public static HttpStatus status(Rejection.Kind kind) {
		return switch (kind) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
			case GONE -> HttpStatus.GONE;
			case TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case UNSUPPORTED_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
			case CHALLENGE_REQUIRED -> HttpStatus.PRECONDITION_REQUIRED;
			case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
			case REGION_RESTRICTED -> HttpStatus.UNAVAILABLE_FOR_LEGAL_REASONS;
			case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
		};
	}

	/** {@link #status(Rejection.Kind)} of a refusal. */
	public static HttpStatus status(Rejection rejection) {
		return status(rejection.kind());
	}

	public static ProblemDetail detail(String code, HttpStatus status, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
		problem.setType(URI.create("https://gatehouse.io/problems/" + code.replace('_', '-')));
		problem.setTitle(status.getReasonPhrase());
		problem.setProperty("code", code);
		return problem;
	}

	/** Writes a problem straight to the response, for answers given before any controller runs (filters). */
	public static void write(HttpServletResponse response, JsonMapper json, HttpStatus status, String code,
			String message) throws IOException {
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), detail(code, status, message));
	}

	public static ResponseEntity<ProblemDetail> of(Rejection rejection) {
		return of(rejection, Map.of());
	}

	/** A refusal that says when to come back: {@code Retry-After} and {@code retryAfterSeconds}. */
	public static ResponseEntity<ProblemDetail> retryAfter(Rejection rejection, Duration wait,
			Map<String, ?> properties) {
		Map<String, Object> all = new LinkedHashMap<>(properties);
		all.put("retryAfterSeconds", wait.toSeconds());
		ResponseEntity<ProblemDetail> problem = of(rejection, all);
		return ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds()))
			.body(problem.getBody());
	}

	public static ResponseEntity<ProblemDetail> of(Rejection rejection, Map<String, ?> properties) {
		HttpStatus status = status(rejection);
		ProblemDetail problem = detail(rejection.code(), status, rejection.message());
		properties.forEach(problem::setProperty);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
