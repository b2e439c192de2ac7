package io.gatehouse.staff.web;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.staff.StaffSignIn;
import io.gatehouse.web.SecretCookies;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates staff-console requests from the staff session, and nothing else: a customer's session never
 * reaches the console, and a staff session never reaches customer pages. The console's pages carry the
 * session in its cookie; the staff JSON API takes it from {@code Authorization: Bearer} as well. A request
 * with an {@code Authorization} header is judged by that header alone, never by a cookie beside it, which
 * is what lets such requests skip the CSRF token (a browser cannot add the header to a cross-site request).
 */
class StaffAuthenticationFilter extends OncePerRequestFilter {

	static final String COOKIE = "__Host-gh_staff";

	private final StaffSignIn signIn;

	StaffAuthenticationFilter(StaffSignIn signIn) {
		this.signIn = signIn;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		token(request).flatMap(this.signIn::authenticate).ifPresent(member -> {
			var context = SecurityContextHolder.createEmptyContext();
			context.setAuthentication(new StaffAuthentication(member));
			SecurityContextHolder.setContext(context);
		});
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	static Optional<String> token(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header != null) {
			return header.regionMatches(true, 0, "Bearer ", 0, 7) ? Optional.of(header.substring(7).strip())
					: Optional.empty();
		}
		return SecretCookies.read(request, COOKIE);
	}

	/**
	 * Whether this is a staff JSON API request naming its session as {@code Authorization: Bearer} (a script,
	 * not a browser page): only those skip the CSRF token. Other schemes a browser or a proxy in front of the
	 * console may add by itself (Basic, Negotiate) never do.
	 */
	static boolean bearerApiRequest(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
				&& request.getRequestURI().startsWith("/staff/api/");
	}

	/** A staff member's request; authorities are the member's roles. Carries no credential. */
	static final class StaffAuthentication extends AbstractAuthenticationToken {

		private final Actor.Staff member;

		StaffAuthentication(Actor.Staff member) {
			super(member.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_STAFF_" + r.name())).toList());
			this.member = member;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public Actor.Staff getPrincipal() {
			return this.member;
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof StaffAuthentication s && s.member.equals(this.member);
		}

		@Override
		public int hashCode() {
			return this.member.hashCode();
		}
	}

	static List<String> roles(Actor.Staff member) {
		return member.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList();
	}
}
