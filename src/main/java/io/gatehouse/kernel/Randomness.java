package io.gatehouse.kernel;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The single source of randomness for tokens, codes, salts and identifiers. Backed by a
 * {@link SecureRandom}; tests may supply a seeded instance to make runs repeatable.
 */
public final class Randomness {

	private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final SecureRandom random;

	public Randomness(SecureRandom random) {
		this.random = random;
	}

	/** The platform's strongest non-blocking source; {@code getInstanceStrong()} can block on Linux. */
	static Randomness secure() {
		try {
			return new Randomness(SecureRandom.getInstance("NativePRNGNonBlocking"));
		}
		catch (NoSuchAlgorithmException ex) {
			return new Randomness(new SecureRandom());
		}
	}

	public byte[] bytes(int length) {
		byte[] out = new byte[length];
		this.random.nextBytes(out);
		return out;
	}

	/** An opaque URL-safe token carrying {@code bytes * 8} bits of entropy. */
	public String token(int bytes) {
		return URL_ENCODER.encodeToString(bytes(bytes));
	}

	/**
	 * Whether {@code text} is {@code prefix} followed by a 256-bit {@link #token(int) token} ({@code token(32)}),
	 * the shape of every secret Gatehouse hands out. Anything else is
	 * refused before it is hashed or looked up.
	 */
	public static boolean isPrefixedToken(String text, String prefix) {
		if (text.length() != prefix.length() + 43 || !text.startsWith(prefix)) {
			return false;
		}
		for (int i = prefix.length(); i < text.length(); i++) {
			char c = text.charAt(i);
			if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
				return false;
			}
		}
		return true;
	}

	/** A numeric code of exactly {@code digits} digits, leading zeros kept, uniformly distributed. */
	public String digits(int digits) {
		StringBuilder code = new StringBuilder(digits);
		for (int i = 0; i < digits; i++) {
			code.append((char) ('0' + this.random.nextInt(10)));
		}
		return code.toString();
	}

	/** A uniformly distributed number in {@code [0, bound)}. */
	public long below(long bound) {
		return this.random.nextLong(bound);
	}

	/** A random (version 4) UUID drawn from this source. */
	public UUID uuid() {
		byte[] b = bytes(16);
		b[6] = (byte) ((b[6] & 0x0f) | 0x40);
		b[8] = (byte) ((b[8] & 0x3f) | 0x80);
		long msb = 0;
		long lsb = 0;
		for (int i = 0; i < 8; i++) {
			msb = (msb << 8) | (b[i] & 0xff);
		}
		for (int i = 8; i < 16; i++) {
			lsb = (lsb << 8) | (b[i] & 0xff);
		}
		return new UUID(msb, lsb);
	}

	@Override
	public String toString() {
		return "Randomness[" + this.random.getAlgorithm() + "]";
	}
}
