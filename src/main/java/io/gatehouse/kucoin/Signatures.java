package io.gatehouse.kucoin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

import io.gatehouse.apikey.ApiKeySecrets;

/**
 * KuCoin's request signature (kucoin-api.md §1.3): base64(HMAC-SHA256(secret, timestamp + METHOD + path
 * [+ "?" + query] + body)), over the raw body as received and the query as sent. A query is accepted as sent
 * or percent-decoded (RFC 3986, {@code +} stays {@code +}), since KuCoin's own SDK signs it un-encoded and
 * ccxt sends it so. Compared in constant time.
 */
final class Signatures {

	private Signatures() {
	}

	static String prehash(String timestamp, String method, String path, @Nullable String query, String body) {
		return timestamp + method + path + (query == null || query.isEmpty() ? "" : "?" + query) + body;
	}

	static String sign(String secret, String prehash) {
		return ApiKeySecrets.hmacBase64(secret, prehash);
	}

	/** Whether the signature matches the request with its query as sent or percent-decoded. */
	static boolean matches(String secret, String signature, String timestamp, String method, String path,
			@Nullable String rawQuery, String body) {
		byte[] presented = signature.getBytes(StandardCharsets.UTF_8);
		boolean asSent = MessageDigest.isEqual(presented,
				sign(secret, prehash(timestamp, method, path, rawQuery, body)).getBytes(StandardCharsets.UTF_8));
		if (rawQuery == null || rawQuery.indexOf('%') < 0) {
			return asSent;
		}
		String decoded = percentDecode(rawQuery);
		boolean asDecoded = decoded != null && MessageDigest.isEqual(presented,
				sign(secret, prehash(timestamp, method, path, decoded, body)).getBytes(StandardCharsets.UTF_8));
		return asSent | asDecoded;
	}

	/** RFC 3986 percent-decoding as UTF-8; null when an escape is malformed. */
	static @Nullable String percentDecode(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '%') {
				if (i + 2 >= bytes.length) {
					return null;
				}
				int hi = Character.digit(bytes[i + 1], 16);
				int lo = Character.digit(bytes[i + 2], 16);
				if (hi < 0 || lo < 0) {
					return null;
				}
				out.write(hi * 16 + lo);
				i += 2;
			}
			else {
				out.write(bytes[i]);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}
}
