package io.gatehouse.factor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

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

/** Backup codes: BC-01..BC-05 and decision D6 of security-tests.md. */
@IntegrationTest
class BackupCodeIntegrationTests extends ApiTest {

	@Autowired
	MutableClock clock;

	@Test
	void generateWhenNoStepUpProofThenStepUpRequired() {
		Setup s = setup();
		ApiClient.Response r = this.api.post("/api/v1/me/factors/backup-codes", null, s.token());
		assertThat(r.status()).isEqualTo(401);
		assertThat(r.text("code")).isEqualTo("step_up_required");
	}

	@Test
	void generateWhenNoAuthenticatorAppThenRefused() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response r = this.api.post("/api/v1/me/factors/backup-codes", null, token);
		assertThat(r.status()).isEqualTo(409);
		assertThat(r.text("code")).isEqualTo("second_factor_required");
	}

	@Test
	void generateWhenAskedThenTenDistinctEightyBitCodesShownOnce() {
		Setup s = setup();
		assertThat(s.codes()).hasSize(10).doesNotHaveDuplicates();
		for (String code : s.codes()) {
			assertThat(code).matches("[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}");
			assertThat(Base32.decode(code.replace("-", ""))).hasValueSatisfying(b -> assertThat(b).hasSize(10));
		}
		ApiClient.Response factors = this.api.get("/api/v1/me/factors", s.token());
		assertThat(factors.json().path("backupCodesRemaining").asInt()).isEqualTo(10);
		for (String code : s.codes()) {
			assertThat(factors.body()).doesNotContain(code);
		}
	}

	@Test
	void signInWhenBackupCodeUsedThenItWorksOnceOthersStillWorkAndOwnerIsTold() {
		Setup s = setup();
		String code = s.codes().get(3);

		ApiClient.Response first = backupStep(passwordStep(s.email()), code.toLowerCase());
		ApiClient.Response again = backupStep(passwordStep(s.email()), code);
		ApiClient.Response other = backupStep(passwordStep(s.email()), s.codes().get(4));

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.text("state")).isEqualTo("completed");
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.text("code")).isEqualTo("backup_code_invalid");
		assertThat(other.status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/me/factors", s.token()).json().path("backupCodesRemaining").asInt()).isEqualTo(8);
		assertThat(TestMail.body(TestMail.awaitSubject(s.email(), "A backup code was used"))).contains("unused backup codes remain");
	}

	@Test
	void regenerateWhenAskedThenEveryOldCodeStopsWorking() {
		Setup s = setup();
		List<String> fresh = generate(s.token(), s.secret()).codes();

		assertThat(backupStep(passwordStep(s.email()), s.codes().getFirst()).status()).isEqualTo(400);
		assertThat(backupStep(passwordStep(s.email()), fresh.getFirst()).status()).isEqualTo(200);
		assertThat(new HashSet<>(fresh)).doesNotContainAnyElementsOf(s.codes());
	}

	@Test
	void useWhenTwentyFlowsRedeemOneCodeAtOnceThenExactlyOneSucceeds() throws Exception {
		Setup s = setup();
		int n = 20;
		List<String> flows = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			flows.add(passwordStep(s.email()));
		}
		CyclicBarrier barrier = new CyclicBarrier(n);
		List<Future<Integer>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
			for (String flow : flows) {
				results.add(pool.submit(() -> {
					barrier.await();
					return backupStep(flow, s.codes().getFirst()).status();
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
	void useWhenWrongBackupCodesThenTheSharedSecondFactorThrottleApplies() {
		Setup s = setup();
		String flow = passwordStep(s.email());
		for (int i = 0; i < 5; i++) {
			assertThat(backupStep(flow, "AAAA-BBBB-CCCC-DDD" + (char) ('A' + i)).text("code")).isEqualTo("backup_code_invalid");
		}
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		ApiClient.Response totp = this.api.post("/api/v1/signin/flows/" + passwordStep(s.email()) + "/totp",
				Map.of("code", Totp.code(Base32.decode(s.secret()).orElseThrow(), Totp.step(this.clock.instant()), 6)), null);
		assertThat(totp.status()).isEqualTo(429);
		assertThat(backupStep(passwordStep(s.email()), s.codes().getFirst()).status()).isEqualTo(429);
	}

	@Test
	void flowWhenAwaitingSecondFactorThenServerListsTheAllowedFactors() {
		Setup s = setup();
		String flow = passwordStep(s.email());
		assertThat(this.api.get("/api/v1/signin/flows/" + flow, null).json().path("allowedFactors").valueStream()
			.map(n -> n.asString()).toList()).containsExactly("totp", "backup_code");
	}

	private Setup setup() {
		String email = this.accounts.create();
		TestAccounts.Enrolment enrolment = this.accounts.startTotpEnrolment(this.accounts.signIn(email, TestAccounts.PASSWORD));
		String token = enrolment.token();
		String secret = enrolment.secret();
		String code = Totp.code(Base32.decode(secret).orElseThrow(), Totp.step(this.clock.instant()), 6);
		assertThat(this.api.post("/api/v1/me/factors/totp/" + enrolment.factorId() + "/confirm", Map.of("code", code),
				token).status()).isEqualTo(200);
		Generated generated = generate(token, secret);
		return new Setup(email, generated.token(), secret, generated.codes());
	}

	/** Step-up with the next authenticator code (the session rotates), then generate with the proof. */
	private Generated generate(String token, String secret) {
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		String code = Totp.code(Base32.decode(secret).orElseThrow(), Totp.step(this.clock.instant()), 6);
		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up",
				Map.of("action", "regenerate_backup_codes", "code", code), token);
		assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
		String rotated = stepUp.json().path("session").path("token").asString();
		ApiClient.Response generated = this.api.post("/api/v1/me/factors/backup-codes", null, rotated,
				"X-Step-Up-Proof", stepUp.text("proof"));
		assertThat(generated.status()).as(generated.body()).isEqualTo(201);
		return new Generated(rotated, generated.json().path("codes").valueStream().map(n -> n.asString()).toList());
	}

	record Generated(String token, List<String> codes) {
	}

	private String passwordStep(String email) {
		String flow = this.api.post("/api/v1/signin/flows", null, null).text("id");
		ApiClient.Response r = this.api.post("/api/v1/signin/flows/" + flow + "/password",
				Map.of("identifier", email, "password", TestAccounts.PASSWORD), null);
		assertThat(r.text("state")).isEqualTo("awaiting_second_factor");
		return flow;
	}

	private ApiClient.Response backupStep(String flow, String code) {
		return this.api.post("/api/v1/signin/flows/" + flow + "/backup-code", Map.of("code", code), null);
	}

	record Setup(String email, String token, String secret, List<String> codes) {
	}
}
