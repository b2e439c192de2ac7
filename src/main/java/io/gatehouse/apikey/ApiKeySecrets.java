package io.gatehouse.apikey;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.crypto.SecretBox;
import io.gatehouse.kernel.Randomness;

import org.springframework.stereotype.Component;

/**
 * A key's secrets: the public key (24 hex characters, as KuCoin's), the secret (128 random bits in KuCoin's
 * UUID-like layout), sealed under the installation key with the key's id as associated data, and the
 * passphrase as keyed hashes of the two forms a client may send. Comparisons are in constant time.
 */
@Component
public class ApiKeySecrets {

	private static final String PLAIN = "api-key-passphrase";

	private static final String MAC = "api-key-passphrase-mac";

	private final SecretBox secretBox;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	ApiKeySecrets(SecretBox secretBox, KeyedHash keyedHash, Randomness randomness) {
		this.secretBox = secretBox;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
	}

	/** A new key's public identifier and secret, and what is stored of them and of the passphrase. */
	record Minted(UUID id, String apiKey, String secret, SecretBox.Sealed sealed, byte[] passphrasePlain,
			byte[] passphraseMac) {

		@Override
		public String toString() {
			return "Minted[" + this.apiKey + ", <secrets redacted>]";
		}
	}

	Minted mint(String passphrase) {
		UUID keyId = this.randomness.uuid();
		String apiKey = HexFormat.of().formatHex(this.randomness.bytes(12));
		String hex = HexFormat.of().formatHex(this.randomness.bytes(16));
		String secret = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
				+ hex.substring(16, 20) + "-" + hex.substring(20);
		return new Minted(keyId, apiKey, secret, this.secretBox.seal(secret, aad(keyId)),
				this.keyedHash.hash(PLAIN, passphrase), this.keyedHash.hash(MAC, hmacBase64(secret, passphrase)));
	}

	/** The secret, for verifying a signature. */
	public String secret(UUID keyId, SecretBox.Sealed sealed) {
		return this.secretBox.open(sealed, aad(keyId));
	}

	/**
	 * Whether the {@code KC-API-PASSPHRASE} header is right: for key versions 2 and 3 it is
	 * base64(HMAC-SHA256(secret, passphrase)), for version 1 the passphrase itself.
	 */
	public boolean passphraseMatches(String header, boolean plain, byte[] storedPlain, byte[] storedMac) {
		return MessageDigest.isEqual(this.keyedHash.hash(plain ? PLAIN : MAC, header), plain ? storedPlain : storedMac);
	}

	/** base64(HMAC-SHA256(key = secret, message)): KuCoin's signature and passphrase form. */
	public static String hmacBase64(String secret, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String aad(UUID keyId) {
		return "api-key:" + keyId;
	}
}
