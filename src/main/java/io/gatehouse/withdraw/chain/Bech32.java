package io.gatehouse.withdraw.chain;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Segregated-witness addresses: Bech32 (BIP-173) for witness version 0 and Bech32m (BIP-350) for versions
 * 1 to 16, with the program-length rules of both BIPs. Mixed case is refused; the canonical form is lower
 * case.
 */
final class Bech32 {

	private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

	private static final int BECH32_CONST = 1;

	private static final int BECH32M_CONST = 0x2bc830a3;

	private Bech32() {
	}

	/** A decoded segwit address. */
	record Segwit(int version, byte[] program) {
	}

	/** The witness version and program of a segwit address with this human-readable part, if it is one. */
	static Optional<Segwit> decodeSegwit(String hrp, String address) {
		if (address.length() < 8 || address.length() > 90 || !(address.equals(address.toLowerCase(Locale.ROOT))
				|| address.equals(address.toUpperCase(Locale.ROOT)))) {
			return Optional.empty();
		}
		String text = address.toLowerCase(Locale.ROOT);
		int separator = text.lastIndexOf('1');
		if (separator < 1 || separator + 7 > text.length() || !text.substring(0, separator).equals(hrp)) {
			return Optional.empty();
		}
		int[] data = new int[text.length() - separator - 1];
		for (int i = 0; i < data.length; i++) {
			int v = CHARSET.indexOf(text.charAt(separator + 1 + i));
			if (v < 0) {
				return Optional.empty();
			}
			data[i] = v;
		}
		int checksum = polymod(hrp, data);
		int version = data[0];
		if (version > 16 || checksum != (version == 0 ? BECH32_CONST : BECH32M_CONST)) {
			return Optional.empty();
		}
		Optional<byte[]> program = convertBits(data, 1, data.length - 6);
		return program.filter(p -> p.length >= 2 && p.length <= 40 && (version != 0 || p.length == 20 || p.length == 32))
			.map(p -> new Segwit(version, p));
	}

	static String encodeSegwit(String hrp, int version, byte[] program) {
		int[] five = toFive(program);
		int[] data = new int[1 + five.length + 6];
		data[0] = version;
		System.arraycopy(five, 0, data, 1, five.length);
		int mod = polymod(hrp, data) ^ (version == 0 ? BECH32_CONST : BECH32M_CONST);
		for (int i = 0; i < 6; i++) {
			data[data.length - 6 + i] = (mod >>> (5 * (5 - i))) & 31;
		}
		StringBuilder out = new StringBuilder(hrp).append('1');
		for (int d : data) {
			out.append(CHARSET.charAt(d));
		}
		return out.toString();
	}

	/** The checksum residue over the expanded human-readable part and the data (checksum included). */
	private static int polymod(String hrp, int[] data) {
		int[] generator = { 0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3 };
		int chk = 1;
		int[] expanded = new int[hrp.length() * 2 + 1 + data.length];
		for (int i = 0; i < hrp.length(); i++) {
			expanded[i] = hrp.charAt(i) >> 5;
			expanded[hrp.length() + 1 + i] = hrp.charAt(i) & 31;
		}
		System.arraycopy(data, 0, expanded, hrp.length() * 2 + 1, data.length);
		for (int v : expanded) {
			int top = chk >>> 25;
			chk = ((chk & 0x1ffffff) << 5) ^ v;
			for (int i = 0; i < 5; i++) {
				if (((top >>> i) & 1) != 0) {
					chk ^= generator[i];
				}
			}
		}
		return chk;
	}

	/** 5-bit groups to bytes, refusing non-zero padding or more than 4 bits of it. */
	private static Optional<byte[]> convertBits(int[] data, int from, int to) {
		int acc = 0;
		int bits = 0;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = from; i < to; i++) {
			acc = ((acc << 5) | data[i]) & 0xfff;
			bits += 5;
			while (bits >= 8) {
				bits -= 8;
				out.write((acc >>> bits) & 0xff);
			}
		}
		if (bits >= 5 || ((acc << (8 - bits)) & 0xff) != 0) {
			return Optional.empty();
		}
		return Optional.of(out.toByteArray());
	}

	private static int[] toFive(byte[] bytes) {
		int acc = 0;
		int bits = 0;
		int[] out = new int[(bytes.length * 8 + 4) / 5];
		int n = 0;
		for (byte b : bytes) {
			acc = ((acc << 8) | (b & 0xff)) & 0xfff;
			bits += 8;
			while (bits >= 5) {
				bits -= 5;
				out[n++] = (acc >>> bits) & 31;
			}
		}
		if (bits > 0) {
			out[n++] = (acc << (5 - bits)) & 31;
		}
		return out;
	}
}
