package io.gatehouse.signin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.risk.RiskStep;
import io.gatehouse.risk.Signal;

/**
 * One attempt to sign in, persisted so that any node can continue it. Immutable: each transition
 * returns the next value, which the repository writes with a version check.
 *
 * @param stepsPlanned the steps this flow takes, known in full once the account is identified
 * @param riskSteps what the risk decision at the first proof asked for (see {@link RiskStep})
 * @param riskSignals the signals behind it, for the alert
 */
public record SignInFlow(UUID id, State state, @Nullable UUID accountId, List<Step> stepsDone, List<Step> stepsPlanned,
		boolean rememberMe, String clientIp, String userAgent, @Nullable UUID sessionId, Instant createdAt,
		Instant updatedAt, Instant expiresAt, int version, Set<RiskStep> riskSteps, Set<Signal> riskSignals) {

	public SignInFlow {
		stepsDone = List.copyOf(stepsDone);
		stepsPlanned = List.copyOf(stepsPlanned);
		riskSteps = Set.copyOf(riskSteps);
		riskSignals = Set.copyOf(riskSignals);
	}

	public enum State {
		AWAITING_PASSWORD, AWAITING_SECOND_FACTOR, AWAITING_CONFIRMATION, COMPLETED, EXPIRED
	}

	/**
	 * The steps a person goes through; the wire name is the lower-case constant name. A passwordless
	 * sign-in is the one step {@code PASSKEY}. {@code CONFIRMATION} is a code sent by email when the risk
	 * decision asks for one, always the last step.
	 */
	public enum Step {
		PASSWORD, SECOND_FACTOR, PASSKEY, CONFIRMATION;

		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}
	}

	static SignInFlow start(UUID id, String clientIp, String userAgent, Instant now, Instant expiresAt) {
		return new SignInFlow(id, State.AWAITING_PASSWORD, null, List.of(), List.of(Step.PASSWORD), false, clientIp,
				userAgent, null, now, now, expiresAt, 0, Set.of(), Set.of());
	}

	/** The state as seen at {@code now}: an open flow past its expiry is expired. */
	public State stateAt(Instant now) {
		return this.state != State.COMPLETED && !now.isBefore(this.expiresAt) ? State.EXPIRED : this.state;
	}

	/** The step the client must show next, or null when the flow is over. */
	public @Nullable Step nextStep(Instant now) {
		return switch (stateAt(now)) {
			case AWAITING_PASSWORD -> Step.PASSWORD;
			case AWAITING_SECOND_FACTOR -> Step.SECOND_FACTOR;
			case AWAITING_CONFIRMATION -> Step.CONFIRMATION;
			case COMPLETED, EXPIRED -> null;
		};
	}

	/** The steps this flow will take in all, as far as known now. */
	public int totalSteps() {
		return this.stepsPlanned.size();
	}

	/** The 1-based number of the step being shown (or the last one, when done). */
	public int currentStepNumber() {
		return Math.min(this.stepsDone.size() + 1, totalSteps());
	}

	/**
	 * The password was right and the account has a second factor: that is the next step. No session yet.
	 *
	 * @param confirmAfter whether the risk decision wants a confirmation by email after the factor
	 */
	SignInFlow awaitSecondFactor(UUID account, boolean remember, boolean confirmAfter, Set<RiskStep> risk,
			Set<Signal> signals, Instant now) {
		if (this.state != State.AWAITING_PASSWORD) {
			throw new IllegalStateException("cannot ask for a second factor in state " + this.state);
		}
		List<Step> planned = confirmAfter ? List.of(Step.PASSWORD, Step.SECOND_FACTOR, Step.CONFIRMATION)
				: List.of(Step.PASSWORD, Step.SECOND_FACTOR);
		return new SignInFlow(this.id, State.AWAITING_SECOND_FACTOR, account, List.of(Step.PASSWORD), planned, remember,
				this.clientIp, this.userAgent, null, this.createdAt, now, this.expiresAt, this.version + 1, risk, signals);
	}

	/**
	 * The proofs so far were right but the risk decision wants the sign-in confirmed by a code sent to the
	 * owner: the last step. No session yet.
	 *
	 * @param last the proof just given: the password or a passkey (from the first step), or the second factor
	 */
	SignInFlow awaitConfirmation(UUID account, boolean remember, Step last, Set<RiskStep> risk, Set<Signal> signals,
			Instant now) {
		List<Step> done = switch (this.state) {
			case AWAITING_PASSWORD -> switch (last) {
				case PASSWORD, PASSKEY -> List.of(last);
				case SECOND_FACTOR, CONFIRMATION -> throw new IllegalStateException("no " + last + " before the first proof");
			};
			case AWAITING_SECOND_FACTOR -> {
				if (last != Step.SECOND_FACTOR) {
					throw new IllegalStateException("flow awaits its second factor, not " + last);
				}
				yield List.of(Step.PASSWORD, Step.SECOND_FACTOR);
			}
			case AWAITING_CONFIRMATION, COMPLETED, EXPIRED -> throw new IllegalStateException(
					"cannot ask for a confirmation in state " + this.state);
		};
		List<Step> planned = new ArrayList<>(done);
		planned.add(Step.CONFIRMATION);
		return new SignInFlow(this.id, State.AWAITING_CONFIRMATION, account, done, planned, remember, this.clientIp,
				this.userAgent, null, this.createdAt, now, this.expiresAt, this.version + 1, risk, signals);
	}

	/** Whether the flow, once its factors are given, still has a confirmation by email to go. */
	boolean confirmationPlanned() {
		return this.stepsPlanned.contains(Step.CONFIRMATION) && !this.stepsDone.contains(Step.CONFIRMATION);
	}

	/**
	 * @param last the step that completed the flow: password alone, a passkey alone, the second factor, or
	 * the confirmation
	 * @param risk the risk decision, when it was taken by the completing step itself
	 */
	SignInFlow complete(UUID account, UUID session, boolean remember, Step last, Set<RiskStep> risk, Set<Signal> signals,
			Instant now) {
		List<Step> done = switch (this.state) {
			case AWAITING_PASSWORD -> switch (last) {
				case PASSWORD, PASSKEY -> List.of(last);
				case SECOND_FACTOR, CONFIRMATION -> throw new IllegalStateException("no " + last + " before the password");
			};
			case AWAITING_CONFIRMATION -> {
				if (last != Step.CONFIRMATION) {
					throw new IllegalStateException("flow awaits its confirmation, not " + last);
				}
				List<Step> all = new ArrayList<>(this.stepsDone);
				all.add(Step.CONFIRMATION);
				yield all;
			}
			case AWAITING_SECOND_FACTOR -> {
				if (last != Step.SECOND_FACTOR) {
					throw new IllegalStateException("flow awaits its second factor, not " + last);
				}
				yield List.of(Step.PASSWORD, Step.SECOND_FACTOR);
			}
			case COMPLETED, EXPIRED -> throw new IllegalStateException("cannot complete a flow in state " + this.state);
		};
		return new SignInFlow(this.id, State.COMPLETED, account, done, done, remember, this.clientIp, this.userAgent,
				session, this.createdAt, now, this.expiresAt, this.version + 1,
				this.state == State.AWAITING_PASSWORD ? risk : this.riskSteps,
				this.state == State.AWAITING_PASSWORD ? signals : this.riskSignals);
	}
}
