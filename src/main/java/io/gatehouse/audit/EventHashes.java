package io.gatehouse.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.KeyedHash;

/**
 * How an event is linked to the one before it on its chain (docs/audit.md says the same in words).
 *
 * <p>Version 2, for every event written since the chains became checkable outside the server:
 * {@code hash = SHA-256(prev_hash ‖ canonical(event))}, where the canonical form is a list of fields, each
 * written as its UTF-8 bytes' length (4 bytes, big-endian) and then the bytes: the constant
 * {@code gatehouse-audit-v2}, chain key, seq (decimal), account id, time ({@code 2026-12-07T20:51:16.123456Z}:
 * always six fraction digits, UTC), type, outcome, reason, ip, country, city, user agent, session id, factor, actor,
 * then each detail's key and value in key order. A missing value is the empty string. Length prefixes make
 * the form unambiguous, so no two different events share it; changing, removing or reordering an event
 * breaks every later link.
 *
 * <p>Version 1, for events stored before: an HMAC-SHA256 under the server's hash key over the same fields but
 * the constant, the country and the city. Only the server can check those links.
 */
final class EventHashes {

	static final byte[] GENESIS = new byte[32];

	static final int VERSION = 2;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final String PURPOSE_V1 = "audit-chain";

	private EventHashes() {
	}

	/** The event's time as the canonical form writes it. */
	static String time(Instant instant) {
		return TIME.format(instant);
	}

	/** Version 2: anyone can compute it from the event and the hash before it. */
	static byte[] hash(byte[] prevHash, SecurityEvent e) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		out.writeBytes(prevHash);
		field(out, "gatehouse-audit-v2");
		fields(out, e, true);
		try {
			return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Version 1, for events stored before version 2: needs the server's hash key. */
	static byte[] hashV1(KeyedHash keyedHash, byte[] prevHash, SecurityEvent e) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(256);
		out.writeBytes(prevHash);
		fields(out, e, false);
		return keyedHash.hash(PURPOSE_V1, out.toByteArray());
	}

	private static void fields(ByteArrayOutputStream out, SecurityEvent e, boolean v2) {
		field(out, e.chainKey());
		field(out, Long.toString(e.seq()));
		field(out, e.accountId() == null ? "" : e.accountId().toString());
		field(out, v2 ? time(e.occurredAt()) : e.occurredAt().toString());
		field(out, e.type());
		field(out, e.outcome());
		field(out, e.reason());
		field(out, e.ip());
		if (v2) {
			field(out, e.country());
			field(out, e.city());
		}
		field(out, e.userAgent());
		field(out, e.sessionId() == null ? "" : e.sessionId().toString());
		field(out, e.factor());
		field(out, e.actor());
		for (Map.Entry<String, String> d : new TreeMap<>(e.details()).entrySet()) {
			field(out, d.getKey());
			field(out, d.getValue());
		}
	}

	private static void field(ByteArrayOutputStream out, @Nullable String value) {
		byte[] bytes = (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
		out.write(bytes.length >>> 24);
		out.write(bytes.length >>> 16);
		out.write(bytes.length >>> 8);
		out.write(bytes.length);
		out.writeBytes(bytes);
	}
}
