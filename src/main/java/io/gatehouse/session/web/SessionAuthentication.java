package io.gatehouse.session.web;

import java.util.List;

import io.gatehouse.kernel.Actor;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a live session. Carries no credential: the token stays in the filter. */
final class SessionAuthentication extends AbstractAuthenticationToken {

	private final Actor.Customer session;

	SessionAuthentication(Actor.Customer session) {
		super(List.of(new SimpleGrantedAuthority("ROLE_ACCOUNT")));
		this.session = session;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Actor.Customer getPrincipal() {
		return this.session;
	}
}
