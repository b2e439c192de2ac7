package io.gatehouse.factor.totp;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TOTP algorithm of RFC 6238 over HOTP (RFC 4226), written as the RFCs' steps. SHA-1 and a
 * 30-second step are what every authenticator app implements; the secret is 160 bits.
 */
public final class Totp {

	/** RFC 6238 §4.1: X, the time step in seconds; T0 is the Unix epoch. */
	public static final long STEP_SECONDS = 30;

	private static final int[] POWERS_OF_TEN = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
			100_000_000 };

	private Totp() {
	}

	/** RFC 6238 §4.2: T = floor((Current Unix time - T0) / X). */
	public static long step(Instant time) {
		return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
	}

	/** RFC 4226 §5.3 with the counter C = T: HMAC-SHA-1, dynamic truncation, modulo 10^Digit, zero-padded. */
	public static String code(byte[] secret, long step, int digits) {
		if (digits < 6 || digits > 8) {
			throw new IllegalArgumentException("RFC 4226 §5.3: 6 to 8 digits");
		}
		byte[] counter = new byte[8];
		long c = step;
		for (int i = 7; i >= 0; i--) {
			counter[i] = (byte) (c & 0xff);
			c >>>= 8;
		}
		byte[] hs = hmacSha1(secret, counter);
		int offset = hs[19] & 0x0f;
		int binary = ((hs[offset] & 0x7f) << 24) | ((hs[offset + 1] & 0xff) << 16) | ((hs[offset + 2] & 0xff) << 8)
				| (hs[offset + 3] & 0xff);
		String value = Integer.toString(binary % POWERS_OF_TEN[digits]);
		return "0".repeat(digits - value.length()) + value;
	}

	private static byte[] hmacSha1(byte[] key, byte[] message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			return mac.doFinal(message);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA1 unavailable", ex);
		}
	}
}
