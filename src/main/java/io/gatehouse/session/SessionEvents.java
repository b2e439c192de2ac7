package io.gatehouse.session;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What the session module announces. */
final class SessionEvents {

	private SessionEvents() {
	}

	/**
	 * A session began. Not audited by itself: what started it (a completed sign-in) is the security
	 * event, and carries the session and device.
	 */
	public record SessionStarted(UUID accountId, UUID sessionId, UUID deviceId, boolean newDevice, boolean rememberMe,
			RequestContext context) {
	}

	/**
	 * @param reason {@code signed_out}, {@code revoked_by_user}, {@code password_changed}, …
	 * @param context where the revocation was asked from, when a person asked for it
	 */
	public record SessionRevoked(UUID accountId, UUID sessionId, String reason, @Nullable RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "session_revoked";
		}
	}
}
