package io.gatehouse.recovery.reset;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Identifier;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.RecoveryRejection;

/** What forgot-password announces. Secrets travel to the message only, never to the log. */
public final class ResetEvents {

	private ResetEvents() {
	}

	/**
	 * A reset message goes out: a link (email) or a code (SMS).
	 *
	 * @param link the whole reset link, for an email; null for a texted code
	 * @param code the code, for an SMS; null for a link
	 */
	public record PasswordResetRequested(UUID accountId, Identifier destination, @Nullable String link,
			@Nullable String code, int validMinutes, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "password_reset_requested";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("destination", this.destination.masked(), "kind", this.link != null ? "link" : "code");
		}

		@Override
		public String toString() {
			return "PasswordResetRequested[account=" + this.accountId + ", destination=" + this.destination.masked()
					+ ", secret=<redacted>]";
		}
	}
	/** A reset was asked for an identifier that names no account (or one that cannot be reset): nothing is sent. */
	public record PasswordResetRequestIgnored(String maskedIdentifier, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "password_reset_request_ignored";
		}

		@Override
		public @Nullable UUID accountId() {
			return null;
		}

		@Override
		public String chainSubject() {
			return "reset:" + this.context.ip();
		}

		@Override
		public Map<String, String> details() {
			return Map.of("identifier", this.maskedIdentifier);
		}
	}
	/** A reset link or code that did not work. */
	public record PasswordResetFailed(@Nullable UUID accountId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "password_reset_failed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return RecoveryRejection.RESET_INVALID.code();
		}

		@Override
		public String chainSubject() {
			return "reset:" + this.context.ip();
		}
	}
	/** A staff member started a password reset for the account; the secret goes to the owner only. */
	public record PasswordResetStartedByStaff(UUID accountId, String actor, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "password_reset_started_by_staff";
		}
	}
}
