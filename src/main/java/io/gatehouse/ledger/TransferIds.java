package io.gatehouse.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Transfer ids derived from what makes a request unique to its caller (an owner and their client id; a
 * chain, transaction and output), so that the ledger's own idempotency (one transfer per id) makes every
 * retry of that request land on the same transfer. Name-based UUIDs, version 8 (RFC 9562), from SHA-256
 * over the namespace and the parts, each length-prefixed so no two lists of parts share an encoding.
 */
public final class TransferIds {

	private TransferIds() {
	}

	public static UUID derive(String namespace, String... parts) {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
		update(sha256, namespace);
		for (String part : parts) {
			update(sha256, part);
		}
		ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
		long high = (hash.getLong() & ~0xF000L) | 0x8000L;
		long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low);
	}

	private static void update(MessageDigest digest, String part) {
		byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
		digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
		digest.update(bytes);
	}
}
