package io.gatehouse.staff.web;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.shared.SecretCookies;
import io.gatehouse.shared.StaffMember;
import io.gatehouse.staff.StaffSignIn;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates staff-console requests from the staff session cookie, and nothing else: a customer's
 * session never reaches the console, and a staff session never reaches customer pages.
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
		return SecretCookies.read(request, COOKIE);
	}

	/** A staff member's request; authorities are the member's roles. Carries no credential. */
	static final class StaffAuthentication extends AbstractAuthenticationToken {

		private final StaffMember member;

		StaffAuthentication(StaffMember member) {
			super(member.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_STAFF_" + r.name())).toList());
			this.member = member;
			setAuthenticated(true);
		}

		@Override
		public Object getCredentials() {
			return "";
		}

		@Override
		public StaffMember getPrincipal() {
			return this.member;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof StaffAuthentication s && s.member.equals(this.member);
		}

		@Override
		public int hashCode() {
			return this.member.hashCode();
		}
	}

	static List<String> roles(StaffMember member) {
		return member.roles().stream().map(r -> r.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList();
	}
}
