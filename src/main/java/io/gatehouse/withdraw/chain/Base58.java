package io.gatehouse.withdraw.chain;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Base58 and Base58Check (Bitcoin's encoding of addresses): the payload, then the first four bytes of its
 * double SHA-256. Leading zero bytes are leading first-alphabet characters. Tron uses Bitcoin's alphabet,
 * the XRP Ledger its own.
 */
final class Base58 {

	static final String BITCOIN = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

	static final String RIPPLE = "rpshnaf39wBUDNEGHJKLM4PQRST7VWXYZ2bcdeCg65jkm8oFqi1tuvAxyz";

	private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);

	private Base58() {
	}

	/** The decoded bytes, or empty when a character is outside the alphabet. */
	static Optional<byte[]> decode(String text, String alphabet) {
		if (text.isEmpty() || text.length() > 128) {
			return Optional.empty();
		}
		BigInteger value = BigInteger.ZERO;
		int zeros = 0;
		boolean leading = true;
		for (char c : text.toCharArray()) {
			int digit = alphabet.indexOf(c);
			if (digit < 0) {
				return Optional.empty();
			}
			if (leading && digit == 0) {
				zeros++;
			}
			else {
				leading = false;
			}
			value = value.multiply(FIFTY_EIGHT).add(BigInteger.valueOf(digit));
		}
		byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
		if (magnitude.length > 0 && magnitude[0] == 0) {
			magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
		}
		byte[] out = new byte[zeros + magnitude.length];
		System.arraycopy(magnitude, 0, out, zeros, magnitude.length);
		return Optional.of(out);
	}

	static String encode(byte[] bytes, String alphabet) {
		BigInteger value = new BigInteger(1, bytes);
		StringBuilder out = new StringBuilder();
		while (value.signum() > 0) {
			BigInteger[] qr = value.divideAndRemainder(FIFTY_EIGHT);
			out.append(alphabet.charAt(qr[1].intValue()));
			value = qr[0];
		}
		for (int i = 0; i < bytes.length && bytes[i] == 0; i++) {
			out.append(alphabet.charAt(0));
		}
		return out.reverse().toString();
	}

	/** The payload (version byte included) when the text is Base58Check with a correct checksum. */
	static Optional<byte[]> decodeChecked(String text, String alphabet) {
		return decode(text, alphabet).filter(b -> b.length > 4).flatMap(b -> {
			byte[] payload = Arrays.copyOf(b, b.length - 4);
			byte[] check = Arrays.copyOf(doubleSha256(payload), 4);
			return MessageDigest.isEqual(check, Arrays.copyOfRange(b, b.length - 4, b.length)) ? Optional.of(payload)
					: Optional.empty();
		});
	}

	static String encodeChecked(byte[] payload, String alphabet) {
		byte[] whole = Arrays.copyOf(payload, payload.length + 4);
		System.arraycopy(doubleSha256(payload), 0, whole, payload.length, 4);
		return encode(whole, alphabet);
	}

	private static byte[] doubleSha256(byte[] data) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			return sha.digest(sha.digest(data));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
