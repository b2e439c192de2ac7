package io.gatehouse.abuse;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.kernel.ClientIp;

/**
 * Cloudflare Turnstile, asked server-side through its siteverify endpoint. Anything but a clear answer
 * — a timeout, a refused connection, a 5xx, an unreadable body — fails closed: the request that needed
 * the CAPTCHA is refused (LG-12). The action the widget was rendered for must match.
 */
class TurnstileCaptcha implements CaptchaProvider {

	private final CaptchaProperties.Turnstile settings;

	private final String secret;

	private final HttpClient http;

	private final JsonMapper json;

	TurnstileCaptcha(CaptchaProperties.Turnstile settings, JsonMapper json) {
		if (settings.secret() == null || settings.secret().isBlank() || settings.siteKey() == null) {
			throw new IllegalStateException(
					"gatehouse.captcha.provider=turnstile needs gatehouse.captcha.turnstile.site-key and .secret");
		}
		this.settings = settings;
		this.secret = settings.secret();
		this.json = json;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	@Override
	public Verdict verify(String solution, CaptchaAction action, ClientIp ip) {
		if (solution.length() > 2048) {
			return Verdict.FAILED;
		}
		String form = "secret=" + encode(this.secret) + "&response=" + encode(solution) + "&remoteip="
				+ encode(ip.toString());
		HttpRequest request = HttpRequest.newBuilder(this.settings.verifyUrl())
			.timeout(this.settings.timeout())
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				return Verdict.UNAVAILABLE;
			}
			JsonNode body = this.json.readTree(response.body());
			if (!body.path("success").isBoolean()) {
				return Verdict.UNAVAILABLE;
			}
			boolean passed = body.path("success").asBoolean()
					&& action.wireName().equals(body.path("action").asString(""));
			return passed ? Verdict.PASSED : Verdict.FAILED;
		}
		catch (IOException | RuntimeException ex) {
			return Verdict.UNAVAILABLE;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Verdict.UNAVAILABLE;
		}
	}

	String siteKey() {
		return Objects.requireNonNull(this.settings.siteKey());
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
