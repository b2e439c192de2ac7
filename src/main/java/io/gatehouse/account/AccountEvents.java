package io.gatehouse.account;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

/** What the account module announces. Past-tense records; none carries a secret in its accessors. */
public final class AccountEvents {

	private AccountEvents() {
	}

	/**
	 * A one-time code was issued to an identifier. The code travels to the notification outbox (sealed
	 * there) and nowhere else; it is not part of the audit record and not printed by {@code toString()}.
	 */
	public record VerificationCodeIssued(UUID registrationId, Identifier destination, String code, int validMinutes,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "verification_code_issued";
		}

		@Override
		public @Nullable UUID accountId() {
			return null;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("registration", this.registrationId.toString(), "channel", this.destination.kind().name(),
					"destination", this.destination.masked());
		}

		@Override
		public String chainSubject() {
			return "registration:" + this.registrationId;
		}

		@Override
		public String toString() {
			return "VerificationCodeIssued[registration=" + this.registrationId + ", destination="
					+ this.destination.masked() + ", code=<redacted>]";
		}
	}

	/** Someone tried to sign up with an identifier that already has an account; its owner is told. */
	public record SignUpAttemptedForExistingAccount(UUID accountId, Identifier identifier,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "sign_up_attempted_for_existing_account";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("channel", this.identifier.kind().name());
		}
	}

	public record AccountCreated(UUID accountId, Identifier identifier, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "account_created";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("channel", this.identifier.kind().name());
		}
	}

	public record VerificationFailed(UUID registrationId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "verification_failed";
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
			return "code_invalid";
		}

		@Override
		public String chainSubject() {
			return "registration:" + this.registrationId;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("registration", this.registrationId.toString());
		}
	}

	/**
	 * The password changed. Other sessions than {@code keptSessionId} are revoked by the session
	 * module in the same transaction.
	 */
	public record PasswordChanged(UUID accountId, UUID keptSessionId, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "password_changed";
		}

		@Override
		public UUID sessionId() {
			return this.keptSessionId;
		}

		@Override
		public String factor() {
			return "password";
		}
	}

	/**
	 * The password was reset by someone who proved control of the account's email or phone, without
	 * signing in. Every session ends, API keys are suspended, withdrawals cool down.
	 */
	public record PasswordReset(UUID accountId, String channel, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "password_reset";
		}

		@Override
		public String factor() {
			return this.channel;
		}
	}

	public record PasswordChangeRefused(UUID accountId, UUID sessionId, String reason, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "password_change_refused";
		}

		@Override
		public boolean succeeded() {
			return false;
		}
	}

	/**
	 * The account was frozen: every session ends, API keys are suspended, withdrawals and transfers stop.
	 *
	 * @param via how: {@code settings}, {@code email_link}, {@code api} or {@code staff}
	 * @param actor {@code staff:<id>} when a staff member froze it; null when the owner did
	 */
	public record AccountFrozen(UUID accountId, String via, @Nullable String actor, @Nullable RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "account_frozen";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("via", this.via);
		}
	}

	/** The account was unfrozen after recovery-grade proof; a 24 h cooldown follows. */
	public record AccountUnfrozen(UUID accountId, String via, @Nullable String actor, @Nullable RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "account_unfrozen";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("via", this.via);
		}
	}

	/**
	 * The account's API keys stop working until the owner re-enables them with step-up (D9). Published
	 * now for the API-key module to act on when it lands; the log records it either way.
	 */
	public record ApiKeysSuspended(UUID accountId, String reason, @Nullable RequestContext context,
			@Nullable String actor) implements AuditableEvent {

		public ApiKeysSuspended(UUID accountId, String reason, @Nullable RequestContext context) {
			this(accountId, reason, context, null);
		}

		@Override
		public String type() {
			return "api_keys_suspended";
		}

		@Override
		public String reason() {
			return this.reason;
		}
	}

	/**
	 * A single-use link that did not work (used, expired, unknown): {@code freeze_link_refused},
	 * {@code contact_revert_link_refused}. Chained per network address, as no account is known.
	 *
	 * @param link what the link was for: {@code freeze}, {@code contact_revert}
	 */
	public record LinkRefused(String link, Rejection rejection, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return this.link + "_link_refused";
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
			return this.rejection.code();
		}

		@Override
		public String chainSubject() {
			return this.link + ":" + this.context.ip();
		}
	}
}
