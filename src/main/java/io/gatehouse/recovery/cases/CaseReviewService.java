package io.gatehouse.recovery.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.crypto.SecretBox;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.RecoveryRejection;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryCaseApproved;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryCaseDecided;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryCaseRejected;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryCaseViewed;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryDocumentViewed;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryReviewStarted;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The reviewers' side of recovery cases: the queue, a case with its evidence (every reading recorded),
 * taking a case, and deciding it. A high-value account needs two different reviewers to approve; whether
 * it is high value is read when the decision is made.
 */
@Service
public class CaseReviewService {

	private final RecoveryCases cases;

	private final Accounts accounts;

	private final SecretBox secretBox;

	private final CaseCompleter completer;

	private final RecoveryCaseProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	CaseReviewService(RecoveryCases cases, Accounts accounts, SecretBox secretBox, CaseCompleter completer,
			RecoveryCaseProperties properties, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.cases = cases;
		this.accounts = accounts;
		this.secretBox = secretBox;
		this.completer = completer;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/** What a reviewer sees of a case. */
	public record CaseView(RecoveryCase recoveryCase, Account account, boolean highValue,
			List<RecoveryCases.Review> reviews, List<RecoveryCases.Document> documents) {
	}

	public record Evidence(String contentType, byte[] bytes) {

		@Override
		public String toString() {
			return "Evidence[" + this.contentType + ", " + this.bytes.length + " bytes]";
		}
	}

	/** The review queue, oldest first. Reviewers only. */
	public Optional<List<RecoveryCase>> queue(Actor.Staff staff) {
		return staff.has(Actor.Staff.Role.REVIEWER)
				? Optional.of(this.cases.queue(100).stream().map(this::asDecidedNow).toList()) : Optional.empty();
	}

	/**
	 * A case as a reviewer sees it; the reading is recorded (staff access to personal data leaves a trace),
	 * nothing else changes: a reviewer takes the case with {@link #startReview}.
	 */
	public Optional<CaseView> open(Actor.Staff staff, UUID caseId, RequestContext context) {
		Optional<CaseView> view = current(staff, caseId);
		view.ifPresent(v -> this.tx.executeWithoutResult(s -> this.events.publishEvent(
				new RecoveryCaseViewed(v.recoveryCase().accountId(), caseId, staff.auditName(), context))));
		return view;
	}

	/** A case as it stands right after a reviewer's action (which is recorded already): nothing is recorded. */
	public Optional<CaseView> current(Actor.Staff staff, UUID caseId) {
		if (!staff.has(Actor.Staff.Role.REVIEWER)) {
			return Optional.empty();
		}
		return this.cases.find(caseId)
			.flatMap(c -> this.accounts.find(c.accountId())
				.map(a -> new CaseView(asDecidedNow(c), a, this.accounts.isHighValue(a.id()), this.cases.reviews(caseId),
						this.cases.documents(caseId))));
	}

	/**
	 * A reviewer takes a submitted case: it becomes under review, recorded with who took it. A case already
	 * under review stays so (a second reviewer of a high-value case just decides); any other status is refused.
	 */
	public CaseResult startReview(Actor.Staff staff, UUID caseId, RequestContext context) {
		if (!staff.has(Actor.Staff.Role.REVIEWER)) {
			return new CaseResult.Refused(RecoveryRejection.REVIEW_FORBIDDEN);
		}
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<RecoveryCase.Status> status = this.cases.lockStatus(caseId);
			if (status.isEmpty()) {
				return new CaseResult.Refused(RecoveryRejection.CASE_INVALID);
			}
			if (status.get() == RecoveryCase.Status.SUBMITTED) {
				this.cases.move(caseId, RecoveryCase.Transition.TAKE_FOR_REVIEW);
				RecoveryCase c = this.cases.find(caseId).orElseThrow();
				this.events.publishEvent(new RecoveryReviewStarted(c.accountId(), caseId, staff.auditName(), context));
				return new CaseResult.Updated(c);
			}
			if (status.get() == RecoveryCase.Status.UNDER_REVIEW) {
				return new CaseResult.Updated(this.cases.find(caseId).orElseThrow());
			}
			return new CaseResult.Refused(RecoveryRejection.CASE_WRONG_STATE);
		}));
	}

	/**
	 * A reviewer's decision, with its reason. Only a case under review can be decided; each reviewer decides
	 * once; a rejection ends the case; approval needs as many different reviewers as the case requires.
	 */
	public CaseResult decide(Actor.Staff staff, UUID caseId, boolean approve, @Nullable String rawReason,
			RequestContext context) {
		if (!staff.has(Actor.Staff.Role.REVIEWER)) {
			return new CaseResult.Refused(RecoveryRejection.REVIEW_FORBIDDEN);
		}
		String reason = rawReason == null ? "" : rawReason.strip();
		if (reason.length() < 5 || reason.length() > 1000) {
			return new CaseResult.Refused(RecoveryRejection.REVIEW_REASON_REQUIRED);
		}
		Optional<RecoveryCase> found = this.cases.find(caseId);
		if (found.isEmpty()) {
			return new CaseResult.Refused(RecoveryRejection.CASE_INVALID);
		}
		RecoveryCase c = found.get();
		return Objects.requireNonNull(this.tx.execute(s -> {
			// The row lock makes concurrent decisions on one case take turns, so two approvals are both counted.
			if (this.cases.lockStatus(caseId).orElse(null) != RecoveryCase.Status.UNDER_REVIEW) {
				return new CaseResult.Refused(RecoveryRejection.CASE_WRONG_STATE);
			}
			Instant now = this.clock.instant();
			if (!this.cases.review(caseId, staff.id(), staff.username(), approve ? "APPROVE" : "REJECT", reason, now)) {
				return new CaseResult.Refused(RecoveryRejection.REVIEW_FORBIDDEN);
			}
			this.events.publishEvent(new RecoveryCaseDecided(c.accountId(), caseId, approve ? "approve" : "reject",
					reason, staff.auditName(), context));
			Optional<RecoveryCase.Transition> next = approve ? approval(c) : Optional.of(RecoveryCase.Transition.REJECT);
			if (next.isEmpty()) {
				return new CaseResult.Updated(this.cases.find(caseId).orElseThrow());
			}
			if (!this.cases.move(caseId, next.get())) {
				s.setRollbackOnly();
				return new CaseResult.Refused(RecoveryRejection.CASE_WRONG_STATE);
			}
			if (next.get() == RecoveryCase.Transition.REJECT) {
				this.cases.decided(caseId, now);
				this.events.publishEvent(
						new RecoveryCaseRejected(c.accountId(), caseId, c.kind().wireName(), staff.auditName(), context));
				return new CaseResult.Updated(this.cases.find(caseId).orElseThrow());
			}
			Instant waitingUntil = c.kind() == RecoveryCase.Kind.LOST_FACTOR ? now.plus(this.properties.waitingPeriod())
					: now;
			this.cases.approved(caseId, now, waitingUntil);
			this.events.publishEvent(new RecoveryCaseApproved(c.accountId(), caseId, c.kind().wireName(), waitingUntil,
					staff.auditName(), context));
			if (c.kind() == RecoveryCase.Kind.UNFREEZE) {
				this.completer.complete(caseId, staff.auditName(), context);
			}
			return new CaseResult.Updated(this.cases.find(caseId).orElseThrow());
		}));
	}

	/**
	 * Whether the approvals so far are enough: one reviewer, or two different ones while the account is
	 * flagged high value at the moment of this decision (so a flag set after the case started still counts).
	 */
	private Optional<RecoveryCase.Transition> approval(RecoveryCase c) {
		long approvals = this.cases.reviews(c.id()).stream().filter(r -> r.decision().equals("APPROVE")).count();
		return approvals >= asDecidedNow(c).approvalsRequired() ? Optional.of(RecoveryCase.Transition.APPROVE)
				: Optional.empty();
	}

	/** The case with the approvals a decision needs now, which reviewers are shown too. */
	private RecoveryCase asDecidedNow(RecoveryCase c) {
		return c.withApprovalsRequired(
				Math.max(c.approvalsRequired(), this.accounts.isHighValue(c.accountId()) ? 2 : 1));
	}

	/** A document's plain bytes, for a reviewer, within one case only (RC-05); each viewing is recorded. */
	public Optional<Evidence> document(Actor.Staff staff, UUID caseId, UUID documentId, RequestContext context) {
		if (!staff.has(Actor.Staff.Role.REVIEWER)) {
			return Optional.empty();
		}
		return this.cases.sealedDocument(caseId, documentId).map(d -> {
			byte[] bytes = this.secretBox.openBytes(d.sealed(), CaseSecrets.documentAad(caseId, documentId));
			this.tx.executeWithoutResult(s -> this.events.publishEvent(new RecoveryDocumentViewed(
					this.cases.find(caseId).orElseThrow().accountId(), caseId, d.document().kind(), staff.auditName(),
					context)));
			return new Evidence(d.document().contentType(), bytes);
		});
	}
}
