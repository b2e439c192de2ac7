package io.gatehouse.kucoin.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.kucoin.KucoinError;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** KuCoin's envelope: {@code {"code":"200000","data":…}} on success, {@code {"code":"4000xx","msg":…}} on error. */
final class KucoinEnvelope {

	static final String OK = "200000";

	private KucoinEnvelope() {
	}

	static ResponseEntity<Map<String, @Nullable Object>> ok(@Nullable Object data) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("code", OK);
		body.put("data", data);
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	static ResponseEntity<Map<String, @Nullable Object>> error(KucoinError error, String detail) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("code", error.code());
		body.put("msg", error.message(detail));
		return ResponseEntity.status(error.status()).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	static void write(HttpServletResponse response, JsonMapper json, KucoinError error, String detail)
			throws IOException {
		response.setStatus(error.status());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		json.writeValue(response.getOutputStream(), Map.of("code", error.code(), "msg", error.message(detail)));
	}
}
