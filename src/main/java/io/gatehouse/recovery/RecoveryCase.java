package io.gatehouse.recovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A recovery case (security-tests.md B9): {@code COLLECTING → SUBMITTED → UNDER_REVIEW → APPROVED |
 * REJECTED → COMPLETED}, or {@code CANCELLED} by its owner at any point before completion. Holds no
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
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	public enum Status {
		COLLECTING, SUBMITTED, UNDER_REVIEW, APPROVED, REJECTED, COMPLETED, CANCELLED;

		public boolean open() {
			return this == COLLECTING || this == SUBMITTED || this == UNDER_REVIEW || this == APPROVED;
		}

		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	/** One step of the case as its owner sees it: "step N of M". */
	public record Step(String name, String title, boolean done) {
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
