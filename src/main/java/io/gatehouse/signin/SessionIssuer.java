package io.gatehouse.signin;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.geo.Location;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.risk.Assessment;
import io.gatehouse.risk.RiskEngine;
import io.gatehouse.risk.RiskStep;
import io.gatehouse.risk.Signal;
import io.gatehouse.session.SessionService.IssuedSession;
import io.gatehouse.session.SessionService;
import io.gatehouse.signin.SignInEvents.SignInAfterFailures;
import io.gatehouse.signin.SignInEvents.SignInSucceeded;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last step of every sign-in: issues the session and closes the flow, in one transaction. The
 * session id is always new. The place is remembered as the baseline for the next risk decision, and the
 * owner is alerted when the decision said so.
 */
@Component
class SessionIssuer {

	private final SignInFlows flows;

	private final SessionService sessions;

	private final RiskEngine risk;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final SignInOutcomes outcomes;

	SessionIssuer(SignInFlows flows, SessionService sessions, RiskEngine risk, ApplicationEventPublisher events,
			TransactionTemplate tx, Clock clock, SignInOutcomes outcomes) {
		this.flows = flows;
		this.sessions = sessions;
		this.risk = risk;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
		this.outcomes = outcomes;
	}

	SignInResult complete(Completion c) {
		Set<RiskStep> steps = c.assessment() == null ? c.flow().riskSteps() : c.assessment().steps();
		Set<Signal> signals = c.assessment() == null ? c.flow().riskSignals() : c.assessment().signals();
		SignInResult result = this.tx.execute(status -> {
			// Locks in the same order in every sign-in transaction, so two of one account never deadlock: the
			// throttle's row, then the device's, then (with the first event) the audit chain's head.
			Optional<SignInAfterFailures> tell = c.streakEnd().clear();
			IssuedSession session = this.sessions.start(c.accountId(), c.rememberMe(), c.deviceToken(), c.context());
			tell.ifPresent(this.events::publishEvent);
			SignInFlow completed = c.flow().complete(c.accountId(), session.sessionId(), c.rememberMe(), c.last(), steps,
					signals, this.clock.instant());
			if (!c.stored()) {
				this.flows.insert(completed);
			}
			else if (!this.flows.advance(completed)) {
				status.setRollbackOnly();
				return new SignInResult.Refused(SignInRejection.WRONG_STEP);
			}
			Location here;
			if (c.assessment() != null) {
				this.risk.record(c.accountId(), c.assessment(), c.context());
				here = this.risk.remember(c.accountId(), c.assessment().location(), c.context());
			}
			else {
				here = this.risk.remember(c.accountId(), c.context());
			}
			boolean alert = completed.riskSteps().contains(RiskStep.ALERT);
			this.events.publishEvent(new SignInSucceeded(c.accountId(), session.sessionId(), c.flow().id(),
					session.deviceId(), session.newDevice(), c.rememberMe(), c.factor(), alert,
					completed.riskSignals().stream().map(Signal::wireName).sorted().toList(), here.describe(),
					c.context()));
			return new SignInResult.Completed(completed, session);
		});
		return this.outcomes.counted(Objects.requireNonNull(result));
	}

	/**
	 * What completes a flow.
	 *
	 * @param stored whether the flow is in the table already (else it is inserted, completed)
	 * @param factor the proof that completed it, as the log names it ({@code password}, {@code totp}, …)
	 * @param last the step that completed it
	 * @param assessment the risk decision, when the completing step took it (else the flow carries it)
	 * @param streakEnd clears the failure streak in the same transaction
	 */
	record Completion(SignInFlow flow, boolean stored, UUID accountId, boolean rememberMe,
			@Nullable String deviceToken, String factor, SignInFlow.Step last, @Nullable Assessment assessment,
			StreakEnd streakEnd, RequestContext context) {

		@Override
		public String toString() {
			return "Completion[" + this.flow.id() + ", " + this.factor + "]";
		}
	}
}
