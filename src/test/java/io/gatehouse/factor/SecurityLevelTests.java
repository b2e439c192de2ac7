package io.gatehouse.factor;

import org.junit.jupiter.api.Test;

import io.gatehouse.factor.SecurityLevel.Level;
import io.gatehouse.factor.SecurityLevel.Protections;

import static org.assertj.core.api.Assertions.assertThat;

class SecurityLevelTests {

	@Test
	void levelWhenNoStrongFactorThenWeakAndThePasskeyIsTheNextStep() {
		var assessment = SecurityLevel.of(new Protections(0, false, 10, true, true));
		assertThat(assessment.level()).isEqualTo(Level.WEAK);
		assertThat(assessment.next()).get().extracting(SecurityLevel.Step::section).isEqualTo("passkeys");
	}

	@Test
	void levelWhenOneStrongFactorAndNoWayBackThenFairAndBackupCodesAreNext() {
		var assessment = SecurityLevel.of(new Protections(0, true, 0, true, true));
		assertThat(assessment.level()).isEqualTo(Level.FAIR);
		assertThat(assessment.next()).get().extracting(SecurityLevel.Step::section).isEqualTo("backup-codes");
	}

	@Test
	void levelWhenTwoStrongFactorsThenNoBackupCodesNeeded() {
		var assessment = SecurityLevel.of(new Protections(1, true, 0, true, true));
		assertThat(assessment.level()).isEqualTo(Level.STRONG);
		assertThat(assessment.next()).isEmpty();
	}

	@Test
	void levelWhenFactorsButNoAntiPhishingOrTradingPasswordThenFairInThatOrder() {
		assertThat(SecurityLevel.of(new Protections(2, false, 0, false, false)).next()).get()
			.extracting(SecurityLevel.Step::section)
			.isEqualTo("anti-phishing");
		assertThat(SecurityLevel.of(new Protections(2, false, 0, true, false)).next()).get()
			.extracting(SecurityLevel.Step::section)
			.isEqualTo("trading-password");
		assertThat(SecurityLevel.of(new Protections(2, false, 0, true, false)).level()).isEqualTo(Level.FAIR);
	}

	@Test
	void levelWhenEverythingOnThenStrong() {
		assertThat(SecurityLevel.of(new Protections(1, false, 10, true, true)).level()).isEqualTo(Level.STRONG);
	}
}
