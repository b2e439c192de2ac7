package io.gatehouse.crypto;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under the installation's hash key. Tokens and short codes are stored only as keyed
 * hashes: a database dump without the key cannot be used to brute-force a 6-digit code offline.
 */
public final class KeyedHash {

	private final SecretKeySpec key;

	/**
	 * A MAC initialised with the key and never used itself: each hash clones it, which skips the provider
	 * lookup and the key schedule that a new instance costs (several per sign-in).
	 */
	private final Mac keyed;

	public KeyedHash(byte[] key) {
		this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
		this.keyed = newMac();
	}

	/** Hashes {@code value} in a domain ({@code purpose}) so that one kind of secret never matches another. */
	public byte[] hash(String purpose, String value) {
		return hash(purpose, value.getBytes(StandardCharsets.UTF_8));
	}

	/** Hashes raw bytes in a domain; for structured data such as the audit chain's canonical form. */
	public byte[] hash(String purpose, byte[] value) {
		Mac mac = mac();
		mac.update(purpose.getBytes(StandardCharsets.UTF_8));
		mac.update((byte) 0);
		return mac.doFinal(value);
	}

	private Mac mac() {
		try {
			return (Mac) this.keyed.clone();
		}
		catch (CloneNotSupportedException ex) {
			// A provider whose MAC cannot be cloned: a new instance each time.
			return newMac();
		}
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac;
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 unavailable", ex);
		}
	}

	/** Constant-time comparison of a presented value with a stored hash. */
	public boolean matches(String purpose, String presented, byte[] storedHash) {
		return MessageDigest.isEqual(hash(purpose, presented), storedHash);
	}

	@Override
	public String toString() {
		return "KeyedHash[HmacSHA256, key=<redacted>]";
	}
}
