package io.gatehouse.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The server's signed statement that a chain's event {@code seq} has hash {@code hash}. Its signature is
 * Ed25519 over {@link #message()}, checkable with the published public key alone; a later export whose chain
 * does not hold that event with that hash was rewritten or cut short.
 */
public record Checkpoint(String chainKey, long seq, byte[] hash, long v1Until, Instant signedAt, String keyId,
		byte[] signature) {

	/**
	 * What is signed, as UTF-8: {@code gatehouse-audit-checkpoint-v1}, the chain key, the seq in decimal, the
	 * hash in lower-case hex, the last seq whose event uses hash version 1 (0 for none) in decimal, and the
	 * signing time as the event times are written, each followed by a line feed.
	 */
	public byte[] message() {
		return message(this.chainKey, this.seq, this.hash, this.v1Until, this.signedAt);
	}

	static byte[] message(String chainKey, long seq, byte[] hash, long v1Until, Instant signedAt) {
		return ("gatehouse-audit-checkpoint-v1\n" + chainKey + "\n" + seq + "\n" + HexFormat.of().formatHex(hash) + "\n"
				+ v1Until + "\n" + EventHashes.time(signedAt) + "\n").getBytes(StandardCharsets.UTF_8);
	}
}
