package io.gatehouse.e2e;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser journey, through the JSON API: sign up → code by SMTP → verify → sign in → sessions →
 * revoke the other session → change password → sign out.
 */
@IntegrationTest
class ApiJourneyTests {

	@LocalServerPort
	int port;

	@Test
	void journeyWhenPersonSignsUpAndManagesSessionsThenEveryStepBehaves() {
		ApiClient api = new ApiClient(this.port);
		String email = TestAccounts.newEmail();
		String password = "violet tractor anchors the moon";

		ApiClient.Response started = api.post("/api/v1/registrations",
				Map.of("identifier", email, "password", password, "country", "DE"), null);
		assertThat(started.status()).isEqualTo(202);
		String code = TestMail.latestCode(email, 1);
		assertThat(api.post("/api/v1/registrations/" + started.text("registrationId") + "/verification",
				Map.of("code", code), null).text("next")).isEqualTo("sign_in");

		ApiClient.Response flow = api.post("/api/v1/signin/flows", null, null);
		assertThat(flow.text("next")).isEqualTo("password");
		assertThat(flow.json().path("step").asInt()).isEqualTo(1);
		ApiClient.Response signedIn = api.post("/api/v1/signin/flows/" + flow.text("id") + "/password",
				Map.of("identifier", email, "password", password), null, "User-Agent",
				"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36");
		assertThat(signedIn.text("state")).isEqualTo("completed");
		String token = signedIn.json().path("session").path("token").asString();
		String deviceToken = signedIn.json().path("session").path("deviceToken").asString();
		TestMail.awaitSubject(email, "New sign-in to your Gatehouse account");

		ApiClient.Response me = api.get("/api/v1/me", token);
		assertThat(me.text("email")).isEqualTo(email);
		assertThat(me.text("country")).isEqualTo("DE");
		assertThat(me.json().path("kycLevel").asInt()).isZero();

		String other = new TestAccounts(api).signIn(email, password);
		var sessions = api.get("/api/v1/me/sessions", token).json().path("sessions");
		assertThat(sessions.size()).isEqualTo(2);
		String otherId = null;
		for (var s : sessions) {
			if (!s.path("current").asBoolean()) {
				otherId = s.path("id").asString();
			}
		}
		assertThat(api.delete("/api/v1/me/sessions/" + otherId, token).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/me", other).status()).isEqualTo(401);

		String newPassword = "seven quiet lanterns drift north";
		assertThat(api.post("/api/v1/me/password", Map.of("currentPassword", password, "newPassword", newPassword), token)
			.status()).isEqualTo(200);
		TestMail.awaitSubject(email, "Your Gatehouse password was changed");

		var history = api.get("/api/v1/me/events", token).json().path("events").findValuesAsString("event");
		assertThat(history).contains("account_created", "sign_in_succeeded", "session_revoked", "password_changed");

		assertThat(api.post("/api/v1/me/signout", null, token).status()).isEqualTo(204);
		assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);

		// Signing in again from the same app with its device token is a known device: no new alert.
		int before = TestMail.to(email, 4).size();
		ApiClient.Response again = api.post("/api/v1/signin/flows/" + api.post("/api/v1/signin/flows", null, null).text("id")
				+ "/password", Map.of("identifier", email, "password", newPassword, "deviceToken", deviceToken), null);
		assertThat(again.status()).isEqualTo(200);
		assertThat(TestMail.to(email, before + 1, Duration.ofSeconds(1))).hasSize(before);
	}
}
