package io.gatehouse.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chain: {@code hash = SHA-256(prev_hash ‖ canonical(event))}, where the canonical form lists
 * every stored field, length-prefixed, so no two different events share a form. Changing, removing or
 * reordering any stored event breaks every later link.
 */
final class EventHashes {

	static final byte[] GENESIS = new byte[32];

	private EventHashes() {
	}

	static byte[] hash(byte[] prevHash, SecurityEvent e) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(prevHash);
			field(sha, e.chainKey());
			field(sha, Long.toString(e.seq()));
			field(sha, e.accountId() == null ? "" : e.accountId().toString());
			field(sha, e.occurredAt().toString());
			field(sha, e.type());
			field(sha, e.outcome());
			field(sha, e.reason());
			field(sha, e.ip());
			field(sha, e.userAgent());
			field(sha, e.sessionId() == null ? "" : e.sessionId().toString());
			field(sha, e.factor());
			field(sha, e.actor());
			for (Map.Entry<String, String> d : new TreeMap<>(e.details()).entrySet()) {
				field(sha, d.getKey());
				field(sha, d.getValue());
			}
			return sha.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 unavailable", ex);
		}
	}

	private static void field(MessageDigest sha, @org.jspecify.annotations.Nullable String value) {
		byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
		sha.update((byte) (bytes.length >>> 24));
		sha.update((byte) (bytes.length >>> 16));
		sha.update((byte) (bytes.length >>> 8));
		sha.update((byte) bytes.length);
		sha.update(bytes);
	}
}
