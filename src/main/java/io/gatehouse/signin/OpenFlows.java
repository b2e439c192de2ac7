package io.gatehouse.signin;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.account.PasswordCheck;
import io.gatehouse.kernel.Rejection;

import org.springframework.stereotype.Component;

/** Finds a flow that waits at a given step and whose account may still sign in. */
@Component
class OpenFlows {

	private final SignInFlows flows;

	private final PasswordCheck passwords;

	private final Clock clock;

	OpenFlows(SignInFlows flows, PasswordCheck passwords, Clock clock) {
		this.flows = flows;
		this.passwords = passwords;
		this.clock = clock;
	}

	/**
	 * The flow, if it waits for {@code expected} now and its account may still sign in (it may have been
	 * frozen or disabled since the first step: then the open flow cannot finish).
	 */
	At at(UUID flowId, SignInFlow.State expected) {
		Optional<SignInFlow> found = this.flows.find(flowId);
		if (found.isEmpty()) {
			return new At.Refused(SignInRejection.FLOW_NOT_FOUND);
		}
		SignInFlow flow = found.get();
		SignInFlow.State state = flow.stateAt(this.clock.instant());
		if (state != expected) {
			return new At.Refused(state == SignInFlow.State.EXPIRED ? SignInRejection.FLOW_EXPIRED
					: SignInRejection.WRONG_STEP);
		}
		UUID accountId = Objects.requireNonNull(flow.accountId());
		if (!this.passwords.isActive(accountId)) {
			return new At.Refused(SignInRejection.INVALID_CREDENTIALS);
		}
		return new At.Open(flow, accountId);
	}

	/** A flow open at the step asked for, or why it is not. */
	sealed interface At {

		record Open(SignInFlow flow, UUID accountId) implements At {
		}

		record Refused(Rejection rejection) implements At {
		}
	}
}
