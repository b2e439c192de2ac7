package io.gatehouse.session;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.shared.AuditableEvent;
import io.gatehouse.shared.RequestContext;

/** What the session module announces. */
public final class SessionEvents {

	private SessionEvents() {
	}

	public record SessionStarted(UUID accountId, UUID sessionId, UUID deviceId, boolean newDevice, boolean rememberMe,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "session_started";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("device", this.deviceId.toString(), "new_device", Boolean.toString(this.newDevice),
					"remember_me", Boolean.toString(this.rememberMe));
		}
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
