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
			.isThrownBy(() -> Keys.load(new SecretsProperties(null, Map.of(), null, null), production, this.randomness));
	}

	@Test
	void loadWhenProductionWithoutTheAuditSigningKeyThenRefusesToStart() {
		GatehouseProperties production = new GatehouseProperties(GatehouseProperties.Environment.PRODUCTION,
				URI.create("https://exchange.example"), this.dir);
		assertThatIllegalStateException()
			.isThrownBy(() -> Keys.load(new SecretsProperties(KEY_A, Map.of("a", KEY_A), "a", null), production,
					this.randomness))
			.withMessageContaining("audit-signing-key");
	}

	@Test
	void loadWhenADevelopmentFileFromBeforeTheSigningKeyThenTheKeyIsAddedAndTheOthersKept() throws Exception {
		GatehouseProperties dev = new GatehouseProperties(GatehouseProperties.Environment.DEVELOPMENT,
				URI.create("http://localhost:8080"), this.dir);
		java.nio.file.Files.writeString(this.dir.resolve("dev-secrets.properties"),
				"hash-key=" + KEY_A + "\nencryption-key.dev1=" + KEY_B + "\n");
		Keys loaded = Keys.load(new SecretsProperties(null, Map.of(), null, null), dev, this.randomness);

		assertThat(loaded.hashKey()).isEqualTo(Base64.getDecoder().decode(KEY_A));
		assertThat(loaded.auditSigningSeed()).hasSize(32);
		assertThat(Keys.load(new SecretsProperties(null, Map.of(), null, null), dev, this.randomness).auditSigningSeed())
			.as("generated once").isEqualTo(loaded.auditSigningSeed());
	}

	/** RFC 8032 section 7.1, test 2: the public key and signature from the private key, and back. */
	@Test
	void signingKeyWhenRfc8032VectorThenSamePublicKeyAndSignature() {
		java.util.HexFormat hex = java.util.HexFormat.of();
		SigningKey key = new SigningKey(hex.parseHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));
		byte[] message = hex.parseHex("72");

		assertThat(hex.formatHex(key.publicKey()))
			.isEqualTo("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
		assertThat(hex.formatHex(key.sign(message))).isEqualTo("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223"
				+ "ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
		assertThat(SigningKey.verify(key.publicKey(), message, key.sign(message))).isTrue();
		assertThat(SigningKey.verify(key.publicKey(), hex.parseHex("73"), key.sign(message))).isFalse();
		assertThat(key.toString()).doesNotContain("4ccd089b");
		assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAPUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw=");
	}

	@Test
	void loadWhenDevelopmentWithoutKeysThenGeneratesOnceAndReusesThem() {
		GatehouseProperties dev = new GatehouseProperties(GatehouseProperties.Environment.DEVELOPMENT,
				URI.create("http://localhost:8080"), this.dir);
		SecretsProperties none = new SecretsProperties(null, Map.of(), null, null);
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
		assertThat(new SecretsProperties("c2VjcmV0", Map.of("a", KEY_A), "a", KEY_B).toString())
			.doesNotContain("c2VjcmV0")
			.doesNotContain(KEY_A)
			.doesNotContain(KEY_B);
	}

	@Test
	void randomnessWhenDigitsThenExactLengthWithLeadingZerosKept() {
		for (int i = 0; i < 1000; i++) {
			assertThat(this.randomness.digits(6)).matches("\\d{6}");
		}
		assertThat(this.randomness.uuid().version()).isEqualTo(4);
	}

	private static Keys keys(String active, Map<String, String> keys) {
		String zeros = Base64.getEncoder().encodeToString(new byte[32]);
		return Keys.load(new SecretsProperties(zeros, keys, active, zeros),
				new GatehouseProperties(GatehouseProperties.Environment.DEVELOPMENT, URI.create("http://x"),
						Path.of("unused")),
				new Randomness(new SecureRandom()));
	}
}
