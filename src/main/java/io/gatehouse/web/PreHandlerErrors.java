package io.gatehouse.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.web.Problems;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Errors raised before any controller is chosen (wrong method, wrong media type, no such path): the
 * JSON API answers with problem+json, pages with the HTML error page.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class PreHandlerErrors {

	private final JsonMapper json;

	PreHandlerErrors(JsonMapper json) {
		this.json = json;
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	void methodNotAllowed(HttpRequestMethodNotSupportedException ex, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (ex.getSupportedMethods() != null) {
			response.setHeader("Allow", String.join(", ", ex.getSupportedMethods()));
		}
		answer(request, response, HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "This method is not allowed here.");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	void unsupportedMediaType(HttpServletRequest request, HttpServletResponse response) throws IOException {
		answer(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
				"Send the body as application/json.");
	}

	@ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
	void notAcceptable(HttpServletRequest request, HttpServletResponse response) throws IOException {
		answer(request, response, HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "Accept application/json.");
	}

	@ExceptionHandler(NoResourceFoundException.class)
	void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
		answer(request, response, HttpStatus.NOT_FOUND, "not_found", "No such resource.");
	}

	private void answer(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String message) throws IOException {
		String path = request.getRequestURI();
		if (path.startsWith("/api/") || path.startsWith("/staff/api/")) {
			Problems.write(response, this.json, status, code, message);
		}
		else {
			response.sendError(status.value());
		}
	}
}
