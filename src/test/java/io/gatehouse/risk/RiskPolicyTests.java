package io.gatehouse.risk;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Issue 20 item 2: a risk policy may ask for a CAPTCHA, only in a form that cannot become an oracle. */
class RiskPolicyTests {

	private static RiskProperties.Policy captcha(Set<Signal> signals, boolean whileUnderAttack) {
		return new RiskProperties.Policy("p", null, signals, Set.of(RiskStep.CAPTCHA), whileUnderAttack);
	}

	@Test
	void captchaPolicyWhenItWouldDependOnTheAccountOrThePasswordThenRefusedAtStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RiskProperties.Policy("p", 40, Set.of(), Set.of(RiskStep.CAPTCHA), false))
			.withMessageContaining("before the password");
		assertThatIllegalArgumentException().isThrownBy(() -> captcha(Set.of(Signal.NEW_COUNTRY), false));
		assertThatIllegalArgumentException().isThrownBy(() -> new RiskProperties.Policy("p", null,
				Set.of(Signal.NEW_DEVICE), Set.of(RiskStep.CAPTCHA, RiskStep.ALERT), false));
		assertThatIllegalArgumentException().isThrownBy(() -> new RiskProperties.Policy("p", null,
				Set.of(Signal.NEW_DEVICE), Set.of(RiskStep.ALERT), true));
	}

	@Test
	void captchaPolicyWhenNewDeviceWhileUnderAttackThenOnlyDuringAWaveAndOnlyWithoutAKnownDevice() {
		RiskProperties.Policy policy = captcha(Set.of(Signal.NEW_DEVICE), true);
		assertThat(policy.wantsCaptcha(false, false, true)).isTrue();
		assertThat(policy.wantsCaptcha(true, false, true)).isFalse();
		assertThat(policy.wantsCaptcha(false, false, false)).isFalse();
	}

	@Test
	void captchaPolicyWhenAnonymizerThenAlwaysAndOtherPoliciesNever() {
		RiskProperties.Policy policy = captcha(Set.of(Signal.ANONYMIZER_NETWORK), false);
		assertThat(policy.wantsCaptcha(true, true, false)).isTrue();
		assertThat(policy.wantsCaptcha(false, false, false)).isFalse();
		RiskProperties.Policy alert = new RiskProperties.Policy("a", null, Set.of(Signal.NEW_DEVICE),
				Set.of(RiskStep.ALERT), false);
		assertThat(alert.wantsCaptcha(false, true, true)).isFalse();
	}
}
