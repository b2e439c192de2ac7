package io.gatehouse.recovery.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A recovery case (security-tests.md B9; diagram in {@code RecoveryCase.md}): {@code COLLECTING →
 * SUBMITTED → UNDER_REVIEW → APPROVED | REJECTED}, an approved case {@code → COMPLETED}, or
 * {@code CANCELLED} at any point before completion. Every move is one {@link Transition}, applied by one
 * guarded update from its named status, so out-of-order or concurrent calls change nothing. Holds no
 * secret: codes and link secrets are stored as keyed hashes and never read back into this record.
 */
public record RecoveryCase(UUID id, UUID accountId, Kind kind, Status status, boolean emailRequired,
		boolean phoneRequired, boolean documentsRequired, int approvalsRequired, @Nullable Instant emailProvedAt,
		@Nullable Instant phoneProvedAt, int documents, Instant createdAt, Instant expiresAt,
		@Nullable Instant submittedAt, @Nullable Instant decidedAt, @Nullable Instant waitingUntil,
		@Nullable Instant completedAt, @Nullable Instant cancelledAt, @Nullable String cancelReason) {

	public enum Kind {
		/** The second factor is gone (and no backup code is left): every factor is removed at the end. */
		LOST_FACTOR,
		/** The owner froze the account and wants it back. */
		UNFREEZE;

		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	public enum Status {
		COLLECTING, SUBMITTED, UNDER_REVIEW, APPROVED, REJECTED, COMPLETED, CANCELLED;

		public boolean open() {
			return this == COLLECTING || this == SUBMITTED || this == UNDER_REVIEW || this == APPROVED;
		}

		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	/** Each move a case can make, from the one status it leaves. Cancelling is the other way out. */
	public enum Transition {
		/** The owner sends the case for review once every proof is in. */
		SUBMIT(Status.COLLECTING, Status.SUBMITTED),
		/** A reviewer takes the case; the log records who. */
		TAKE_FOR_REVIEW(Status.SUBMITTED, Status.UNDER_REVIEW),
		/** A reviewer rejects it: the case ends. */
		REJECT(Status.UNDER_REVIEW, Status.REJECTED),
		/** Enough different reviewers approved it: a lost-factor case waits, an unfreeze completes at once. */
		APPROVE(Status.UNDER_REVIEW, Status.APPROVED),
		/** The waiting period is over (or the unfreeze was approved): the account is recovered. */
		COMPLETE(Status.APPROVED, Status.COMPLETED);

		private final Status from;

		private final Status to;

		Transition(Status from, Status to) {
			this.from = from;
			this.to = to;
		}

		public Status from() {
			return this.from;
		}

		public Status to() {
			return this.to;
		}
	}

	/** One step of the case as its owner sees it: "step N of M". */
	public record Step(String name, String title, boolean done) {
	}

	/** The same case needing {@code approvals} different reviewers. */
	RecoveryCase withApprovalsRequired(int approvals) {
		return new RecoveryCase(this.id, this.accountId, this.kind, this.status, this.emailRequired, this.phoneRequired,
				this.documentsRequired, approvals, this.emailProvedAt, this.phoneProvedAt, this.documents,
				this.createdAt, this.expiresAt, this.submittedAt, this.decidedAt, this.waitingUntil, this.completedAt,
				this.cancelledAt, this.cancelReason);
	}

	public boolean proofsComplete() {
		return (!this.emailRequired || this.emailProvedAt != null) && (!this.phoneRequired || this.phoneProvedAt != null)
				&& (!this.documentsRequired || this.documents >= 2);
	}

	/** Every step of this case, in order, with whether it is behind. */
	public List<Step> steps() {
		List<Step> steps = new ArrayList<>();
		steps.add(new Step("password", "Your password", true));
		if (this.emailRequired) {
			steps.add(new Step("email_code", "Code sent to your email", this.emailProvedAt != null));
		}
		if (this.phoneRequired) {
			steps.add(new Step("phone_code", "Code sent to your phone", this.phoneProvedAt != null));
		}
		if (this.documentsRequired) {
			steps.add(new Step("documents", "Photo of your ID document and a selfie", this.documents >= 2));
		}
		boolean reviewed = this.status == Status.APPROVED || this.status == Status.COMPLETED;
		steps.add(new Step("review", "Review by our team", reviewed));
		if (this.kind == Kind.LOST_FACTOR) {
			steps.add(new Step("waiting_period", "Waiting period (you can still cancel)", this.status == Status.COMPLETED));
		}
		return List.copyOf(steps);
	}

	/** The step the case is at, counting from 1; the last step once everything is done. */
	public int currentStep() {
		List<Step> steps = steps();
		for (int i = 0; i < steps.size(); i++) {
			if (!steps.get(i).done()) {
				return i + 1;
			}
		}
		return steps.size();
	}
}
