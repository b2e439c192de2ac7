package io.gatehouse.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The installation's Ed25519 signing key (RFC 8032, the JDK's implementation): it signs what others must be
 * able to check without trusting the server, such as the audit chains' checkpoints. Only the public half is
 * ever shown; the private half comes from configuration like the other secrets.
 */
public final class SigningKey {

	/** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32-byte key follows it. */
	private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

	private final PrivateKey privateKey;

	private final byte[] publicKey;

	/** @param seed the 32-byte private key of RFC 8032 */
	SigningKey(byte[] seed) {
		if (seed.length != 32) {
			throw new IllegalStateException("gatehouse.secrets.audit-signing-key must be 32 bytes (an Ed25519 private key)");
		}
		KeyPair pair = fromSeed(seed);
		this.privateKey = pair.getPrivate();
		byte[] encoded = pair.getPublic().getEncoded();
		this.publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
	}

	/**
	 * The key pair RFC 8032 derives from the seed. The JDK generates Ed25519 keys by drawing the 32-byte private
	 * key from its random source and deriving the public key; a source that yields the seed gives that pair.
	 */
	private static KeyPair fromSeed(byte[] seed) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
			generator.initialize(NamedParameterSpec.ED25519, new ConfiguredSeed(seed));
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 is not available", ex);
		}
	}

	/** A "random" source that yields the configured private key once: it draws no randomness. */
	private static final class ConfiguredSeed extends SecureRandom {

		private static final long serialVersionUID = 1L;

		private final byte[] seed;

		ConfiguredSeed(byte[] seed) {
			this.seed = seed.clone();
		}

		@Override
		public void nextBytes(byte[] bytes) {
			if (bytes.length != this.seed.length) {
				throw new IllegalStateException("Unexpected draw of " + bytes.length + " bytes");
			}
			System.arraycopy(this.seed, 0, bytes, 0, this.seed.length);
		}
	}

	public byte[] sign(byte[] message) {
		try {
			Signature signature = Signature.getInstance("Ed25519");
			signature.initSign(this.privateKey);
			signature.update(message);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Ed25519 signing failed", ex);
		}
	}

	/** The raw 32-byte public key. */
	public byte[] publicKey() {
		return this.publicKey.clone();
	}

	/** A short name for the public key: the first 8 bytes of its SHA-256, in hex. */
	public String keyId() {
		return keyId(this.publicKey);
	}

	public static String keyId(byte[] publicKey) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKey), 0, 8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The public key as PEM (SubjectPublicKeyInfo), for {@code openssl pkeyutl -verify}. */
	public String publicKeyPem() {
		return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(x509(this.publicKey))
				+ "\n-----END PUBLIC KEY-----\n";
	}

	private static byte[] x509(byte[] publicKey) {
		byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
		System.arraycopy(publicKey, 0, der, X509_PREFIX.length, 32);
		return der;
	}

	/** Whether {@code signature} is the holder of {@code publicKey}'s signature of {@code message}. */
	public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
		if (publicKey.length != 32) {
			return false;
		}
		try {
			PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509(publicKey)));
			Signature verifier = Signature.getInstance("Ed25519");
			verifier.initVerify(key);
			verifier.update(message);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return "SigningKey[Ed25519, id=" + keyId() + "]";
	}
}
