package io.gatehouse.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.gatehouse.risk.Assessment;
import io.gatehouse.risk.RiskEngine;
import io.gatehouse.signin.AfterFirstFactor.Passed;
import io.gatehouse.signin.SignInEvents.SignInAfterFailures;
import io.gatehouse.signin.SignInEvents.SignInPasswordVerified;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the step that follows a right first proof, in one transaction: the flow now waits for a second
 * factor or for the confirmation by email, the failure streak ends, the risk decision is remembered, and
 * a confirmation goes out when the account may still be sent one.
 */
@Component
class NextStep {

	private final SignInFlows flows;

	private final Confirmations confirmations;

	private final RiskEngine risk;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	NextStep(SignInFlows flows, Confirmations confirmations, RiskEngine risk, ApplicationEventPublisher events,
			TransactionTemplate tx, Clock clock) {
		this.flows = flows;
		this.confirmations = confirmations;
		this.risk = risk;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * @param enrolled whether the account has a second factor this flow may use
	 * @param confirm whether the risk decision asks for a confirmation by email
	 */
	SignInResult open(Passed p, Assessment assessment, boolean enrolled, boolean confirm) {
		boolean passkey = p.step() == SignInFlow.Step.PASSKEY;
		return Objects.requireNonNull(this.tx.execute(status -> {
			// Locks in the order every sign-in transaction takes them (SessionIssuer says why): the throttle's
			// row, the confirmation cap's, the flow's, and the audit chain's head last.
			Optional<SignInAfterFailures> tell = p.streakEnd().clear();
			boolean mayConfirm = !enrolled && this.confirmations.mayIssue(p.accountId());
			Instant at = this.clock.instant();
			Optional<SignInFlow> next;
			if (enrolled) {
				SignInFlow waiting = p.flow().awaitSecondFactor(p.accountId(), p.rememberMe(), confirm,
						assessment.steps(), assessment.signals(), at);
				next = save(waiting, p.stored()) ? Optional.of(waiting) : Optional.empty();
			}
			else {
				next = this.confirmations.moveTo(p.flow(), p.stored(), p.accountId(), p.rememberMe(), p.step(),
						assessment.steps(), assessment.signals());
			}
			if (next.isEmpty()) {
				status.setRollbackOnly();
				return new SignInResult.Refused(SignInRejection.WRONG_STEP);
			}
			tell.ifPresent(this.events::publishEvent);
			this.risk.record(p.accountId(), assessment, p.context());
			if (!passkey) {
				this.events.publishEvent(
						new SignInPasswordVerified(p.accountId(), p.flow().id(), next.get().nextStep(at), p.context()));
			}
			if (mayConfirm) {
				this.confirmations.issue(next.get(), p.accountId(), p.context());
			}
			return new SignInResult.Continues(next.get());
		}));
	}

	/** Writes the next state of a flow: inserted if it was never stored, else compare-and-set on its version. */
	private boolean save(SignInFlow next, boolean stored) {
		if (!stored) {
			this.flows.insert(next);
			return true;
		}
		return this.flows.advance(next);
	}
}
