package io.gatehouse.session;

import java.util.List;

import io.gatehouse.shared.CurrentSession;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A request authenticated by a live session. Carries no credential: the token stays in the filter. */
final class SessionAuthentication extends AbstractAuthenticationToken {

	private final CurrentSession session;

	SessionAuthentication(CurrentSession session) {
		super(List.of(new SimpleGrantedAuthority("ROLE_ACCOUNT")));
		this.session = session;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public CurrentSession getPrincipal() {
		return this.session;
	}
}
