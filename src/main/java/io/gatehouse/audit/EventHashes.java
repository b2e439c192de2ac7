package io.gatehouse.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import io.gatehouse.crypto.KeyedHash;

/**
 * The chain: {@code hash = HMAC-SHA256(key, prev_hash ‖ canonical(event))}, where the canonical form
 * lists every stored field, length-prefixed, so no two different events share a form. Changing,
 * removing or reordering a stored event breaks every later link, and because the key lives outside
 * the database, someone who can write the table cannot recompute the chain to hide it.
 */
final class EventHashes {

	static final byte[] GENESIS = new byte[32];

	private static final String PURPOSE = "audit-chain";

	private EventHashes() {
	}

	static byte[] hash(KeyedHash keyedHash, byte[] prevHash, SecurityEvent e) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		out.writeBytes(prevHash);
		field(out, e.chainKey());
		field(out, Long.toString(e.seq()));
		field(out, e.accountId() == null ? "" : e.accountId().toString());
		field(out, e.occurredAt().toString());
		field(out, e.type());
		field(out, e.outcome());
		field(out, e.reason());
		field(out, e.ip());
		field(out, e.userAgent());
		field(out, e.sessionId() == null ? "" : e.sessionId().toString());
		field(out, e.factor());
		field(out, e.actor());
		for (Map.Entry<String, String> d : new TreeMap<>(e.details()).entrySet()) {
			field(out, d.getKey());
			field(out, d.getValue());
		}
		return keyedHash.hash(PURPOSE, out.toByteArray());
	}

	private static void field(ByteArrayOutputStream out, @org.jspecify.annotations.Nullable String value) {
		byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
		out.write(bytes.length >>> 24);
		out.write(bytes.length >>> 16);
		out.write(bytes.length >>> 8);
		out.write(bytes.length);
		out.writeBytes(bytes);
	}
}
