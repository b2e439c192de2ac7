package io.gatehouse.notify;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The generic HTTP SMS adapter against a real HTTP server on loopback. */
class HttpSmsTransportTests {

	HttpServer server;

	final AtomicReference<String> body = new AtomicReference<>();

	final AtomicReference<String> auth = new AtomicReference<>();

	final AtomicInteger status = new AtomicInteger(202);

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/send", exchange -> {
			this.body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
			exchange.sendResponseHeaders(this.status.get(), -1);
			exchange.close();
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void deliverWhenProviderAcceptsThenJsonWithBearerToken() throws Exception {
		transport().deliver(message());
		assertThat(JsonMapper.builder().build().readTree(this.body.get()).path("to").asString()).isEqualTo("+447911123456");
		assertThat(this.body.get()).contains("Gatehouse code: 123456");
		assertThat(this.auth.get()).isEqualTo("Bearer provider-token");
	}

	@Test
	void deliverWhenProviderFailsWithServerErrorThenRetryable() {
		this.status.set(503);
		assertThatExceptionOfType(DeliveryFailed.class).isThrownBy(() -> transport().deliver(message()));
	}

	@Test
	void deliverWhenProviderRefusesMessageThenFinal() {
		this.status.set(400);
		assertThatIllegalArgumentException().isThrownBy(() -> transport().deliver(message()));
	}

	@Test
	void deliverWhenProviderUnreachableThenRetryable() {
		this.server.stop(0);
		assertThatExceptionOfType(DeliveryFailed.class).isThrownBy(() -> transport().deliver(message()));
	}

	private HttpSmsTransport transport() {
		URI url = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/send");
		return new HttpSmsTransport(new NotifyProperties.SmsHttp(url, "provider-token", Duration.ofSeconds(2)),
				JsonMapper.builder().build());
	}

	private static OutboxMessage message() {
		return new OutboxMessage(UUID.randomUUID(), null, Channel.SMS, "+447911123456", "verification-code", "Code",
				"Gatehouse code: 123456. Valid 10 min.", 1, Instant.now());
	}
}
