package io.gatehouse.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.risk.Assessment;
import io.gatehouse.risk.RiskEngine;
import io.gatehouse.risk.RiskStep;
import io.gatehouse.signin.SignInEvents.SignInAfterFailures;
import io.gatehouse.signin.SignInEvents.SignInPasswordVerified;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans what follows a right first proof (the password, or a user-verified passkey): the risk decision
 * and the account's factors say whether the flow ends with a session now, asks for a second factor, or
 * waits for a confirmation by email. A passkey that verified its user is both factors at once; only an
 * explicit confirmation adds a step after it.
 */
@Component
class AfterFirstFactor {

	private final SignInFlows flows;

	private final SecondFactorService factors;

	private final RiskEngine risk;

	private final Confirmations confirmations;

	private final SessionIssuer issuer;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final PasswordAndTotp oneRequest;

	AfterFirstFactor(SignInFlows flows, SecondFactorService factors, RiskEngine risk, Confirmations confirmations,
			SessionIssuer issuer, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock,
			PasswordAndTotp oneRequest) {
		this.oneRequest = oneRequest;
		this.flows = flows;
		this.factors = factors;
		this.risk = risk;
		this.confirmations = confirmations;
		this.issuer = issuer;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	SignInResult next(Passed p) {
		boolean passkey = p.step() == SignInFlow.Step.PASSKEY;
		List<SecondFactorService.Kind> allowed = passkey ? List.of() : this.factors.allowed(p.accountId());
		boolean enrolled = !allowed.isEmpty();
		Assessment assessment = this.risk.assess(p.accountId(), p.newDevice(), p.failuresBefore(), p.context());
		boolean confirm = assessment.requires(RiskStep.EMAIL_CONFIRMATION)
				|| !passkey && assessment.requires(RiskStep.SECOND_FACTOR) && !enrolled;
		if (!enrolled && !confirm) {
			return this.issuer.complete(new SessionIssuer.Completion(p.flow(), p.stored(), p.accountId(),
					p.rememberMe(), p.deviceToken(), passkey ? "passkey" : "password", p.step(), assessment,
					p.streakEnd(), p.context()));
		}
		String totpCode = p.totpCode();
		if (totpCode != null && !totpCode.isBlank() && enrolled && !confirm && !p.stored()) {
			return this.oneRequest.signIn(p, allowed, assessment, totpCode);
		}
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

	/**
	 * A right first proof.
	 *
	 * @param stored whether the flow is in the table already (else it is inserted when it moves on)
	 * @param step {@link SignInFlow.Step#PASSWORD} or {@link SignInFlow.Step#PASSKEY}
	 * @param newDevice whether the client showed no device token this account knows
	 * @param failuresBefore consecutive wrong passwords just before this attempt
	 * @param streakEnd clears the failure streak with the flow's next state
	 * @param totpCode the authenticator code sent with the password, if any
	 */
	record Passed(SignInFlow flow, boolean stored, UUID accountId, SignInFlow.Step step, boolean rememberMe,
			@Nullable String deviceToken, boolean newDevice, int failuresBefore, StreakEnd streakEnd,
			@Nullable String totpCode, RequestContext context) {

		@Override
		public String toString() {
			return "Passed[" + this.flow.id() + ", " + this.step + "]";
		}
	}
}
