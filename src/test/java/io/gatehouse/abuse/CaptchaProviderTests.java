package io.gatehouse.abuse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.ProofOfWork;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CAPTCHA providers on their own. ALTCHA: a solution passes for its action only, and only before its
 * expiry by Gatehouse's clock. Turnstile: a local stand-in for Cloudflare's siteverify answers as the
 * real one documents; anything but a clear answer fails closed (LG-12).
 */
class CaptchaProviderTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final ClientIp IP = ClientIp.of("203.0.113.9");

	private HttpServer siteverify;

	@AfterEach
	void stop() {
		if (this.siteverify != null) {
			this.siteverify.stop(0);
		}
	}

	@Test
	void altchaWhenSolvedThenPassesForItsActionUntilItExpires() {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
		AltchaCaptcha altcha = altcha(clock);
		Map<String, Object> challenge = altcha.challenge(CaptchaAction.SIGN_IN);
		String solved = ProofOfWork.solve(JSON.valueToTree(challenge));
		assertThat(altcha.verify(solved, CaptchaAction.SIGN_IN, IP)).isEqualTo(CaptchaProvider.Verdict.PASSED);
		assertThat(altcha.verify(solved, CaptchaAction.SIGN_UP, IP)).isEqualTo(CaptchaProvider.Verdict.FAILED);
		clock.advance(Duration.ofMinutes(5));
		assertThat(altcha.verify(solved, CaptchaAction.SIGN_IN, IP)).isEqualTo(CaptchaProvider.Verdict.FAILED);
	}

	@Test
	void altchaWhenNumberChangedOrSignedByAnotherKeyOrGarbageThenFails() {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
		AltchaCaptcha altcha = altcha(clock);
		String solved = ProofOfWork.solve(JSON.valueToTree(altcha.challenge(CaptchaAction.SIGN_IN)));
		String payload = new String(Base64.getDecoder().decode(solved), StandardCharsets.UTF_8);
		var node = (ObjectNode) JSON.readTree(payload);
		node.put("number", node.path("number").asLong() + 1);
		assertThat(altcha.verify(encode(node.toString()), CaptchaAction.SIGN_IN, IP))
			.isEqualTo(CaptchaProvider.Verdict.FAILED);

		AltchaCaptcha otherServer = new AltchaCaptcha(new KeyedHash("another-hash-key-of-32-bytes!!!!".getBytes()),
				properties(), testRandomness(), clock, JSON);
		String foreign = ProofOfWork.solve(JSON.valueToTree(otherServer.challenge(CaptchaAction.SIGN_IN)));
		assertThat(altcha.verify(foreign, CaptchaAction.SIGN_IN, IP)).isEqualTo(CaptchaProvider.Verdict.FAILED);
		for (String junk : new String[] { "", "%%%", encode("[]"), encode("{\"number\":\"1\"}"), encode("null") }) {
			assertThat(altcha.verify(junk, CaptchaAction.SIGN_IN, IP)).as(junk).isEqualTo(CaptchaProvider.Verdict.FAILED);
		}
	}

	@Test
	void turnstileWhenProviderSaysSuccessForTheActionThenPassesElseFails() throws Exception {
		AtomicReference<String> answer = new AtomicReference<>("{\"success\":true,\"action\":\"sign_in\"}");
		AtomicReference<String> received = new AtomicReference<>();
		TurnstileCaptcha turnstile = turnstile(startSiteverify(200, answer, received), Duration.ofSeconds(2));
		assertThat(turnstile.verify("token-1", CaptchaAction.SIGN_IN, IP)).isEqualTo(CaptchaProvider.Verdict.PASSED);
		assertThat(received.get()).contains("secret=test-secret").contains("response=token-1")
			.contains("remoteip=203.0.113.9");
		assertThat(turnstile.verify("token-1", CaptchaAction.SIGN_UP, IP)).as("rendered for another action")
			.isEqualTo(CaptchaProvider.Verdict.FAILED);
		answer.set("{\"success\":false,\"error-codes\":[\"timeout-or-duplicate\"]}");
		assertThat(turnstile.verify("token-1", CaptchaAction.SIGN_IN, IP)).isEqualTo(CaptchaProvider.Verdict.FAILED);
		answer.set("<html>oops</html>");
		assertThat(turnstile.verify("token-1", CaptchaAction.SIGN_IN, IP)).isEqualTo(CaptchaProvider.Verdict.UNAVAILABLE);
	}

	@Test
	void turnstileWhenProviderErrsOrCannotBeReachedThenFailsClosed() throws Exception {
		AtomicReference<String> answer = new AtomicReference<>("{\"success\":true,\"action\":\"sign_in\"}");
		TurnstileCaptcha erring = turnstile(startSiteverify(503, answer, new AtomicReference<>()), Duration.ofSeconds(2));
		assertThat(erring.verify("t", CaptchaAction.SIGN_IN, IP)).isEqualTo(CaptchaProvider.Verdict.UNAVAILABLE);

		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		TurnstileCaptcha unreachable = turnstile(URI.create("http://127.0.0.1:" + closedPort + "/siteverify"),
				Duration.ofSeconds(2));
		assertThat(unreachable.verify("t", CaptchaAction.SIGN_IN, IP)).isEqualTo(CaptchaProvider.Verdict.UNAVAILABLE);

		try (ServerSocket silent = new ServerSocket(0)) {
			TurnstileCaptcha slow = turnstile(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/siteverify"),
					Duration.ofMillis(300));
			assertThat(slow.verify("t", CaptchaAction.SIGN_IN, IP)).as("timed out")
				.isEqualTo(CaptchaProvider.Verdict.UNAVAILABLE);
		}
	}

	@Test
	void subnetBucketsAreTheSlash24AndTheSlash56() {
		assertThat(RateLimits.subnetBucket(LimitedAction.SIGN_IN, ClientIp.of("198.51.100.77")))
			.isEqualTo("sign_in:net:198.51.100.0/24");
		assertThat(RateLimits.subnetBucket(LimitedAction.SIGN_IN, ClientIp.of("2001:db8:aa:bbcc:1:2:3:4")))
			.isEqualTo("sign_in:net:2001:db8:aa:bb00::/56");
	}

	private static AltchaCaptcha altcha(MutableClock clock) {
		return new AltchaCaptcha(new KeyedHash("test-hash-key-of-thirty-two-byte".getBytes()), properties(),
				testRandomness(), clock, JSON);
	}

	private static Randomness testRandomness() {
		try {
			return new Randomness(SecureRandom.getInstance("DRBG"));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static CaptchaProperties properties() {
		return new CaptchaProperties(CaptchaProperties.Provider.ALTCHA, Duration.ofMinutes(5),
				new CaptchaProperties.Altcha(2000), new CaptchaProperties.Turnstile(null, null,
						URI.create("https://challenges.cloudflare.com/turnstile/v0/siteverify"), Duration.ofSeconds(5)));
	}

	private static TurnstileCaptcha turnstile(URI verifyUrl, Duration timeout) {
		return new TurnstileCaptcha(new CaptchaProperties.Turnstile("site-key", "test-secret", verifyUrl, timeout), JSON);
	}

	private URI startSiteverify(int status, AtomicReference<String> answer, AtomicReference<String> received)
			throws IOException {
		this.siteverify = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.siteverify.createContext("/siteverify", exchange -> {
			received.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(status, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.siteverify.start();
		return URI.create("http://127.0.0.1:" + this.siteverify.getAddress().getPort() + "/siteverify");
	}

	private static String encode(String json) {
		return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}
}
