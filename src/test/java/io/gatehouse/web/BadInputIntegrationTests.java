package io.gatehouse.web;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a 4xx problem+json with a stable code, never a 500, and writes nothing (PW-07, CS-02). */
@IntegrationTest
class BadInputIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;

	@BeforeEach
	void setUp() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void signUpWhenOneMegabytePasswordThenFastRequestTooLargeAndNothingWritten() {
		long before = rows();
		long start = System.nanoTime();
		ApiClient.Response r = signUp(Map.of("identifier", TestAccounts.newEmail(), "password", "a".repeat(1_000_000),
				"country", "GB"));
		assertProblem(r, 413, "request_too_large");
		assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void signInWhenOneMegabytePasswordThenRequestTooLarge() {
		String flow = this.api.post("/api/v1/signin/flows", null, null).text("id");
		ApiClient.Response r = this.api.post("/api/v1/signin/flows/" + flow + "/password",
				Map.of("identifier", "a@example.com", "password", "p".repeat(1_000_000)), null);
		assertProblem(r, 413, "request_too_large");
	}

	@Test
	void signUpWhenTenKilobyteEmailThenIdentifierInvalid() {
		long before = rows();
		assertProblem(signUp(Map.of("identifier", "a".repeat(10_000) + "@example.com", "password",
				TestAccounts.PASSWORD, "country", "GB")), 400, "identifier_invalid");
		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void signUpWhenPasswordTooLongForPolicyThenReasonGiven() {
		assertProblem(signUp(Map.of("identifier", TestAccounts.newEmail(), "password", "word ".repeat(60), "country",
				"GB")), 422, "password_too_long");
	}

	@Test
	void signUpWhenControlCharactersThenRefused() {
		assertProblem(signUp(Map.of("identifier", "a\r\nb@example.com", "password", TestAccounts.PASSWORD, "country",
				"GB")), 400, "identifier_invalid");
		assertProblem(signUp(Map.of("identifier", TestAccounts.newEmail(), "password", "violet\u0007tractor moon",
				"country", "GB")), 422, "password_invalid_characters");
	}

	@Test
	void signUpWhenCountryUnknownThenRefused() {
		assertProblem(signUp(Map.of("identifier", TestAccounts.newEmail(), "password", TestAccounts.PASSWORD, "country",
				"XX")), 400, "country_invalid");
	}

	@Test
	void signUpWhenMalformedJsonThenMalformedRequest() {
		assertProblem(this.api.post("/api/v1/registrations", "{\"identifier\": ", null), 400, "malformed_request");
		assertProblem(this.api.post("/api/v1/registrations", "[]", null), 400, "malformed_request");
		assertProblem(this.api.post("/api/v1/registrations", "{} {}", null), 400, "malformed_request");
	}

	@Test
	void signUpWhenUnknownFieldThenNamedInTheError() {
		ApiClient.Response r = signUp(Map.of("identifier", TestAccounts.newEmail(), "password", TestAccounts.PASSWORD,
				"country", "GB", "kycLevel", 3));
		assertProblem(r, 400, "unknown_field");
		assertThat(r.text("detail")).contains("kycLevel");
	}

	@Test
	void signUpWhenFieldMissingOrNullThenMissingField() {
		assertProblem(signUp(Map.of("identifier", TestAccounts.newEmail(), "country", "GB")), 400, "missing_field");
		assertProblem(this.api.post("/api/v1/registrations",
				"{\"identifier\":null,\"password\":\"x\",\"country\":\"GB\"}", null), 400, "missing_field");
	}

	@Test
	void verifyWhenCodeIsANumberOrObjectThenRefusedNotCoerced() {
		String id = signUp(Map.of("identifier", TestAccounts.newEmail(), "password", TestAccounts.PASSWORD, "country",
				"GB")).text("registrationId");
		for (String body : new String[] { "{\"code\":123456}", "{\"code\":{}}", "{\"code\":[]}", "{\"code\":true}" }) {
			assertProblem(this.api.post("/api/v1/registrations/" + id + "/verification", body, null), 400,
					"malformed_request");
		}
	}

	@Test
	void jsonEndpointWhenTextPlainOrFormBodyThenUnsupportedMediaType() {
		for (String type : new String[] { "text/plain", "application/x-www-form-urlencoded" }) {
			ApiClient.Response r = this.api.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/registrations"))
				.header("Content-Type", type)
				.POST(HttpRequest.BodyPublishers.ofString("{\"identifier\":\"a@b.co\"}")), null);
			assertProblem(r, 415, "unsupported_media_type");
		}
	}

	@Test
	void flowWhenIdNotAUuidOrUnknownThenClearError() {
		assertProblem(this.api.get("/api/v1/signin/flows/not-a-uuid", null), 400, "bad_request");
		assertProblem(this.api.get("/api/v1/signin/flows/00000000-0000-4000-8000-000000000000", null), 404,
				"flow_not_found");
	}

	@Test
	void passkeyAndSmsStepsWhenMalformedThenClearErrorAndFlowUntouched() {
		String flow = this.api.post("/api/v1/signin/flows", null, null).text("id");
		String step = "/api/v1/signin/flows/" + flow;
		assertProblem(this.api.post(step + "/passkey", Map.of("challengeId", "not-a-uuid", "credential",
				Map.of()), null), 400, "malformed_request");
		assertProblem(this.api.post(step + "/passkey", Map.of("challengeId",
				"00000000-0000-4000-8000-000000000000", "credential", "a string, not an object"), null), 400,
				"malformed_request");
		assertProblem(this.api.post(step + "/passkey", Map.of("challengeId",
				"00000000-0000-4000-8000-000000000000", "credential", Map.of("id", "x")), null), 400,
				"passkey_challenge_invalid");
		assertProblem(this.api.post(step + "/sms/verify", Map.of("code", "123456"), null), 409,
				"flow_wrong_step");
		assertProblem(this.api.post(step + "/sms", null, null), 409, "flow_wrong_step");
		assertThat(this.api.get(step, null).text("state")).isEqualTo("awaiting_password");
	}

	@Test
	void endpointWhenWrongMethodThenMethodNotAllowed() {
		assertProblem(this.api.get("/api/v1/registrations", null), 405, "method_not_allowed");
	}

	@Test
	void webFormWhenHugeBodyThenPlainRefusalNotServerError() {
		ApiClient.Response r = this.api.send(HttpRequest.newBuilder(URI.create(base() + "/signin"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("password=" + "a".repeat(200_000))), null);
		assertThat(r.status()).isEqualTo(413);
	}

	@Test
	void webPageWhenMissingThenHelpfulPageWithoutStackTrace() {
		ApiClient.Response page = this.api.get("/no/such/page", null);
		assertThat(page.status()).as("unknown pages are behind sign-in").isEqualTo(302);
		assertThat(page.header("Location")).endsWith("/signin");
		assertProblem(this.api.get("/api/v1/no/such/thing", null), 401, "unauthenticated");
		String token = new TestAccounts(this.api)
			.signIn(new TestAccounts(this.api).create(), TestAccounts.PASSWORD);
		assertProblem(this.api.get("/api/v1/no/such/thing", token), 404, "not_found");
	}

	private ApiClient.Response signUp(Map<String, ?> body) {
		return this.api.post("/api/v1/registrations", body, null);
	}

	private long rows() {
		return this.jdbc.sql("select (select count(*) from registrations) + (select count(*) from accounts)")
			.query(Long.class)
			.single();
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

	private static void assertProblem(ApiClient.Response r, int status, String code) {
		assertThat(r.status()).as(r.body()).isEqualTo(status);
		assertThat(r.header("Content-Type")).startsWith("application/problem+json");
		assertThat(r.text("code")).isEqualTo(code);
		assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	/**
	 * Requests the firewall or the container refuse before any handler: problem+json with a code (a page for
	 * page paths) and the usual security headers, never the container's HTML page or a default error body.
	 */
	@Test
	void malformedRequestsWhenRefusedBeforeAnyHandlerThenProblemJsonWithACodeAndSecurityHeaders() throws Exception {
		Map<String, String> cases = new LinkedHashMap<>();
		cases.put("GET /api/v1/me%00 HTTP/1.1\r\nHost: localhost\r\n", null);
		cases.put("GET /api/v1/me/../me HTTP/1.1\r\nHost: localhost\r\n", "request_rejected");
		cases.put("GET /api/v1/me;x HTTP/1.1\r\nHost: localhost\r\n", "request_rejected");
		cases.put("GET //api/v1/me HTTP/1.1\r\nHost: localhost\r\n", "request_rejected");
		cases.put("GET /api/v1/me/. HTTP/1.1\r\nHost: localhost\r\n", "request_rejected");
		cases.put("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(9000) + "\r\n", null);
		for (Map.Entry<String, String> c : cases.entrySet()) {
			String answer = raw(c.getKey() + "Connection: close\r\n\r\n");
			String head = answer.lines().findFirst().orElse("");
			String request = c.getKey().substring(0, Math.min(40, c.getKey().length()));
			assertThat(head).as(request).matches("HTTP/1\\.1 4\\d\\d.*");
			assertThat(answer).as(request).containsIgnoringCase("Content-Type: application/problem+json")
				.containsIgnoringCase("X-Content-Type-Options: nosniff")
				.containsIgnoringCase("Content-Security-Policy:")
				.contains("\"code\":")
				.doesNotContain("<html")
				.doesNotContain("Apache Tomcat")
				.doesNotContain("Exception");
			if (c.getValue() != null) {
				assertThat(answer).as(request).contains("\"code\":\"" + c.getValue() + "\"");
			}
		}
		String page = raw("GET /account/../signin HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
		assertThat(page).startsWith("HTTP/1.1 400").containsIgnoringCase("Content-Type: text/html")
			.contains("<h1>Bad request</h1>").containsIgnoringCase("X-Frame-Options: DENY");
	}

	private String raw(String request) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}
}
