package io.gatehouse.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMS through a provider's HTTP API: {@code POST {url}} with {@code {"to","text","reference"}} as
 * JSON and a bearer token. Any 2xx is delivered; 4xx is final (the provider refused the message);
 * 5xx, 429 and network errors are retried.
 */
final class HttpSmsTransport implements Transport {

	private final HttpClient http;

	private final URI url;

	private final @Nullable String bearerToken;

	private final NotifyProperties.SmsHttp settings;

	private final JsonMapper json;

	HttpSmsTransport(NotifyProperties.SmsHttp settings, JsonMapper json) {
		if (settings.url() == null) {
			throw new IllegalStateException("gatehouse.notify.sms-http.url is required when gatehouse.notify.sms=http");
		}
		this.settings = settings;
		this.url = settings.url();
		this.bearerToken = settings.bearerToken();
		this.json = json;
		this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
	}

	@Override
	public void deliver(OutboxMessage message) throws DeliveryFailed {
		String body = this.json.writeValueAsString(
				Map.of("to", message.destination(), "text", message.body(), "reference", message.id().toString()));
		HttpRequest.Builder request = HttpRequest.newBuilder(this.url)
			.timeout(this.settings.timeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (this.bearerToken != null) {
			request.header("Authorization", "Bearer " + this.bearerToken);
		}
		HttpResponse<Void> response;
		try {
			response = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			throw new DeliveryFailed("SMS provider unreachable: " + ex.getClass().getSimpleName(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DeliveryFailed("interrupted", ex);
		}
		int status = response.statusCode();
		if (status >= 500 || status == 429) {
			throw new DeliveryFailed("SMS provider answered " + status);
		}
		if (status >= 300) {
			throw new IllegalArgumentException("SMS provider refused the message with " + status);
		}
	}
}
