package io.gatehouse.crypto;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.kernel.Randomness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** CR-03 / CR-04: AES-GCM with a fresh nonce per encryption, keys from configuration, rotation by key id. */
class SecretsTests {

	static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);

	static final String KEY_B = Base64.getEncoder().encodeToString("another-aes-key-of-32-bytes!!!!!".getBytes());

	final Randomness randomness = new Randomness(new SecureRandom());

	@TempDir
	Path dir;

	@Test
	void sealWhenSamePlaintextTwiceThenDifferentCiphertextsThatBothOpen() {
		SecretBox box = new SecretBox(keys("a", Map.of("a", KEY_A)), this.randomness);
		SecretBox.Sealed one = box.seal("code 123456", "row-1");
		SecretBox.Sealed two = box.seal("code 123456", "row-1");
		assertThat(one.ciphertext()).isNotEqualTo(two.ciphertext());
		assertThat(box.open(one, "row-1")).isEqualTo("code 123456");
		assertThat(box.open(two, "row-1")).isEqualTo("code 123456");
	}

	@Test
	void openWhenCiphertextMovedToAnotherRowThenRefused() {
		SecretBox box = new SecretBox(keys("a", Map.of("a", KEY_A)), this.randomness);
		SecretBox.Sealed sealed = box.seal("secret", "row-1");
		assertThatIllegalStateException().isThrownBy(() -> box.open(sealed, "row-2"));
	}

	@Test
	void openWhenOneBitFlippedThenRefused() {
		SecretBox box = new SecretBox(keys("a", Map.of("a", KEY_A)), this.randomness);
		SecretBox.Sealed sealed = box.seal("secret", "row-1");
		sealed.ciphertext()[sealed.ciphertext().length - 1] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> box.open(sealed, "row-1"));
	}

	@Test
	void openWhenCiphertextTruncatedThenRefusedLikeAnyTampering() {
		SecretBox box = new SecretBox(keys("a", Map.of("a", KEY_A)), this.randomness);
		assertThatIllegalStateException().isThrownBy(() -> box.open(new SecretBox.Sealed("a", new byte[] { 0 }), "row-1"));
	}

	@Test
	void openWhenKeyRotatedThenOldCiphertextsStillOpenAndNewOnesUseNewKey() {
		SecretBox before = new SecretBox(keys("a", Map.of("a", KEY_A)), this.randomness);
		SecretBox.Sealed old = before.seal("secret", "row");
		SecretBox after = new SecretBox(keys("b", Map.of("a", KEY_A, "b", KEY_B)), this.randomness);
		assertThat(after.open(old, "row")).isEqualTo("secret");
		assertThat(after.seal("x", "row").keyId()).isEqualTo("b");
	}

	@Test
	void loadWhenProductionWithoutKeysThenRefusesToStart() {
		GatehouseProperties production = new GatehouseProperties(GatehouseProperties.Environment.PRODUCTION,
				URI.create("https://exchange.example"), this.dir);
		assertThatIllegalStateException()
			.isThrownBy(() -> Keys.load(new SecretsProperties(null, Map.of(), null), production, this.randomness));
	}

	@Test
	void loadWhenDevelopmentWithoutKeysThenGeneratesOnceAndReusesThem() {
		GatehouseProperties dev = new GatehouseProperties(GatehouseProperties.Environment.DEVELOPMENT,
				URI.create("http://localhost:8080"), this.dir);
		SecretsProperties none = new SecretsProperties(null, Map.of(), null);
		SecretBox first = new SecretBox(Keys.load(none, dev, this.randomness), this.randomness);
		SecretBox second = new SecretBox(Keys.load(none, dev, this.randomness), this.randomness);
		assertThat(second.open(first.seal("kept", "r"), "r")).isEqualTo("kept");
	}

	@Test
	void keyedHashWhenDifferentPurposeThenDifferentHash() {
		KeyedHash hash = new KeyedHash(new byte[32]);
		assertThat(hash.hash("session", "x")).isNotEqualTo(hash.hash("device", "x"));
		assertThat(hash.matches("session", "x", hash.hash("session", "x"))).isTrue();
		assertThat(hash.toString()).doesNotContain("0000");
	}

	@Test
	void keyedHashWhenUsedFromManyThreadsThenEveryAnswerIsTheHmacOfPurposeZeroValue() throws Exception {
		byte[] key = new byte[32];
		Arrays.fill(key, (byte) 7);
		KeyedHash hash = new KeyedHash(key);
		Mac reference = Mac.getInstance("HmacSHA256");
		reference.init(new SecretKeySpec(key, "HmacSHA256"));
		byte[] expected = reference.doFinal("session\0token".getBytes(StandardCharsets.UTF_8));

		try (var pool = Executors.newFixedThreadPool(4)) {
			var answers = pool.invokeAll(Collections.nCopies(200,
					(Callable<byte[]>) () -> hash.hash("session", "token")));
			for (var answer : answers) {
				assertThat(answer.get()).isEqualTo(expected);
			}
		}
	}

	@Test
	void toStringWhenSecretsPropertiesThenRedacted() {
		assertThat(new SecretsProperties("c2VjcmV0", Map.of("a", KEY_A), "a").toString()).doesNotContain("c2VjcmV0")
			.doesNotContain(KEY_A);
	}

	@Test
	void randomnessWhenDigitsThenExactLengthWithLeadingZerosKept() {
		for (int i = 0; i < 1000; i++) {
			assertThat(this.randomness.digits(6)).matches("\\d{6}");
		}
		assertThat(this.randomness.uuid().version()).isEqualTo(4);
	}

	private static Keys keys(String active, Map<String, String> keys) {
		return Keys.load(new SecretsProperties(Base64.getEncoder().encodeToString(new byte[32]), keys, active),
				new GatehouseProperties(GatehouseProperties.Environment.DEVELOPMENT, URI.create("http://x"),
						Path.of("unused")),
				new Randomness(new SecureRandom()));
	}
}
