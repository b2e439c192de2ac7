package io.gatehouse.testsupport;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Test accounts made through the public API: sign up, read the code over SMTP, verify, sign in. */
public final class TestAccounts {

	public static final String PASSWORD = "violet tractor anchors the moon";

	private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime() % 1_000_000);

	private final ApiClient api;

	public TestAccounts(ApiClient api) {
		this.api = api;
	}

	/** A fresh, unused email address. */
	public static String newEmail() {
		return "person" + SEQUENCE.incrementAndGet() + "@example.com";
	}

	/** Signs up and verifies an email account with {@link #PASSWORD}; returns the email. */
	public String create() {
		String email = newEmail();
		create(email, PASSWORD);
		return email;
	}

	public void create(String email, String password) {
		ApiClient.Response started = this.api.post("/api/v1/registrations",
				Map.of("identifier", email, "password", password, "country", "GB"), null);
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		String code = TestMail.latestCode(email, 1);
		ApiClient.Response verified = this.api.post(
				"/api/v1/registrations/" + started.text("registrationId") + "/verification", Map.of("code", code), null);
		assertThat(verified.status()).as(verified.body()).isEqualTo(200);
	}

	/** Signs in through a new flow; returns the session token. */
	public String signIn(String identifier, String password, String... headers) {
		ApiClient.Response completed = signInResponse(identifier, password, headers);
		assertThat(completed.status()).as(completed.body()).isEqualTo(200);
		return completed.json().path("session").path("token").asString();
	}

	/**
	 * Starts authenticator enrolment as a person would: security verification with the password, then
	 * the start call with the proof. Returns the start answer; its {@code token} field is not set, so the
	 * rotated session token comes back separately.
	 */
	public Enrolment startTotpEnrolment(String token) {
		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up", Map.of("action", "enrol_totp", "password",
				PASSWORD), token);
		assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
		String rotated = stepUp.json().path("session").path("token").asString();
		ApiClient.Response started = this.api.post("/api/v1/me/factors/totp", null, rotated, "X-Step-Up-Proof",
				stepUp.text("proof"));
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		return new Enrolment(rotated, started.text("factorId"), started.text("secret"), started);
	}

	/** @param token the rotated session token to use from now on */
	public record Enrolment(String token, String factorId, String secret, ApiClient.Response response) {
	}

	public ApiClient.Response signInResponse(String identifier, String password, String... headers) {
		String flow = this.api.post("/api/v1/signin/flows", null, null, headers).text("id");
		return this.api.post("/api/v1/signin/flows/" + flow + "/password",
				Map.of("identifier", identifier, "password", password), null, headers);
	}
}
