package io.gatehouse.shared;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The one place that turns a {@link Rejection} into RFC 9457 problem+json. */
public final class Problems {

	private Problems() {
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
	public static ResponseEntity<ProblemDetail> retryAfter(Rejection rejection, java.time.Duration wait,
			Map<String, ?> properties) {
		Map<String, Object> all = new java.util.LinkedHashMap<>(properties);
		all.put("retryAfterSeconds", wait.toSeconds());
		ResponseEntity<ProblemDetail> problem = of(rejection, all);
		return ResponseEntity.status(problem.getStatusCode())
			.headers(problem.getHeaders())
			.header(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds()))
			.body(problem.getBody());
	}

	public static ResponseEntity<ProblemDetail> of(Rejection rejection, Map<String, ?> properties) {
		ProblemDetail problem = detail(rejection.code(), rejection.status(), rejection.message());
		properties.forEach(problem::setProperty);
		return ResponseEntity.status(rejection.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}
}
