package io.gatehouse.password;

import java.security.SecureRandom;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.Randomness;

import static org.assertj.core.api.Assertions.assertThat;

/** Argon2id storage: PW-02, PW-06, PW-08 of security-tests.md; OWASP Password Storage cheat sheet. */
class PasswordHasherTests {

	static final PasswordHasher HASHER = new PasswordHasher(PasswordPolicyTests.DEFAULTS,
			new Randomness(new SecureRandom()), new SimpleMeterRegistry());

	@Test
	void hashWhenDefaultsThenArgon2idPhcWithOwaspMinimumParameters() {
		assertThat(HASHER.hash("violet tractor anchors the moon"))
			.startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
	}

	@Test
	void hashWhenSamePasswordTwiceThenDifferentHashes() {
		assertThat(HASHER.hash("same password here")).isNotEqualTo(HASHER.hash("same password here"));
	}

	@Test
	void verifyWhenExactStringThenMatchesAndPrefixesDoNot() {
		String password = "a".repeat(40) + " long 🦊 passphrase with spaces and ünïcödé " + "z".repeat(40);
		String hash = HASHER.hash(password);
		assertThat(HASHER.verify(hash, password).matches()).isTrue();
		assertThat(HASHER.verify(hash, password.substring(0, 72)).matches()).isFalse();
		assertThat(HASHER.verify(hash, password.substring(0, 63)).matches()).isFalse();
	}

	@Test
	void verifyWhenNfdFormOfNfcPasswordThenMatchesBecauseNfkcNormalised() {
		String nfc = "caf\u00e9 au lait forever";
		String nfd = "cafe\u0301 au lait forever";
		assertThat(HASHER.verify(HASHER.hash(nfc), nfd).matches()).isTrue();
	}

	@Test
	void verifyWhenStoredWithWeakerParametersThenMatchesAndAsksForRehash() {
		PasswordHasher stronger = new PasswordHasher(
				new PasswordProperties(19456, 3, 1, 2, 5, List.of()), new Randomness(new SecureRandom()),
				new SimpleMeterRegistry());
		String old = HASHER.hash("upgrade me later please");
		PasswordHasher.Verification v = stronger.verify(old, "upgrade me later please");
		assertThat(v.matches()).isTrue();
		assertThat(v.needsRehash()).isTrue();
		assertThat(HASHER.verify(old, "upgrade me later please").needsRehash()).isFalse();
	}

	@Test
	void verifyDummyWhenAnyPasswordThenNeverMatches() {
		assertThat(HASHER.verifyDummy("anything at all").matches()).isFalse();
	}
}
