package io.gatehouse.kucoin.api;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.assets.AssetsRejection;
import io.gatehouse.kucoin.KucoinError;

import org.springframework.http.ResponseEntity;

/** Reading KuCoin request bodies and answering with KuCoin's codes for the money side's refusals. */
final class KucoinTransfers {

	/** Numbers stay exact: a JSON number becomes a BigDecimal, never a double. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private KucoinTransfers() {
	}

	/** The body as a JSON object, or null when it is not one. */
	static @Nullable JsonNode body(String body) {
		try {
			JsonNode node = JSON.readTree(body);
			return node != null && node.isObject() ? node : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** A field as text: a string as it is, a number in its exact decimal form; null when absent or another type. */
	static @Nullable String text(JsonNode body, String field) {
		JsonNode node = body.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		if (node.isString()) {
			return node.asString();
		}
		if (node.isNumber()) {
			BigDecimal value = node.decimalValue();
			// 1e999999999 is eleven characters but a billion digits in plain form: refuse it before it is one.
			return Math.abs(value.scale()) > 40 || value.precision() > 40 ? "not-an-amount" : value.toPlainString();
		}
		return null;
	}

	/** A client id for a call that has none (futures transfer-in and -out): from its signature, spent once. */
	static String clientOid(@Nullable String signature) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(String.valueOf(signature).getBytes(StandardCharsets.UTF_8));
			return "kc-" + HexFormat.of().formatHex(digest, 0, 20);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static ResponseEntity<Map<String, @Nullable Object>> refused(AssetsRejection rejection) {
		return switch (rejection) {
			case INSUFFICIENT_BALANCE -> KucoinEnvelope.error(KucoinError.BALANCE_INSUFFICIENT, "");
			case ACCOUNT_FROZEN -> KucoinEnvelope.error(KucoinError.ACCOUNT_FROZEN, "");
			case REGION_RESTRICTED -> KucoinEnvelope.error(KucoinError.ACCESS_DENIED, "");
			default -> KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, rejection.message());
		};
	}
}
