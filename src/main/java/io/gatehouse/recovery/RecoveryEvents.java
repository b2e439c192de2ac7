package io.gatehouse.recovery;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Identifier;
import io.gatehouse.shared.AuditableEvent;
import io.gatehouse.shared.RequestContext;

/** What the recovery module announces. Secrets travel to the message only, never to the log. */
public final class RecoveryEvents {

	private RecoveryEvents() {
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

	/**
	 * The account's API keys stop working until the owner re-enables them with step-up (D9). Published
	 * now for the API-key module to act on when it lands; the log records it either way.
	 */
	public record ApiKeysSuspended(UUID accountId, String reason, @Nullable RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "api_keys_suspended";
		}

		@Override
		public String reason() {
			return this.reason;
		}
	}

	/** A freeze link that did not work (used, expired, unknown). */
	public record FreezeLinkRefused(RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "freeze_link_refused";
		}

		@Override
		public @Nullable UUID accountId() {
			return null;
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return RecoveryRejection.FREEZE_LINK_INVALID.code();
		}

		@Override
		public String chainSubject() {
			return "freeze:" + this.context.ip();
		}
	}
}
