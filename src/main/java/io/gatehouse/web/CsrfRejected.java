package io.gatehouse.web;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/**
 * A state-changing browser request arrived without a valid CSRF token: most often a forged cross-site
 * request (security-tests.md CS-01 asks for the {@code malicious_csrf} event), sometimes a stale page.
 */
record CsrfRejected(Actor.@Nullable Customer session, String path, String origin, String fetchSite,
		RequestContext context) implements AuditableEvent {

	@Override
	public String type() {
		return "malicious_csrf";
	}

	@Override
	public @Nullable UUID accountId() {
		return this.session == null ? null : this.session.accountId();
	}

	@Override
	public @Nullable UUID sessionId() {
		return this.session == null ? null : this.session.sessionId();
	}

	@Override
	public boolean succeeded() {
		return false;
	}

	@Override
	public String reason() {
		return "csrf_token_missing_or_invalid";
	}

	@Override
	public String chainSubject() {
		return "csrf";
	}

	@Override
	public Map<String, String> details() {
		return Map.of("path", this.path, "origin", this.origin, "sec_fetch_site", this.fetchSite);
	}
}
