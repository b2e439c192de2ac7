package io.gatehouse.kucoin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import io.gatehouse.testsupport.TestContextInitializer;

/**
 * A stand-in for the exchange's trading API, where the gatekeeper forwards verified trading calls: it records
 * what arrives and answers as KuCoin does for an order.
 */
final class TradingApiStandIn implements AutoCloseable {

	/** What arrived: method, path and query, body, and headers (names in lower case). */
	record Arrived(String method, String target, String body, Map<String, String> headers) {
	}

	private final HttpServer server;

	final List<Arrived> arrived = new CopyOnWriteArrayList<>();

	TradingApiStandIn() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", TestContextInitializer.TRADING_API_PORT), 0);
		this.server.createContext("/", exchange -> {
			Map<String, String> headers = new java.util.TreeMap<>();
			exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
			this.arrived.add(new Arrived(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), headers));
			byte[] answer = "{\"code\":\"200000\",\"data\":{\"orderId\":\"5bd6e9286d99522a52e458de\"}}"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}
}
