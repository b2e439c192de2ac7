package io.gatehouse.signin;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gatehouse.risk.RiskStep;
import io.gatehouse.risk.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SignInFlowTests {

	static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

	static final Set<RiskStep> NONE = Set.of();

	static final Set<Signal> NO_SIGNALS = Set.of();

	final SignInFlow flow = SignInFlow.start(UUID.randomUUID(), "127.0.0.1", "ua", T0, T0.plus(Duration.ofMinutes(15)));

	@Test
	void stateAtWhenOpenPastExpiryThenExpired() {
		assertThat(this.flow.stateAt(T0.plus(Duration.ofMinutes(14)))).isEqualTo(SignInFlow.State.AWAITING_PASSWORD);
		assertThat(this.flow.stateAt(T0.plus(Duration.ofMinutes(15)))).isEqualTo(SignInFlow.State.EXPIRED);
		assertThat(this.flow.nextStep(T0.plus(Duration.ofMinutes(15)))).isNull();
	}

	@Test
	void completeWhenAwaitingPasswordThenCompletedWithNextVersion() {
		SignInFlow done = this.flow.complete(UUID.randomUUID(), UUID.randomUUID(), false, SignInFlow.Step.PASSWORD, NONE, NO_SIGNALS, T0);
		assertThat(done.state()).isEqualTo(SignInFlow.State.COMPLETED);
		assertThat(done.version()).isEqualTo(1);
		assertThat(done.stepsDone()).containsExactly(SignInFlow.Step.PASSWORD);
		assertThat(done.stateAt(T0.plus(Duration.ofDays(1)))).isEqualTo(SignInFlow.State.COMPLETED);
	}

	@Test
	void completeWhenAlreadyCompletedThenRefused() {
		SignInFlow done = this.flow.complete(UUID.randomUUID(), UUID.randomUUID(), false, SignInFlow.Step.PASSWORD, NONE, NO_SIGNALS, T0);
		assertThatIllegalStateException().isThrownBy(() -> done.complete(UUID.randomUUID(), UUID.randomUUID(), false, SignInFlow.Step.PASSWORD, NONE, NO_SIGNALS, T0));
	}

	@Test
	void completeWhenPasskeyAloneThenOneStepFlow() {
		SignInFlow done = this.flow.complete(UUID.randomUUID(), UUID.randomUUID(), false, SignInFlow.Step.PASSKEY, NONE, NO_SIGNALS, T0);
		assertThat(done.stepsDone()).containsExactly(SignInFlow.Step.PASSKEY);
		assertThat(done.totalSteps()).isEqualTo(1);
	}

	@Test
	void completeWhenSecondFactorWithoutPasswordThenRefused() {
		assertThatIllegalStateException().isThrownBy(() -> this.flow.complete(UUID.randomUUID(), UUID.randomUUID(),
				false, SignInFlow.Step.SECOND_FACTOR, NONE, NO_SIGNALS, T0));
	}

	@Test
	void completeWhenAwaitingSecondFactorThenOnlyTheSecondFactorFinishesIt() {
		SignInFlow waiting = this.flow.awaitSecondFactor(UUID.randomUUID(), false, false, NONE, NO_SIGNALS, T0);
		assertThatIllegalStateException().isThrownBy(() -> waiting.complete(UUID.randomUUID(), UUID.randomUUID(),
				false, SignInFlow.Step.PASSKEY, NONE, NO_SIGNALS, T0));
		SignInFlow done = waiting.complete(UUID.randomUUID(), UUID.randomUUID(), false, SignInFlow.Step.SECOND_FACTOR, NONE, NO_SIGNALS,
				T0);
		assertThat(done.stepsDone()).containsExactly(SignInFlow.Step.PASSWORD, SignInFlow.Step.SECOND_FACTOR);
	}

	@Test
	void awaitConfirmationWhenAfterPasswordThenConfirmationIsTheLastOfTwoSteps() {
		SignInFlow confirming = this.flow.awaitConfirmation(UUID.randomUUID(), true, SignInFlow.Step.PASSWORD,
				Set.of(RiskStep.SECOND_FACTOR, RiskStep.ALERT), Set.of(Signal.NEW_COUNTRY), T0);
		assertThat(confirming.state()).isEqualTo(SignInFlow.State.AWAITING_CONFIRMATION);
		assertThat(confirming.nextStep(T0)).isEqualTo(SignInFlow.Step.CONFIRMATION);
		assertThat(confirming.currentStepNumber()).isEqualTo(2);
		assertThat(confirming.totalSteps()).isEqualTo(2);
		assertThatIllegalStateException().isThrownBy(() -> confirming.complete(UUID.randomUUID(), UUID.randomUUID(),
				true, SignInFlow.Step.SECOND_FACTOR, NONE, NO_SIGNALS, T0));
		SignInFlow done = confirming.complete(UUID.randomUUID(), UUID.randomUUID(), true, SignInFlow.Step.CONFIRMATION,
				NONE, NO_SIGNALS, T0);
		assertThat(done.stepsDone()).containsExactly(SignInFlow.Step.PASSWORD, SignInFlow.Step.CONFIRMATION);
		assertThat(done.riskSteps()).as("the decision taken at the first proof is kept")
			.containsExactlyInAnyOrder(RiskStep.SECOND_FACTOR, RiskStep.ALERT);
		assertThat(done.riskSignals()).containsExactly(Signal.NEW_COUNTRY);
	}

	@Test
	void awaitSecondFactorWhenConfirmationPlannedThenThreeStepsAndTheFactorLeadsToTheConfirmation() {
		SignInFlow waiting = this.flow.awaitSecondFactor(UUID.randomUUID(), false, true,
				Set.of(RiskStep.EMAIL_CONFIRMATION), Set.of(Signal.IMPOSSIBLE_TRAVEL), T0);
		assertThat(waiting.totalSteps()).isEqualTo(3);
		assertThat(waiting.confirmationPlanned()).isTrue();
		SignInFlow confirming = waiting.awaitConfirmation(UUID.randomUUID(), false, SignInFlow.Step.SECOND_FACTOR,
				waiting.riskSteps(), waiting.riskSignals(), T0);
		assertThat(confirming.currentStepNumber()).isEqualTo(3);
		assertThat(confirming.stepsDone()).containsExactly(SignInFlow.Step.PASSWORD, SignInFlow.Step.SECOND_FACTOR);
		assertThatIllegalStateException().isThrownBy(() -> confirming.awaitConfirmation(UUID.randomUUID(), false,
				SignInFlow.Step.SECOND_FACTOR, NONE, NO_SIGNALS, T0));
	}
}
