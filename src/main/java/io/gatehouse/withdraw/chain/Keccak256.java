package io.gatehouse.withdraw.chain;

/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding, {@code 0x01}, not SHA3-256's {@code 0x06}):
 * the Keccak-f[1600] permutation over a 1088-bit rate, written against FIPS 202 and tested with Keccak's
 * vectors and, with SHA-3's padding, against the JDK's SHA3-256.
 */
final class Keccak256 {

	private static final long[] ROUND_CONSTANTS = { 0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL,
			0x8000000080008000L, 0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
			0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL, 0x000000008000808bL,
			0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L, 0x8000000000008002L, 0x8000000000000080L,
			0x000000000000800aL, 0x800000008000000aL, 0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L,
			0x8000000080008008L };

	private static final int[] ROTATIONS = { 0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8,
			18, 2, 61, 56, 14 };

	private static final int RATE = 136;

	private Keccak256() {
	}

	static byte[] hash(byte[] input) {
		return digest(input, (byte) 0x01);
	}

	/** With a domain byte: {@code 0x01} for Keccak, {@code 0x06} for SHA-3. */
	static byte[] digest(byte[] input, byte domain) {
		long[] state = new long[25];
		int blocks = input.length / RATE + 1;
		byte[] padded = new byte[blocks * RATE];
		System.arraycopy(input, 0, padded, 0, input.length);
		padded[input.length] ^= domain;
		padded[padded.length - 1] ^= (byte) 0x80;
		for (int block = 0; block < blocks; block++) {
			for (int i = 0; i < RATE / 8; i++) {
				long lane = 0;
				for (int b = 7; b >= 0; b--) {
					lane = (lane << 8) | (padded[block * RATE + i * 8 + b] & 0xffL);
				}
				state[i] ^= lane;
			}
			permute(state);
		}
		byte[] out = new byte[32];
		for (int i = 0; i < 32; i++) {
			out[i] = (byte) (state[i / 8] >>> (8 * (i % 8)));
		}
		return out;
	}

	private static void permute(long[] a) {
		long[] c = new long[5];
		long[] b = new long[25];
		for (long rc : ROUND_CONSTANTS) {
			for (int x = 0; x < 5; x++) {
				c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
			}
			for (int x = 0; x < 5; x++) {
				long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
				for (int y = 0; y < 25; y += 5) {
					a[y + x] ^= d;
				}
			}
			for (int x = 0; x < 5; x++) {
				for (int y = 0; y < 5; y++) {
					b[y + 5 * ((2 * x + 3 * y) % 5)] = Long.rotateLeft(a[x + 5 * y], ROTATIONS[x + 5 * y]);
				}
			}
			for (int x = 0; x < 5; x++) {
				for (int y = 0; y < 25; y += 5) {
					a[y + x] = b[y + x] ^ (~b[y + (x + 1) % 5] & b[y + (x + 2) % 5]);
				}
			}
			a[0] ^= rc;
		}
	}
}
