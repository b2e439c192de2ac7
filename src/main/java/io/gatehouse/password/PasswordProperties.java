package io.gatehouse.password;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param memoryKib Argon2id memory cost (OWASP minimum 19456 KiB)
 * @param iterations Argon2id time cost (OWASP minimum 2)
 * @param parallelism Argon2id lanes
 * @param minStrengthScore the lowest zxcvbn score (0–4) a new password may have. 2 ("at least 10^8
 *        guesses") is the highest that still admits every strong 8-character password, which NIST's
 *        8-character minimum requires; repeats, sequences and dictionary patterns stay below it
 * @param historySize how many passwords before the current one a new one must differ from (the current one too)
 * @param contextWords words that must not appear in a password, besides the person's identifier
 */
@ConfigurationProperties("gatehouse.password")
public record PasswordProperties(@DefaultValue("19456") int memoryKib, @DefaultValue("2") int iterations,
		@DefaultValue("1") int parallelism, @DefaultValue("2") int minStrengthScore,
		@DefaultValue("5") int historySize, @DefaultValue({ "gatehouse", "kucoin" }) List<String> contextWords) {

	public PasswordProperties {
		if (memoryKib < 19456 || iterations < 2 || parallelism < 1) {
			throw new IllegalArgumentException(
					"Argon2id parameters below the OWASP minimum (m=19456 KiB, t=2, p=1) are refused");
		}
		if (minStrengthScore < 0 || minStrengthScore > 4) {
			throw new IllegalArgumentException("gatehouse.password.min-strength-score must be 0..4");
		}
	}
}
