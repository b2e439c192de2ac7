package io.gatehouse.web;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import io.gatehouse.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the JSON API as RFC 9457 problem+json with a stable {@code code}. Framework errors
 * (malformed JSON, wrong media type, unknown field, wrong method) get codes of their own; anything
 * unexpected becomes a bare 500 with no detail, and is logged without request data.
 */
@RestControllerAdvice(annotations = RestController.class)
@org.springframework.core.annotation.Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof UnrecognizedPropertyException unknown) {
			return problem("unknown_field", HttpStatus.BAD_REQUEST,
					"Unknown field '" + safe(unknown.getPropertyName()) + "'.");
		}
		return problem("malformed_request", HttpStatus.BAD_REQUEST,
				"The request body is not valid JSON of the expected shape.");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String fields = String.join(", ",
				ex.getBindingResult().getFieldErrors().stream().map(e -> safe(e.getField())).distinct().sorted().toList());
		return problem("missing_field", HttpStatus.BAD_REQUEST, "Required field missing or empty: " + fields + ".");
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		HttpStatus status = HttpStatus.resolve(statusCode.value());
		if (status == null) {
			status = HttpStatus.BAD_REQUEST;
		}
		String code = switch (status) {
			case UNSUPPORTED_MEDIA_TYPE -> "unsupported_media_type";
			case METHOD_NOT_ALLOWED -> "method_not_allowed";
			case NOT_ACCEPTABLE -> "not_acceptable";
			case NOT_FOUND -> "not_found";
			case CONTENT_TOO_LARGE -> "request_too_large";
			default -> status.is5xxServerError() ? "internal_error" : "bad_request";
		};
		String message = switch (status) {
			case UNSUPPORTED_MEDIA_TYPE -> "Send the body as application/json.";
			case METHOD_NOT_ALLOWED -> "This method is not allowed here.";
			case NOT_FOUND -> "No such resource.";
			default -> status.getReasonPhrase();
		};
		ResponseEntity<Object> response = problem(code, status, message);
		HttpHeaders merged = new HttpHeaders();
		merged.addAll(headers);
		merged.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(response.getBody(), merged, status);
	}

	/**
	 * The database out of reach for a moment (a failover, a restart, a lock given up): 503 with Retry-After, so a
	 * client retries (every money-moving call is idempotent) rather than taking it as a fault of its request.
	 */
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	ResponseEntity<Object> unavailable(Exception ex) {
		log.warn("The database is out of reach: {}", ex.getClass().getName());
		ProblemDetail problem = Problems.detail("service_unavailable", HttpStatus.SERVICE_UNAVAILABLE,
				"Gatehouse cannot reach its database for a moment. Try again in a few seconds.");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "5")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex) {
		log.error("Unexpected error in the JSON API: {}", ex.getClass().getName(), ex);
		return problem("internal_error", HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong. Try again later.");
	}

	private static ResponseEntity<Object> problem(String code, HttpStatus status, String message) {
		ProblemDetail problem = Problems.detail(code, status, message);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	/** Field names come from the client: keep them short and printable. */
	private static String safe(@Nullable String value) {
		if (value == null) {
			return "";
		}
		String cut = value.length() > 64 ? value.substring(0, 64) : value;
		return cut.replaceAll("[^A-Za-z0-9_.-]", "?");
	}
}
