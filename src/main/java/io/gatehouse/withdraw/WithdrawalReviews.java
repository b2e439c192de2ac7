package io.gatehouse.withdraw;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The withdrawal review queue (reviewer role). A withdrawal goes to review when it is worth more than the
 * review threshold, goes to a destination first used within 24 hours, or comes within the review window after
 * a recovery; above the second threshold two different reviewers must approve (four-eyes, enforced by one
 * decision per reviewer and withdrawal). A rejection cancels it and releases the funds. Every decision is a
 * security event naming the reviewer.
 */
@Service
public class WithdrawalReviews {

	private final WithdrawalStore store;

	private final Holds holds;

	private final TransactionTemplate tx;

	private final Clock clock;

	WithdrawalReviews(WithdrawalStore store, Holds holds, TransactionTemplate tx, Clock clock) {
		this.store = store;
		this.holds = holds;
		this.tx = tx;
		this.clock = clock;
	}

	/** A withdrawal with the decisions made on it so far. */
	public record Reviewed(Withdrawal withdrawal, List<Decision> decisions) {
	}

	public record Decision(String staff, String decision, String reason, java.time.Instant at) {
	}

	public List<Withdrawal> queue(Actor.Staff member) {
		return member.has(Actor.Staff.Role.REVIEWER) ? this.store.inStatus(Withdrawal.Status.REVIEW, 200) : List.of();
	}

	public Optional<Reviewed> find(Actor.Staff member, UUID withdrawalId) {
		if (!member.has(Actor.Staff.Role.REVIEWER) && !member.has(Actor.Staff.Role.SUPPORT)) {
			return Optional.empty();
		}
		return this.store.find(withdrawalId).map(w -> new Reviewed(w, this.store.reviews(withdrawalId).stream()
			.map(r -> new Decision(r.staffName(), r.decision().toLowerCase(java.util.Locale.ROOT), r.reason(),
					r.decidedAt()))
			.toList()));
	}

	public List<Withdrawal> ofAccount(Actor.Staff member, UUID accountId) {
		return member.has(Actor.Staff.Role.SUPPORT) || member.has(Actor.Staff.Role.REVIEWER) ? this.store.of(accountId, 200)
				: List.of();
	}

	/** Approves; the withdrawal moves on to the wallet once it has the approvals it needs. */
	public Optional<Rejection> approve(Actor.Staff member, UUID withdrawalId, @Nullable String reason,
			RequestContext context) {
		return decide(member, withdrawalId, true, reason, context);
	}

	/** Rejects: the withdrawal is cancelled and its funds released. */
	public Optional<Rejection> reject(Actor.Staff member, UUID withdrawalId, @Nullable String reason,
			RequestContext context) {
		return decide(member, withdrawalId, false, reason, context);
	}

	private Optional<Rejection> decide(Actor.Staff member, UUID withdrawalId, boolean approve, @Nullable String reason,
			RequestContext context) {
		if (!member.has(Actor.Staff.Role.REVIEWER)) {
			return Optional.of(WithdrawalRejection.ROLE_MISSING);
		}
		String why = reason == null ? "" : reason.strip();
		if (why.length() < 5 || why.length() > 1000) {
			return Optional.of(WithdrawalRejection.REASON_REQUIRED);
		}
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<Withdrawal> held = this.store.hold(withdrawalId);
			if (held.isEmpty()) {
				return Optional.<Rejection>of(WithdrawalRejection.NOT_FOUND);
			}
			Withdrawal w = held.get();
			if (w.status() != Withdrawal.Status.REVIEW) {
				return Optional.<Rejection>of(WithdrawalRejection.WRONG_STATE);
			}
			if (!this.store.review(withdrawalId, member.id(), member.username(), approve ? "APPROVE" : "REJECT", why,
					this.clock.instant())) {
				return Optional.<Rejection>of(WithdrawalRejection.ALREADY_DECIDED);
			}
			if (!approve) {
				this.holds.end(w, Withdrawal.Status.CANCELLED, "rejected_by_review", "rejected", member.auditName(),
						context);
				return Optional.<Rejection>empty();
			}
			if (this.store.approvals(withdrawalId) >= w.approvalsNeeded()) {
				this.store.transition(withdrawalId, Withdrawal.Status.REVIEW, Withdrawal.Status.WAITING, null,
						this.clock.instant());
				this.holds.publish(w, "approved", null, null, member.auditName(), context);
			}
			else {
				this.holds.publish(w, "first_approval", null, null, member.auditName(), context);
			}
			return Optional.<Rejection>empty();
		}));
	}
}
