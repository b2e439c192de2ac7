package io.gatehouse.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SignInFlowTests {

	static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

	final SignInFlow flow = SignInFlow.start(UUID.randomUUID(), "127.0.0.1", "ua", T0, T0.plus(Duration.ofMinutes(15)));

	@Test
	void stateAtWhenOpenPastExpiryThenExpired() {
		assertThat(this.flow.stateAt(T0.plus(Duration.ofMinutes(14)))).isEqualTo(SignInFlow.State.AWAITING_PASSWORD);
		assertThat(this.flow.stateAt(T0.plus(Duration.ofMinutes(15)))).isEqualTo(SignInFlow.State.EXPIRED);
		assertThat(this.flow.nextStep(T0.plus(Duration.ofMinutes(15)))).isNull();
	}

	@Test
	void completeWhenAwaitingPasswordThenCompletedWithNextVersion() {
		SignInFlow done = this.flow.complete(UUID.randomUUID(), UUID.randomUUID(), false, SignInFlow.Step.PASSWORD, T0);
		assertThat(done.state()).isEqualTo(SignInFlow.State.COMPLETED);
		assertThat(done.version()).isEqualTo(1);
		assertThat(done.stepsDone()).containsExactly(SignInFlow.Step.PASSWORD);
		assertThat(done.stateAt(T0.plus(Duration.ofDays(1)))).isEqualTo(SignInFlow.State.COMPLETED);
	}

	@Test
	void completeWhenAlreadyCompletedThenRefused() {
		SignInFlow done = this.flow.complete(UUID.randomUUID(), UUID.randomUUID(), false, SignInFlow.Step.PASSWORD, T0);
		assertThatIllegalStateException().isThrownBy(() -> done.complete(UUID.randomUUID(), UUID.randomUUID(), false, SignInFlow.Step.PASSWORD, T0));
	}

	@Test
	void completeWhenPasskeyAloneThenOneStepFlow() {
		SignInFlow done = this.flow.complete(UUID.randomUUID(), UUID.randomUUID(), false, SignInFlow.Step.PASSKEY, T0);
		assertThat(done.stepsDone()).containsExactly(SignInFlow.Step.PASSKEY);
		assertThat(done.totalSteps()).isEqualTo(1);
	}

	@Test
	void completeWhenSecondFactorWithoutPasswordThenRefused() {
		assertThatIllegalStateException().isThrownBy(() -> this.flow.complete(UUID.randomUUID(), UUID.randomUUID(),
				false, SignInFlow.Step.SECOND_FACTOR, T0));
	}

	@Test
	void completeWhenAwaitingSecondFactorThenOnlyTheSecondFactorFinishesIt() {
		SignInFlow waiting = this.flow.awaitSecondFactor(UUID.randomUUID(), false, T0);
		assertThatIllegalStateException().isThrownBy(() -> waiting.complete(UUID.randomUUID(), UUID.randomUUID(),
				false, SignInFlow.Step.PASSKEY, T0));
		SignInFlow done = waiting.complete(UUID.randomUUID(), UUID.randomUUID(), false, SignInFlow.Step.SECOND_FACTOR,
				T0);
		assertThat(done.stepsDone()).containsExactly(SignInFlow.Step.PASSWORD, SignInFlow.Step.SECOND_FACTOR);
	}
}
