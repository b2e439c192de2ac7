package io.gatehouse.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * An account's whole chain as a JSON document its owner can check without the server (docs/audit.md): every
 * event oldest first with seq, hash version, previous hash and hash, a checkpoint of the head signed for the
 * export, and the public key it was signed with (to compare with the one the installation publishes).
 */
@Component
public class ChainExport {

	static final String FORMAT = "gatehouse-audit-export-v1";

	private static final HexFormat HEX = HexFormat.of();

	private final AuditChains chains;

	private final SecurityEvents events;

	ChainExport(AuditChains chains, SecurityEvents events) {
		this.chains = chains;
		this.events = events;
	}

	/** The account's chain; the checkpoint is signed first, so every event it vouches for is in the list. */
	public Map<String, @Nullable Object> of(UUID accountId) {
		String chainKey = accountId.toString();
		Optional<Checkpoint> checkpoint = this.chains.checkpoint(chainKey);
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("format", FORMAT);
		out.put("chainKey", chainKey);
		List<Map<String, @Nullable Object>> list = new ArrayList<>();
		for (SecurityEvent e : this.events.chain(chainKey)) {
			list.add(event(e));
		}
		out.put("events", list);
		out.put("checkpoint", checkpoint.map(ChainExport::checkpoint).orElse(null));
		AuditChains.PublishedKey key = this.chains.publishedKey();
		out.put("publicKey", Map.of("algorithm", "Ed25519", "keyId", key.keyId(), "publicKey", key.publicKey()));
		return out;
	}

	private static Map<String, @Nullable Object> event(SecurityEvent e) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("seq", e.seq());
		out.put("hashVersion", e.hashVersion());
		out.put("accountId", e.accountId() == null ? null : e.accountId().toString());
		out.put("time", EventHashes.time(e.occurredAt()));
		out.put("type", e.type());
		out.put("outcome", e.outcome());
		out.put("reason", e.reason());
		out.put("ip", e.ip());
		out.put("country", e.country());
		out.put("city", e.city());
		out.put("userAgent", e.userAgent());
		out.put("sessionId", e.sessionId() == null ? null : e.sessionId().toString());
		out.put("factor", e.factor());
		out.put("actor", e.actor());
		out.put("details", e.details());
		out.put("prevHash", HEX.formatHex(e.prevHash()));
		out.put("hash", HEX.formatHex(e.hash()));
		return out;
	}

	private static Map<String, Object> checkpoint(Checkpoint c) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("chainKey", c.chainKey());
		out.put("seq", c.seq());
		out.put("hash", HEX.formatHex(c.hash()));
		out.put("v1Until", c.v1Until());
		out.put("signedAt", EventHashes.time(c.signedAt()));
		out.put("keyId", c.keyId());
		out.put("signature", Base64.getEncoder().encodeToString(c.signature()));
		return out;
	}

	/** An export read back: its chain key, events, checkpoint and the public key it names. */
	record Read(String chainKey, List<SecurityEvent> events, @Nullable Checkpoint checkpoint, byte[] publicKey) {
	}

	/**
	 * Reads an export as written by {@link #of}.
	 *
	 * @throws IllegalArgumentException naming the first field that is missing or malformed
	 */
	static Read read(JsonNode root) {
		if (!FORMAT.equals(root.path("format").asString(""))) {
			throw new IllegalArgumentException("not a Gatehouse audit export (format " + FORMAT + ")");
		}
		String chainKey = text(root, "chainKey");
		List<SecurityEvent> list = new ArrayList<>();
		int i = 0;
		for (JsonNode e : root.path("events")) {
			String where = "events[" + i++ + "].";
			Map<String, String> details = new LinkedHashMap<>();
			e.path("details").properties().forEach(d -> details.put(d.getKey(), d.getValue().asString()));
			list.add(new SecurityEvent(0, chainKey, number(e, "seq", where), uuid(e, "accountId", where),
					time(e, "time", where), text(e, "type", where), text(e, "outcome", where), optional(e, "reason"),
					optional(e, "ip"), optional(e, "country"), optional(e, "city"), optional(e, "userAgent"), uuid(e, "sessionId", where),
					optional(e, "factor"), text(e, "actor", where), details, (int) number(e, "hashVersion", where),
					hex(e, "prevHash", where), hex(e, "hash", where), new byte[0]));
		}
		JsonNode c = root.path("checkpoint");
		if (!c.isObject() && !c.isNull() && !c.isMissingNode()) {
			throw new IllegalArgumentException("checkpoint is not an object");
		}
		Checkpoint checkpoint = c.isObject() ? new Checkpoint(text(c, "chainKey", "checkpoint."),
				number(c, "seq", "checkpoint."), hex(c, "hash", "checkpoint."), number(c, "v1Until", "checkpoint."),
				time(c, "signedAt", "checkpoint."), text(c, "keyId", "checkpoint."), base64(c, "signature", "checkpoint."))
				: null;
		return new Read(chainKey, list, checkpoint, base64(root.path("publicKey"), "publicKey", "publicKey."));
	}

	private static String text(JsonNode node, String field) {
		return text(node, field, "");
	}

	private static String text(JsonNode node, String field, String where) {
		JsonNode v = node.path(field);
		if (!v.isString()) {
			throw new IllegalArgumentException(where + field + " is missing or not a string");
		}
		return v.asString();
	}

	private static @Nullable String optional(JsonNode node, String field) {
		JsonNode v = node.path(field);
		return v.isString() ? v.asString() : null;
	}

	private static long number(JsonNode node, String field, String where) {
		JsonNode v = node.path(field);
		if (!v.isIntegralNumber()) {
			throw new IllegalArgumentException(where + field + " is missing or not a whole number");
		}
		return v.asLong();
	}

	/** A UUID written as the export writes it (lower case, hyphens), else refused. */
	private static @Nullable UUID uuid(JsonNode node, String field, String where) {
		String v = optional(node, field);
		try {
			UUID id = v == null ? null : UUID.fromString(v);
			if (id != null && !id.toString().equals(v)) {
				throw new IllegalArgumentException();
			}
			return id;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + field + " is not a UUID as exports write them");
		}
	}

	/** A time written as the export writes it (UTC, six fraction digits), else refused. */
	private static Instant time(JsonNode node, String field, String where) {
		String v = text(node, field, where);
		try {
			Instant t = Instant.parse(v);
			if (!EventHashes.time(t).equals(v)) {
				throw new IllegalArgumentException();
			}
			return t;
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(where + field + " is not a time like 2026-12-07T20:51:16.123456Z");
		}
	}

	private static byte[] hex(JsonNode node, String field, String where) {
		try {
			return HEX.parseHex(text(node, field, where));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + field + " is not hex");
		}
	}

	private static byte[] base64(JsonNode node, String field, String where) {
		try {
			return Base64.getDecoder().decode(text(node, field, where));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(where + field + " is not base64");
		}
	}
}
