package io.gatehouse.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import io.gatehouse.kernel.Randomness;

/**
 * AES-256-GCM encryption of secrets at rest, with a fresh 96-bit nonce per encryption and the key id
 * stored beside the ciphertext so that keys can rotate. The associated data binds a ciphertext to
 * its row, so a ciphertext copied to another row does not decrypt.
 */
public final class SecretBox {

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final Keys keys;

	private final Randomness randomness;

	public SecretBox(Keys keys, Randomness randomness) {
		this.keys = keys;
		this.randomness = randomness;
	}

	public Sealed seal(String plaintext, String associatedData) {
		return sealBytes(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
	}

	public String open(Sealed sealed, String associatedData) {
		return new String(openBytes(sealed, associatedData), StandardCharsets.UTF_8);
	}

	public Sealed sealBytes(byte[] plaintext, String associatedData) {
		String keyId = this.keys.activeKeyId();
		byte[] nonce = this.randomness.bytes(NONCE_BYTES);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.encryptionKey(keyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			byte[] ciphertext = cipher.doFinal(plaintext);
			byte[] out = new byte[NONCE_BYTES + ciphertext.length];
			System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
			System.arraycopy(ciphertext, 0, out, NONCE_BYTES, ciphertext.length);
			return new Sealed(keyId, out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed", ex);
		}
	}

	public byte[] openBytes(Sealed sealed, String associatedData) {
		byte[] data = sealed.ciphertext();
		if (data.length < NONCE_BYTES + TAG_BITS / 8) {
			throw new IllegalStateException("AES-GCM decryption failed: ciphertext too short to be sealed data");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.keys.encryptionKey(sealed.keyId()),
					new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
			cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
			return cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM decryption failed: wrong key or tampered ciphertext", ex);
		}
	}

	/** A ciphertext (nonce ‖ ciphertext ‖ tag) and the id of the key that sealed it. */
	public record Sealed(String keyId, byte[] ciphertext) {

		@Override
		public String toString() {
			return "Sealed[keyId=" + this.keyId + ", " + this.ciphertext.length + " bytes]";
		}
	}
}
