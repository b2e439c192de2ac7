package io.gatehouse.session.web;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.kernel.Actor;
import io.gatehouse.session.SessionService;
import io.gatehouse.web.CustomerAuthentication;

import org.springframework.http.HttpHeaders;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request from its session token. The JSON API ({@code /api/**}) takes the token only
 * from {@code Authorization: Bearer}, the web UI only from the session cookie, so a browser's ambient
 * cookie never authorises an API call (no CSRF there) and a token is never read from a URL.
 */
@NamedInterface("web")
@Component
public class SessionAuthenticationFilter extends OncePerRequestFilter implements CustomerAuthentication {

	private final SessionService sessions;

	private final SessionCookies cookies;

	SessionAuthenticationFilter(SessionService sessions, SessionCookies cookies) {
		this.sessions = sessions;
		this.cookies = cookies;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> token = isApi(request) ? bearer(request) : this.cookies.sessionToken(request);
		Optional<Actor.Customer> session = token.flatMap(this.sessions::authenticate);
		session.ifPresent(s -> {
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(new SessionAuthentication(s));
			SecurityContextHolder.setContext(context);
		});
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
	}

	private static Optional<String> bearer(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return Optional.empty();
		}
		return Optional.of(header.substring(7).strip());
	}
}
