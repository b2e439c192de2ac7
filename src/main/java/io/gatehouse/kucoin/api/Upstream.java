package io.gatehouse.kucoin.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.apikey.ApiKey;
import io.gatehouse.apikey.Permission;
import io.gatehouse.kucoin.KucoinError;

/**
 * The gatekeeper's forwarding: a verified trading call goes to the exchange's trading API with its method,
 * path, query and body as received, the {@code KC-API-*} headers removed (the upstream never sees a key's
 * signature or passphrase) and the verified account, key and permissions added as headers the upstream can
 * trust, because only Gatehouse can reach it. The upstream's answer goes back as it is.
 */
final class Upstream {

	static final String ACCOUNT = "X-Gatehouse-Account-Id";

	static final String KEY = "X-Gatehouse-Api-Key";

	static final String PERMISSIONS = "X-Gatehouse-Permissions";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Upstream() {
	}

	/** Sends the call on; when the trading API cannot be reached, KuCoin's 500000 (ccxt: ExchangeNotAvailable). */
	static void forward(String base, HttpServletRequest request, byte[] body, ApiKey key, HttpServletResponse response,
			JsonMapper json) throws IOException {
		String query = request.getQueryString();
		URI target;
		try {
			target = URI.create(base + request.getRequestURI() + (query == null ? "" : "?" + query));
		}
		catch (IllegalArgumentException ex) {
			KucoinEnvelope.write(response, json, KucoinError.PARAMETER_ERROR, "the query is not a valid URL query");
			return;
		}
		HttpRequest.Builder out = HttpRequest.newBuilder(target)
			.timeout(Duration.ofSeconds(30))
			.method(request.getMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body))
			.header(ACCOUNT, key.accountId().toString())
			.header(KEY, key.apiKey())
			.header(PERMISSIONS, key.permissions().stream().map(Permission::token).sorted().collect(Collectors.joining(",")));
		if (request.getContentType() != null) {
			out.header("Content-Type", request.getContentType());
		}
		HttpResponse<byte[]> answer;
		try {
			answer = HTTP.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			KucoinEnvelope.write(response, json, KucoinError.UPSTREAM_UNAVAILABLE, "");
			return;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			KucoinEnvelope.write(response, json, KucoinError.UPSTREAM_UNAVAILABLE, "");
			return;
		}
		response.setStatus(answer.statusCode());
		answer.headers().firstValue("content-type").ifPresent(response::setContentType);
		response.getOutputStream().write(answer.body());
	}
}
