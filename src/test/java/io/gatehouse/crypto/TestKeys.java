package io.gatehouse.crypto;

import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.kernel.Randomness;

/** Installation keys for code outside a Spring context (benchmarks): a hash key and one AES-256 key. */
public final class TestKeys {

	private TestKeys() {
	}

	/** An Ed25519 signing key from a fixed seed. */
	public static SigningKey signingKey() {
		return signingKey("test-audit-signing-key-32-bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
	}

	public static SigningKey signingKey(byte[] seed) {
		return new SigningKey(seed);
	}

	public static Keys of(byte[] key) {
		String encoded = Base64.getEncoder().encodeToString(key);
		return Keys.load(new SecretsProperties(encoded, Map.of("k1", encoded), "k1", encoded),
				new GatehouseProperties(GatehouseProperties.Environment.DEVELOPMENT, URI.create("http://localhost"),
						Path.of("unused")),
				new Randomness(new SecureRandom()));
	}
}
