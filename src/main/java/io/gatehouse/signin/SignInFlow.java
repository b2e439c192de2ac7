package io.gatehouse.signin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One attempt to sign in, persisted so that any node can continue it. Immutable: each transition
 * returns the next value, which the repository writes with a version check.
 *
 * @param stepsPlanned the steps this flow takes, known in full once the account is identified
 */
public record SignInFlow(UUID id, State state, @Nullable UUID accountId, List<Step> stepsDone, List<Step> stepsPlanned,
		boolean rememberMe, String clientIp, String userAgent, @Nullable UUID sessionId, Instant createdAt,
		Instant updatedAt, Instant expiresAt, int version) {

	public SignInFlow {
		stepsDone = List.copyOf(stepsDone);
		stepsPlanned = List.copyOf(stepsPlanned);
	}

	public enum State {
		AWAITING_PASSWORD, AWAITING_SECOND_FACTOR, COMPLETED, EXPIRED
	}

	/**
	 * The steps a person goes through; the wire name is the lower-case constant name. A passwordless
	 * sign-in is the one step {@code PASSKEY}.
	 */
	public enum Step {
		PASSWORD, SECOND_FACTOR, PASSKEY;

		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	static SignInFlow start(UUID id, String clientIp, String userAgent, Instant now, Instant expiresAt) {
		return new SignInFlow(id, State.AWAITING_PASSWORD, null, List.of(), List.of(Step.PASSWORD), false, clientIp,
				userAgent, null, now, now, expiresAt, 0);
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

	/** The password was right and the account has a second factor: that is the next step. No session yet. */
	SignInFlow awaitSecondFactor(UUID account, boolean remember, Instant now) {
		if (this.state != State.AWAITING_PASSWORD) {
			throw new IllegalStateException("cannot ask for a second factor in state " + this.state);
		}
		return new SignInFlow(this.id, State.AWAITING_SECOND_FACTOR, account, List.of(Step.PASSWORD),
				List.of(Step.PASSWORD, Step.SECOND_FACTOR), remember, this.clientIp, this.userAgent, null, this.createdAt, now,
				this.expiresAt, this.version + 1);
	}

	/** @param last the step that completed the flow: password alone, a passkey alone, or the second factor */
	SignInFlow complete(UUID account, UUID session, boolean remember, Step last, Instant now) {
		List<Step> done = switch (this.state) {
			case AWAITING_PASSWORD -> switch (last) {
				case PASSWORD, PASSKEY -> List.of(last);
				case SECOND_FACTOR -> throw new IllegalStateException("no second factor before the password");
			};
			case AWAITING_SECOND_FACTOR -> {
				if (last != Step.SECOND_FACTOR) {
					throw new IllegalStateException("flow awaits its second factor, not " + last);
				}
				yield List.of(Step.PASSWORD, Step.SECOND_FACTOR);
			}
			case COMPLETED, EXPIRED -> throw new IllegalStateException("cannot complete a flow in state " + this.state);
		};
		return new SignInFlow(this.id, State.COMPLETED, account, done, done, remember, this.clientIp, this.userAgent,
				session, this.createdAt, now, this.expiresAt, this.version + 1);
	}
}
