package io.gatehouse.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretPatternsTests {

	@Test
	void secretsWhenCodesTokensKeysOrPasswordsThenFoundAndMasked() {
		for (String text : new String[] { "the code 123456.", "code:654321", "ghs_abcdefghijklmnopqrstuvwx",
				"secret 5f2b7c1e-0d3a-4e7b-9c8d-1a2b3c4d5e6f", "key deadbeefdeadbeefdeadbeefdeadbeef",
				"password: hunter2", "my PIN is 4321" }) {
			assertThat(SecretPatterns.containsSecret(text)).as(text).isTrue();
			assertThat(SecretPatterns.masked(text)).as(text).contains(SecretPatterns.MASK);
		}
	}

	@Test
	void secretsWhenAmountsDatesOrShortNumbersThenLeftAlone() {
		for (String text : new String[] { "I sent 1500000.25 USDT", "on 2026-12-07 at 14:05", "withdrawal WD-77",
				"about 12,345,678 sats", "it took 45 minutes" }) {
			assertThat(SecretPatterns.containsSecret(text)).as(text).isFalse();
		}
	}
}
