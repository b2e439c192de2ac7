package io.gatehouse.password;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** NIST SP 800-63B §3.1.1.2 / ASVS 5 §6.2, scenarios PW-01, PW-03, PW-04, PW-07 of security-tests.md. */
class PasswordPolicyTests {

	static final PasswordProperties DEFAULTS = new PasswordProperties(19456, 2, 1, 2, 5, List.of("gatehouse", "kucoin"));

	static final PasswordBlocklist BLOCKLIST = new PasswordBlocklist();

	final PasswordPolicy policy = new PasswordPolicy(BLOCKLIST, DEFAULTS);

	@Test
	void blocklistWhenLoadedThenHoldsAtLeast100000Entries() {
		assertThat(BLOCKLIST.size()).isGreaterThanOrEqualTo(100_000);
	}

	@Test
	void checkWhenSevenCharactersThenTooShort() {
		assertThat(this.policy.check("q7#Lm2@", List.of())).contains(PasswordRejection.TOO_SHORT);
	}

	@Test
	void checkWhenEightRandomCharactersThenAccepted() {
		assertThat(this.policy.check("q7#Lm2@x", List.of())).isEmpty();
	}

	@Test
	void checkWhen256CharactersThenAcceptedAnd257ThenTooLong() {
		String base = "Qz8!kd ".repeat(40);
		assertThat(this.policy.check(base.substring(0, 256), List.of())).isEmpty();
		assertThat(this.policy.check(base.substring(0, 256) + "x", List.of())).contains(PasswordRejection.TOO_LONG);
	}

	@Test
	void checkWhenOneMegabyteThenTooLongWithoutFurtherWork() {
		String huge = "a".repeat(1_000_000);
		long start = System.nanoTime();
		assertThat(this.policy.check(huge, List.of())).contains(PasswordRejection.TOO_LONG);
		assertThat(System.nanoTime() - start).as("length is checked before anything expensive").isLessThan(50_000_000L);
	}

	@ParameterizedTest
	@ValueSource(strings = { "password", "12345678", "iloveyou", "qwertyuiop", "Password1", "sunshine1",
			"football", "PASSWORD123" })
	void checkWhenCommonOrBreachedThenRefusedAsCommon(String password) {
		assertThat(this.policy.check(password, List.of())).contains(PasswordRejection.COMMON);
	}

	@Test
	void checkWhenCraftedToBeSlowForTheEstimatorThenStillFast() {
		for (String crafted : new String[] { "19".repeat(128), "0123456789".repeat(25) + "0123zz" }) {
			long start = System.nanoTime();
			this.policy.check(crafted, List.of());
			assertThat(System.nanoTime() - start).as("PW-07: no CPU spike").isLessThan(500_000_000L);
		}
	}

	@Test
	void checkWhenContainsServiceNameThenRefused() {
		assertThat(this.policy.check("my Gatehouse vault 2049", List.of())).contains(PasswordRejection.CONTAINS_CONTEXT);
	}

	@Test
	void checkWhenContainsOwnEmailLocalPartThenRefused() {
		assertThat(this.policy.check("satoshi-nakamoto rocks!", List.of("satoshi-nakamoto@example.com")))
			.contains(PasswordRejection.CONTAINS_CONTEXT);
	}

	@Test
	void checkWhenIsOwnEmailThenRefused() {
		assertThat(this.policy.check("zelda.quinn@example.com", List.of("zelda.quinn@example.com")))
			.contains(PasswordRejection.CONTAINS_CONTEXT);
	}

	@Test
	void checkWhenPredictableButNotListedThenTooWeak() {
		assertThat(this.policy.check("aaaaaaaaaaaaaaab", List.of())).contains(PasswordRejection.TOO_WEAK);
	}

	@Test
	void checkWhenPassphraseWithoutDigitsOrSymbolsThenAcceptedBecauseNoCompositionRules() {
		assertThat(this.policy.check("correct horse battery staple purple", List.of())).isEmpty();
		assertThat(this.policy.check("Tr0ub4dor&3-Quokka", List.of())).isEmpty();
	}

	@Test
	void checkWhenUnicodeAndEmojiThenAccepted() {
		assertThat(this.policy.check("żółw 🐢 pływa w jeziorze", List.of())).isEmpty();
	}

	@Test
	void checkWhenControlCharacterThenRefused() {
		assertThat(this.policy.check("good passphrase\u0000here", List.of()))
			.contains(PasswordRejection.INVALID_CHARACTERS);
	}
}
