package io.gatehouse.recovery;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Identifier;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

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

	/** The password check that starts a recovery case failed (or named no account). */
	public record RecoveryStartFailed(@Nullable UUID accountId, String maskedIdentifier, String kind,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_start_failed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return "invalid_credentials";
		}

		@Override
		public String chainSubject() {
			return "recovery:" + this.context.ip();
		}

		@Override
		public Map<String, String> details() {
			return Map.of("identifier", this.maskedIdentifier, "kind", this.kind);
		}
	}

	/**
	 * A recovery case started: every channel is told at once, with the link that cancels it (RC-03). The link
	 * is a secret for the message only; it is not in the log.
	 */
	public record RecoveryCaseStarted(UUID accountId, UUID caseId, String kind, String cancelLink,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_case_started";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "kind", this.kind);
		}

		@Override
		public String toString() {
			return "RecoveryCaseStarted[case=" + this.caseId + ", kind=" + this.kind + ", cancelLink=<redacted>]";
		}
	}

	/** A code that proves control of one of the account's addresses, for a recovery case. */
	public record RecoveryCodeIssued(UUID accountId, UUID caseId, Identifier destination, String code,
			int validMinutes, @Nullable RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_code_issued";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "destination", this.destination.masked());
		}

		@Override
		public String toString() {
			return "RecoveryCodeIssued[case=" + this.caseId + ", destination=" + this.destination.masked()
					+ ", code=<redacted>]";
		}
	}

	public record RecoveryProofFailed(UUID accountId, UUID caseId, String channel, int wrongCodes,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_proof_failed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return RecoveryRejection.CODE_INVALID.code();
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "channel", this.channel, "wrongCodes",
					Integer.toString(this.wrongCodes));
		}
	}

	public record RecoveryDocumentAdded(UUID accountId, UUID caseId, String kind, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_document_added";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "kind", this.kind);
		}
	}

	public record RecoveryDocumentRefused(UUID accountId, UUID caseId, String kind, String reason,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_document_refused";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return this.reason;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "kind", this.kind);
		}
	}

	public record RecoveryCaseSubmitted(UUID accountId, UUID caseId, String kind, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_case_submitted";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "kind", this.kind);
		}
	}

	/** A reviewer took a submitted case: it is under review now. */
	public record RecoveryReviewStarted(UUID accountId, UUID caseId, String actor, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_review_started";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString());
		}
	}

	/** One reviewer's decision and its reason, with who made it (RC-04's audit trail). */
	public record RecoveryCaseDecided(UUID accountId, UUID caseId, String decision, String decisionReason,
			String actor, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_case_decided";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "decision", this.decision, "reason", this.decisionReason);
		}
	}

	public record RecoveryCaseRejected(UUID accountId, UUID caseId, String kind, String actor, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_case_rejected";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "kind", this.kind);
		}
	}

	/** Approved by enough reviewers; a lost-factor case completes when {@code completesAt} comes. */
	public record RecoveryCaseApproved(UUID accountId, UUID caseId, String kind, java.time.Instant completesAt,
			String actor, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_case_approved";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "kind", this.kind, "completesAt", this.completesAt.toString());
		}
	}

	public record RecoveryCaseCompleted(UUID accountId, UUID caseId, String kind, @Nullable String actor,
			@Nullable RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_case_completed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "kind", this.kind);
		}
	}

	public record RecoveryCaseCancelled(UUID accountId, UUID caseId, String kind, String cancelReason,
			@Nullable RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_case_cancelled";
		}

		@Override
		public String reason() {
			return this.cancelReason;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "kind", this.kind);
		}
	}

	/** A reviewer looked at identity evidence: who, which case, which document. */
	/** A reviewer read a case (staff access to personal data leaves a trace). */
	public record RecoveryCaseViewed(UUID accountId, UUID caseId, String actor, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_case_viewed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString());
		}
	}

	public record RecoveryDocumentViewed(UUID accountId, UUID caseId, String kind, String actor,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_document_viewed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "kind", this.kind);
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

	/** A code proved control of one of the account's addresses for a recovery case; each channel once. */
	public record RecoveryProofAccepted(UUID accountId, UUID caseId, String channel, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "recovery_proof_accepted";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("case", this.caseId.toString(), "channel", this.channel);
		}
	}

	/** A change of email or phone began: a code went to the new address (as far as the person can tell). */
	public record ContactChangeStarted(UUID accountId, UUID sessionId, Identifier.Kind kind, String maskedTo,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "contact_change_started";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("kind", this.kind.wireName(), "to", this.maskedTo);
		}
	}

	/** The code that proves the new address, on its way there. Not audited: it carries the code. */
	public record ContactChangeCodeIssued(UUID accountId, Identifier destination, String code, int validMinutes,
			RequestContext context) {

		@Override
		public String toString() {
			return "ContactChangeCodeIssued[account=" + this.accountId + ", destination=" + this.destination.masked()
					+ ", code=<redacted>]";
		}
	}

	/**
	 * Someone asked to move another account onto this account's address. No code is sent; the address's
	 * owner hears of it, and the asker sees what any change looks like (no enumeration).
	 */
	public record ContactClaimAttempted(UUID accountId, Identifier address, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "contact_claim_attempted";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("channel", this.address.kind().name());
		}
	}

	/** A wrong or late code, or a change stopped after too many. */
	public record ContactChangeFailed(UUID accountId, UUID sessionId, Identifier.Kind kind, String reason,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "contact_change_failed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("kind", this.kind.wireName());
		}
	}

	public record ContactChangeCancelled(UUID accountId, Identifier.Kind kind, String reason, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "contact_change_cancelled";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("kind", this.kind.wireName());
		}
	}

	/**
	 * The change took effect: the addresses the account had before it are told, with the revert link. Not
	 * audited (the link is a secret); the change itself is, as {@code email_changed} / {@code phone_changed}.
	 *
	 * @param tellAt the account's addresses before the change
	 */
	public record ContactChangeConfirmed(UUID accountId, Identifier.Kind kind, @Nullable Identifier from,
			Identifier to, java.util.List<Identifier> tellAt, String revertLink, Instant revertUntil,
			RequestContext context) {

		@Override
		public String toString() {
			return "ContactChangeConfirmed[account=" + this.accountId + ", kind=" + this.kind + ", revertLink=<redacted>]";
		}
	}

	/** A change was undone from the revert link: every session ended, API keys suspended. */
	public record ContactChangeReverted(UUID accountId, Identifier.Kind kind, @Nullable Identifier restored,
			Identifier removed, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "contact_change_reverted";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("kind", this.kind.wireName(), "removed", this.removed.masked());
		}
	}
}
