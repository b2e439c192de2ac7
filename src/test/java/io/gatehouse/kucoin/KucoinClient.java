package io.gatehouse.kucoin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.apikey.ApiKeySecrets;

/**
 * A KuCoin client for tests, signing as ccxt does (key version 2), with a hook that may change any header
 * after signing, so each negative test breaks exactly one thing.
 */
final class KucoinClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String base;

	final String apiKey;

	final String secret;

	final String passphrase;

	private final java.util.function.LongSupplier clock;

	KucoinClient(int port, String apiKey, String secret, String passphrase, java.util.function.LongSupplier clock) {
		this.base = "http://127.0.0.1:" + port;
		this.apiKey = apiKey;
		this.secret = secret;
		this.passphrase = passphrase;
		this.clock = clock;
	}

	record Response(int status, String body, Map<String, String> headers) {

		JsonNode json() {
			return JSON.readTree(this.body);
		}

		String code() {
			return json().path("code").asString();
		}

		JsonNode data() {
			return json().path("data");
		}
	}

	Response get(String pathAndQuery) {
		return send("GET", pathAndQuery, "", h -> h);
	}

	Response post(String path, String body) {
		return send("POST", path, body, h -> h);
	}

	Response unsigned(String method, String pathAndQuery) {
		return exchange(method, pathAndQuery, "", Map.of());
	}

	/** Signs the request, lets {@code edit} change the headers, sends the body given (which may differ). */
	Response send(String method, String pathAndQuery, String body, UnaryOperator<Map<String, String>> edit) {
		return send(method, pathAndQuery, body, body, edit);
	}

	Response send(String method, String pathAndQuery, String signedBody, String sentBody,
			UnaryOperator<Map<String, String>> edit) {
		return exchange(method, pathAndQuery, sentBody, edit.apply(headers(method, pathAndQuery, signedBody,
				Long.toString(this.clock.getAsLong()))));
	}

	Map<String, String> headers(String method, String pathAndQuery, String body, String timestamp) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("KC-API-KEY", this.apiKey);
		headers.put("KC-API-SIGN", ApiKeySecrets.hmacBase64(this.secret, timestamp + method + pathAndQuery + body));
		headers.put("KC-API-TIMESTAMP", timestamp);
		headers.put("KC-API-PASSPHRASE", ApiKeySecrets.hmacBase64(this.secret, this.passphrase));
		headers.put("KC-API-KEY-VERSION", "2");
		return headers;
	}

	Response exchange(String method, String pathAndQuery, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
			.timeout(Duration.ofSeconds(30))
			.method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (!body.isEmpty()) {
			request.header("Content-Type", "application/json");
		}
		headers.forEach((name, value) -> {
			if (value != null) {
				request.header(name, value);
			}
		});
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			Map<String, String> answered = new LinkedHashMap<>();
			response.headers().map().forEach((name, values) -> answered.put(name.toLowerCase(java.util.Locale.ROOT),
					values.getFirst()));
			return new Response(response.statusCode(), response.body(), answered);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String json(Map<String, ?> body) {
		return JSON.writeValueAsString(body);
	}

}
