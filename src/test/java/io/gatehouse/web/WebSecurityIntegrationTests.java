package io.gatehouse.web;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.Browserless;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Headers, cookies, CSRF, CORS and fixation on the web UI: SS-01, SS-03, CS-01, CS-03, CS-05, CS-06. */
@IntegrationTest
class WebSecurityIntegrationTests extends ApiTest {

	@org.springframework.beans.factory.annotation.Autowired
	JdbcClient jdbc;

	/** A redirect never names the host the client chose (open redirect, cache poisoning through Host). */
	@Test
	void redirectWhenTheHostHeaderIsForgedThenTheLocationIsRelative() throws Exception {
		for (String path : List.of("/account", "/account/assets", "/staff")) {
			String answer = rawGet(path, "evil.example");
			assertThat(answer).as(path).startsWith("HTTP/1.1 302");
			assertThat(answer).as(path).doesNotContain("evil.example").containsPattern("(?m)^Location: /");
		}
	}

	private String rawGet(String path, String host) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
					+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	@Test
	void pageWhenServedThenStrictSecurityHeaders() {
		for (String path : List.of("/", "/signin", "/signup", "/api/v1/signin/flows/00000000-0000-4000-8000-000000000000")) {
			ApiClient.Response r = this.api.get(path, null);
			assertThat(r.header("Content-Security-Policy")).as(path)
				.contains("frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "script-src 'self';")
				.doesNotContain("unsafe-inline")
				.as("no third party while the CAPTCHA is self-hosted").doesNotContain("cloudflare", "frame-src");
			assertThat(r.header("Strict-Transport-Security")).contains("max-age=31536000").contains("includeSubDomains");
			assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
			assertThat(r.header("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
			assertThat(r.header("Cache-Control")).contains("no-store");
		}
	}

	@Test
	void signInFormWhenCorrectThenHostPrefixedSecureHttpOnlyLaxCookieAndRedirect() {
		String email = this.accounts.create();
		Browserless browser = new Browserless(this.port);

		ApiClient.Response r = browser.signIn(email, TestAccounts.PASSWORD);

		assertThat(r.status()).isEqualTo(302);
		assertThat(r.header("Location")).endsWith("/account");
		String cookie = r.headers().get("Set-Cookie").stream().filter(c -> c.startsWith("__Host-gh_session=")).findFirst()
			.orElseThrow();
		assertThat(cookie).contains("Path=/", "Secure", "HttpOnly", "SameSite=Lax").doesNotContain("Domain");
		assertThat(browser.get("/account").status()).isEqualTo(200);
	}

	@Test
	void signInFormWhenNoCsrfTokenThenForbidden() {
		Browserless browser = new Browserless(this.port);
		Map<String, String> form = new LinkedHashMap<>(Browserless.hiddenFields(browser.get("/signin")));
		form.remove("_csrf");
		form.put("identifier", this.accounts.create());
		form.put("password", TestAccounts.PASSWORD);
		assertThat(browser.post("/signin", form).status()).isEqualTo(403);
	}

	@Test
	void sessionCookieWhenPlantedBeforeSignInThenNeverValidAndReplaced() {
		String email = this.accounts.create();
		Browserless browser = new Browserless(this.port);
		String planted = "ghs_" + "P".repeat(43);
		browser.setCookie("__Host-gh_session", planted);

		assertThat(browser.get("/account").status()).isEqualTo(302);
		browser.signIn(email, TestAccounts.PASSWORD);

		assertThat(browser.cookies().get("__Host-gh_session")).isNotEqualTo(planted).startsWith("ghs_");
		assertThat(browser.get("/account").status()).isEqualTo(200);
	}

	@Test
	void passwordChangeWhenCrossSitePostWithoutTokenThenForbiddenAndWithTokenAccepted() {
		String email = this.accounts.create();
		Browserless browser = new Browserless(this.port);
		browser.signIn(email, TestAccounts.PASSWORD);
		Map<String, String> change = Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword",
				"seven quiet lanterns drift north");

		ApiClient.Response forged = browser.post("/account/password", change, "Origin", "https://evil.tld",
				"Sec-Fetch-Site", "cross-site");
		assertThat(forged.status()).isEqualTo(403);
		String account = this.api.get("/api/v1/me", this.accounts.signIn(email, TestAccounts.PASSWORD)).text("id");
		assertThat(this.jdbc.sql("select details from security_events where account_id = ?::uuid and type = 'malicious_csrf'")
			.param(account).query(String.class).list()).singleElement().asString().contains("https://evil.tld", "cross-site");

		Map<String, String> form = new LinkedHashMap<>(Browserless.hiddenFields(browser.get("/account/password")));
		form.putAll(change);
		ApiClient.Response real = browser.post("/account/password", form);
		assertThat(real.status()).isEqualTo(302);
		assertThat(real.header("Location")).contains("/account/sessions?passwordChanged");
	}

	@Test
	void signInWhenBrowserAlreadyHoldsASessionThenThatSessionEnds() {
		Browserless browser = new Browserless(this.port);
		browser.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		String first = browser.cookies().get("__Host-gh_session");

		browser.signIn(this.accounts.create(), TestAccounts.PASSWORD);

		assertThat(browser.cookies().get("__Host-gh_session")).isNotEqualTo(first);
		assertThat(this.api.get("/api/v1/me", first).status()).isEqualTo(401);
	}

	@Test
	void signOutWhenPostedThenCookieClearedAndSessionDead() {
		Browserless browser = new Browserless(this.port);
		browser.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		String token = browser.cookies().get("__Host-gh_session");
		Map<String, String> form = Browserless.hiddenFields(browser.get("/account"));

		ApiClient.Response out = browser.post("/signout", form);

		assertThat(out.status()).isEqualTo(302);
		assertThat(out.header("Clear-Site-Data")).contains("cache");
		assertThat(browser.get("/account").status()).isEqualTo(302);
		assertThat(this.api.get("/api/v1/me", token).status()).isEqualTo(401);
	}

	@Test
	void corsWhenForeignOriginThenNoAllowOriginReflected() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response r = this.api.get("/api/v1/me", token, "Origin", "https://evil.tld");
		assertThat(r.header("Access-Control-Allow-Origin")).isNull();
		assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
	}

	@Test
	void protectedPageWhenNotSignedInThenRedirectedToSignIn() {
		ApiClient.Response r = this.api.get("/account/sessions", null);
		assertThat(r.status()).isEqualTo(302);
		assertThat(r.header("Location")).endsWith("/signin");
	}
}
