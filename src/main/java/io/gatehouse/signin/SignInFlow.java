package io.gatehouse.signin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One attempt to sign in, persisted so that any node can continue it. Immutable: each transition
 * returns the next value, which the repository writes with a version check.
 */
public record SignInFlow(UUID id, State state, @Nullable UUID accountId, List<Step> stepsDone, boolean rememberMe,
		String clientIp, String userAgent, @Nullable UUID sessionId, Instant createdAt, Instant updatedAt,
		Instant expiresAt, int version) {

	public SignInFlow {
		stepsDone = List.copyOf(stepsDone);
	}

	public enum State {
		AWAITING_PASSWORD, COMPLETED, EXPIRED
	}

	/** The steps a person goes through; the wire name is the lower-case constant name. */
	public enum Step {
		PASSWORD;

		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}

	static SignInFlow start(UUID id, String clientIp, String userAgent, Instant now, Instant expiresAt) {
		return new SignInFlow(id, State.AWAITING_PASSWORD, null, List.of(), false, clientIp, userAgent, null, now, now,
				expiresAt, 0);
	}

	/** The state as seen at {@code now}: an open flow past its expiry is expired. */
	public State stateAt(Instant now) {
		return this.state != State.COMPLETED && !now.isBefore(this.expiresAt) ? State.EXPIRED : this.state;
	}

	/** The step the client must show next, or null when the flow is over. */
	public @Nullable Step nextStep(Instant now) {
		return stateAt(now) == State.AWAITING_PASSWORD ? Step.PASSWORD : null;
	}

	/** The steps this flow will take in all, as far as known now. */
	public int totalSteps() {
		return Step.values().length;
	}

	/** The 1-based number of the step being shown (or the last one, when done). */
	public int currentStepNumber() {
		return Math.min(this.stepsDone.size() + 1, totalSteps());
	}

	SignInFlow complete(UUID account, UUID session, boolean remember, Instant now) {
		if (this.state != State.AWAITING_PASSWORD) {
			throw new IllegalStateException("cannot complete a flow in state " + this.state);
		}
		return new SignInFlow(this.id, State.COMPLETED, account, List.of(Step.PASSWORD), remember, this.clientIp,
				this.userAgent, session, this.createdAt, now, this.expiresAt, this.version + 1);
	}
}
