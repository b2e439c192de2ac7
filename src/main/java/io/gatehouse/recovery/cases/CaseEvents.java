package io.gatehouse.recovery.cases;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Identifier;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.RecoveryRejection;

/** What recovery cases announce. Secrets travel to the message only, never to the log. */
public final class CaseEvents {

	private CaseEvents() {
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
	public record RecoveryCaseApproved(UUID accountId, UUID caseId, String kind, Instant completesAt,
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
}
