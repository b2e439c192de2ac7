package io.gatehouse.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the JSON API, over a real socket. */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	public ApiClient(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	/** The address requests go to, e.g. {@code http://127.0.0.1:8080}. */
	public String base() {
		return this.base;
	}

	public Response post(String path, @Nullable Object body, @Nullable String token, String... headers) {
		String json = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		return send(request, token, headers);
	}

	public Response put(String path, Object body, @Nullable String token, String... headers) {
		String json = body instanceof String s ? s : JSON.writeValueAsString(body);
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json)), token, headers);
	}

	public Response get(String path, @Nullable String token, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30)).GET(), token,
				headers);
	}

	public Response delete(String path, @Nullable String token) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(30)).DELETE(), token);
	}

	public Response send(HttpRequest.Builder request, @Nullable String token, String... headers) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		for (int i = 0; i + 1 < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, Map<String, List<String>> headers, String body) {

		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		public String text(String field) {
			return json().path(field).asString();
		}

		public @Nullable String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(e -> e.getKey().equalsIgnoreCase(name))
				.map(e -> String.join(", ", e.getValue()))
				.findFirst()
				.orElse(null);
		}
	}
}
