package io.gatehouse.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON answers leave whole, with a Content-Length instead of the chunked encoding (one write, one read),
 * and pages are unchanged; read off the wire with a plain socket, since HTTP clients hide the framing.
 * {@link WholeJsonResponseFilterTests} covers the bodies larger than the buffer and the other types.
 */
@IntegrationTest
class WholeJsonResponseTests extends ApiTest {

	@Test
	void jsonAnswerWhenWrittenThenSentWithItsLengthNotChunked() throws IOException {
		String email = this.accounts.create();
		Wire created = exchange("POST", "/api/v1/signin/flows",
				"{\"identifier\":\"" + email + "\",\"password\":\"" + TestAccounts.PASSWORD + "\"}");

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.headers().get("content-type")).startsWith("application/json");
		assertThat(created.headers()).doesNotContainKey("transfer-encoding");
		assertThat(created.headers().get("content-length")).isEqualTo(Integer.toString(created.body().length));
		assertThat(new String(created.body(), StandardCharsets.UTF_8)).startsWith("{").contains("\"state\":\"completed\"").endsWith("}");
	}

	@Test
	void problemAnswerWhenWrittenThenSentWithItsLength() throws IOException {
		Wire refused = exchange("GET", "/api/v1/me", null);

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.headers().get("content-type")).startsWith("application/problem+json");
		assertThat(refused.headers()).doesNotContainKey("transfer-encoding");
		assertThat(refused.headers().get("content-length")).isEqualTo(Integer.toString(refused.body().length));
		assertThat(new String(refused.body(), StandardCharsets.UTF_8)).contains("\"code\"");
	}

	@Test
	void pageWhenServedThenUnchanged() throws IOException {
		Wire page = exchange("GET", "/signin", null);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.headers().get("content-type")).startsWith("text/html");
		assertThat(new String(page.body(), StandardCharsets.UTF_8)).contains("</html>");
	}

	/** One request on its own connection, read until the server closes it; a chunked body is decoded. */
	private Wire exchange(String method, String path, @Nullable String json) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
			String head = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/json, text/html\r\n"
					+ "Connection: close\r\n"
					+ (json == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
					+ "\r\n";
			OutputStream out = socket.getOutputStream();
			out.write(head.getBytes(StandardCharsets.US_ASCII));
			out.write(body);
			out.flush();
			return Wire.parse(socket.getInputStream().readAllBytes());
		}
	}

	private record Wire(int status, Map<String, String> headers, byte[] body) {

		static Wire parse(byte[] raw) {
			String text = new String(raw, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String[] lines = text.substring(0, end).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
			}
			byte[] rest = Arrays.copyOfRange(raw, end + 4, raw.length);
			byte[] body = "chunked".equals(headers.get("transfer-encoding")) ? dechunk(rest) : rest;
			return new Wire(Integer.parseInt(lines[0].substring(9, 12)), headers, body);
		}

		private static byte[] dechunk(byte[] chunked) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			InputStream in = new ByteArrayInputStream(chunked);
			try {
				while (true) {
					StringBuilder size = new StringBuilder();
					for (int c = in.read(); c != '\r'; c = in.read()) {
						size.append((char) c);
					}
					in.read();
					int length = Integer.parseInt(size.toString().trim(), 16);
					if (length == 0) {
						return body.toByteArray();
					}
					body.write(in.readNBytes(length));
					in.skipNBytes(2);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}
}
