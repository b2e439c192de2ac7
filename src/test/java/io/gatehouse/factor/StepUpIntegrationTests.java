package io.gatehouse.factor;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Step-up: SU-01..SU-04 and SU-06 of security-tests.md, through the JSON API. */
@IntegrationTest
class StepUpIntegrationTests extends ApiTest {

	static final String PHRASE = "blue heron 42";

	@Autowired
	MutableClock clock;

	@Test
	void antiPhishingCodeWhenNoProofThenStepUpRequiredAndNothingChanges() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response r = setPhrase(token, PHRASE, null);
		assertThat(r.status()).isEqualTo(401);
		assertThat(r.text("code")).isEqualTo("step_up_required");
	}

	@Test
	void antiPhishingCodeWhenSteppedUpThenSetSessionRotatedAndEveryEmailShowsIt() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		assertThat(this.api.get("/api/v1/me/step-up", token).text("requiredFactor")).isEqualTo("password");

		ApiClient.Response stepUp = stepUpWithPassword(token, "set_anti_phishing_code", Map.of("code", PHRASE));
		String rotated = stepUp.json().path("session").path("token").asString();

		assertThat(this.api.get("/api/v1/me", token).status()).as("the old session id is retired").isEqualTo(401);
		assertThat(this.api.get("/api/v1/me", rotated).json().path("withdrawalsLockedUntil").isNull()).isTrue();
		assertThat(setPhrase(rotated, PHRASE, stepUp.text("proof")).status()).isEqualTo(200);
		String lockedUntil = this.api.get("/api/v1/me", rotated).text("withdrawalsLockedUntil");
		assertThat(Instant.parse(lockedUntil)).as("D10: 24 h cooldown after an anti-phishing change")
			.isEqualTo(this.clock.instant().plus(Duration.ofHours(24)));
		assertThat(setPhrase(rotated, PHRASE, stepUp.text("proof")).text("code")).as("single use")
			.isEqualTo("step_up_required");
		assertThat(this.api.post("/api/v1/me/password",
				Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", "seven quiet lanterns drift north"),
				rotated).status()).isEqualTo(200);
		assertThat(TestMail.body(TestMail.awaitSubject(email, "password was changed")))
			.startsWith("Your anti-phishing code: " + PHRASE);
	}

	@Test
	void proofWhenUsedForAnotherActionOrOtherParametersThenRefused() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response forOtherPhrase = stepUpWithPassword(token, "set_anti_phishing_code",
				Map.of("code", "other phrase"));
		String rotated = forOtherPhrase.json().path("session").path("token").asString();
		assertThat(setPhrase(rotated, PHRASE, forOtherPhrase.text("proof")).text("code")).isEqualTo("step_up_required");

		ApiClient.Response forBackupCodes = stepUpWithPassword(rotated, "regenerate_backup_codes", Map.of());
		String rotatedAgain = forBackupCodes.json().path("session").path("token").asString();
		assertThat(setPhrase(rotatedAgain, PHRASE, forBackupCodes.text("proof")).text("code"))
			.isEqualTo("step_up_required");
	}

	@Test
	void proofWhenFiveMinutesPassThenExpired() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response stepUp = stepUpWithPassword(token, "set_anti_phishing_code", Map.of("code", PHRASE));
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertThat(setPhrase(stepUp.json().path("session").path("token").asString(), PHRASE, stepUp.text("proof"))
			.text("code")).isEqualTo("step_up_required");
	}

	@Test
	void stepUpWhenAuthenticatorEnrolledThenPasswordAloneIsNotAllowed() {
		TestAccounts.Enrolment enrolment = this.accounts.startTotpEnrolment(
				this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD));
		String token = enrolment.token();
		String secret = enrolment.secret();
		this.api.post("/api/v1/me/factors/totp/" + enrolment.factorId() + "/confirm", Map.of("code", code(secret)),
				token);
		assertThat(this.api.get("/api/v1/me/step-up", token).text("requiredFactor")).isEqualTo("totp");

		ApiClient.Response downgrade = this.api.post("/api/v1/me/step-up",
				Map.of("action", "set_anti_phishing_code", "params", Map.of("code", PHRASE), "password",
						TestAccounts.PASSWORD), token);
		assertThat(downgrade.status()).isEqualTo(403);
		assertThat(downgrade.text("code")).isEqualTo("step_up_factor_not_allowed");

		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		ApiClient.Response withCode = this.api.post("/api/v1/me/step-up",
				Map.of("action", "set_anti_phishing_code", "params", Map.of("code", PHRASE), "code", code(secret)), token);
		assertThat(withCode.status()).isEqualTo(200);
	}

	@Test
	void removeTotpWhenSteppedUpWithTheAppThenFactorAndBackupCodesGoOtherSessionsEndAndOwnerIsTold() {
		String email = this.accounts.create();
		String other = this.accounts.signIn(email, TestAccounts.PASSWORD);
		TestAccounts.Enrolment enrolment = this.accounts.startTotpEnrolment(this.accounts.signIn(email, TestAccounts.PASSWORD));
		String token = enrolment.token();
		String secret = enrolment.secret();
		this.api.post("/api/v1/me/factors/totp/" + enrolment.factorId() + "/confirm", Map.of("code", code(secret)),
				token);
		assertThat(this.api.delete("/api/v1/me/factors/totp", token).text("code")).isEqualTo("step_up_required");

		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		ApiClient.Response codeOnly = this.api.post("/api/v1/me/step-up",
				Map.of("action", "remove_totp", "code", code(secret)), token);
		assertThat(codeOnly.text("code")).as("TO-07: removal needs the password too").isEqualTo("current_password_incorrect");
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up",
				Map.of("action", "remove_totp", "code", code(secret), "password", TestAccounts.PASSWORD), token);
		String rotated = stepUp.json().path("session").path("token").asString();
		ApiClient.Response removed = this.api.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + this.port + "/api/v1/me/factors/totp")).DELETE(), rotated,
				"X-Step-Up-Proof", stepUp.text("proof"));

		assertThat(removed.status()).isEqualTo(204);
		assertThat(this.api.get("/api/v1/me/factors", rotated).text("totp")).isEqualTo("none");
		assertThat(this.api.get("/api/v1/me", other).status()).as("SS-09: other sessions end").isEqualTo(401);
		assertThat(this.api.get("/api/v1/me", rotated).text("withdrawalsLockedUntil")).isNotNull();
		TestMail.awaitSubject(email, "An authenticator app was removed");
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).text("state")).isEqualTo("completed");
	}

	@Test
	void stepUpWhenParametersInvalidThenRefusedBeforeAnyFactorIsSpent() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response r = this.api.post("/api/v1/me/step-up",
				"{\"action\":\"set_anti_phishing_code\",\"params\":{\"code\":null},\"password\":\"x\"}", token);
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.text("code")).isEqualTo("step_up_params_invalid");
	}

	@Test
	void stepUpWhenPasswordGuessedRepeatedlyThenThrottled() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		for (int i = 0; i < 5; i++) {
			assertThat(this.api.post("/api/v1/me/step-up", Map.of("action", "set_anti_phishing_code", "password",
					"guess number " + i), token).text("code")).isEqualTo("current_password_incorrect");
		}
		assertThat(this.api.post("/api/v1/me/step-up", Map.of("action", "set_anti_phishing_code", "password",
				TestAccounts.PASSWORD), token).status()).isEqualTo(429);
	}

	@Test
	void stepUpWhenActionUnknownOrPasswordWrongThenRefused() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		assertThat(this.api.post("/api/v1/me/step-up", Map.of("action", "withdraw_everything", "password",
				TestAccounts.PASSWORD), token).text("code")).isEqualTo("step_up_action_unknown");
		assertThat(this.api.post("/api/v1/me/step-up", Map.of("action", "set_anti_phishing_code", "password",
				"wrong password entirely"), token).text("code")).isEqualTo("current_password_incorrect");
	}

	@Test
	void proofWhenTwentyRequestsSpendItAtOnceThenExactlyOneSucceeds() throws Exception {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response stepUp = stepUpWithPassword(token, "set_anti_phishing_code", Map.of("code", PHRASE));
		String rotated = stepUp.json().path("session").path("token").asString();
		int n = 20;
		CyclicBarrier barrier = new CyclicBarrier(n);
		List<Future<Integer>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
			for (int i = 0; i < n; i++) {
				results.add(pool.submit(() -> {
					barrier.await();
					return setPhrase(rotated, PHRASE, stepUp.text("proof")).status();
				}));
			}
			int successes = 0;
			for (Future<Integer> r : results) {
				successes += r.get() == 200 ? 1 : 0;
			}
			assertThat(successes).isEqualTo(1);
		}
	}

	@Test
	void antiPhishingCodeWhenMalformedThenRefusedBeforeAnyProofIsSpent() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		for (String bad : List.of("abc", "x".repeat(21), "<script>", "line\nbreak")) {
			assertThat(setPhrase(token, bad, "ghp_anything").text("code")).as(bad).isEqualTo("anti_phishing_code_invalid");
		}
	}

	private ApiClient.Response stepUpWithPassword(String token, String action, Map<String, String> params) {
		ApiClient.Response r = this.api.post("/api/v1/me/step-up",
				Map.of("action", action, "params", params, "password", TestAccounts.PASSWORD), token);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.text("proof")).startsWith("ghp_");
		return r;
	}

	private ApiClient.Response setPhrase(String token, String phrase, String proof) {
		return proof == null ? this.api.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + this.port + "/api/v1/me/anti-phishing-code"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + phrase + "\"}")), token)
				: this.api.send(HttpRequest.newBuilder(
						URI.create("http://127.0.0.1:" + this.port + "/api/v1/me/anti-phishing-code"))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(
							JsonMapper.builder().build()
								.writeValueAsString(Map.of("code", phrase)))), token, "X-Step-Up-Proof", proof);
	}

	private String code(String secret) {
		return Totp.code(Base32.decode(secret).orElseThrow(), Totp.step(this.clock.instant()), 6);
	}
}
