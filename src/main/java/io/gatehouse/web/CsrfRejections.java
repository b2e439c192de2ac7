package io.gatehouse.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.kernel.Actor;
import io.gatehouse.web.RequestContexts;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Answers a refused browser request with 403 and records CSRF refusals as security events. */
@Component
public class CsrfRejections implements AccessDeniedHandler {

	private static final int MAX_HEADER = 200;

	/** Set by Tomcat when it could not parse a request's parameters (a multipart body over the limits, say). */
	private static final String PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final RequestContexts contexts;

	CsrfRejections(ApplicationEventPublisher events, TransactionTemplate tx, RequestContexts contexts) {
		this.events = events;
		this.tx = tx;
		this.contexts = contexts;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		if (request.getAttribute(PARSE_FAILED) != null) {
			// The form could not be read at all (files over the size limits, too many parts): its token with it.
			// That is no forgery: say what went wrong.
			response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			return;
		}
		if (denied instanceof CsrfException) {
			Authentication auth = SecurityContextHolder.getContext().getAuthentication();
			Actor.Customer session = auth != null && auth.getPrincipal() instanceof Actor.Customer s ? s : null;
			CsrfRejected event = new CsrfRejected(session, bounded(request.getRequestURI()),
					bounded(request.getHeader("Origin")), bounded(request.getHeader("Sec-Fetch-Site")),
					this.contexts.of(request));
			this.tx.executeWithoutResult(status -> this.events.publishEvent(event));
		}
		response.sendError(HttpServletResponse.SC_FORBIDDEN);
	}

	private static String bounded(String value) {
		if (value == null) {
			return "";
		}
		return value.length() > MAX_HEADER ? value.substring(0, MAX_HEADER) : value;
	}
}
