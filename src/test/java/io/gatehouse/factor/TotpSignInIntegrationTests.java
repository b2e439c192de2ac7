package io.gatehouse.factor;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Authenticator apps: TO-02..TO-08, LG-09 and LG-10 of security-tests.md, through the JSON API. */
@IntegrationTest
class TotpSignInIntegrationTests extends ApiTest {

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TotpService totpFactors;

	@Test
	void enrolWhenConfirmedWithACurrentCodeThenActiveSecretNeverShownAgainAndOwnerNotified() {
		String email = this.accounts.create();
		String firstToken = this.accounts.signIn(email, TestAccounts.PASSWORD);
		assertThat(this.api.post("/api/v1/me/factors/totp", null, firstToken).text("code")).as("adding a factor needs step-up")
			.isEqualTo("step_up_required");

		TestAccounts.Enrolment enrolment = this.accounts.startTotpEnrolment(firstToken);
		String token = enrolment.token();
		ApiClient.Response started = enrolment.response();
		String secret = started.text("secret");
		assertThat(Base32.decode(secret)).hasValueSatisfying(b -> assertThat(b).hasSize(20));
		assertThat(started.text("otpauthUri")).startsWith("otpauth://totp/Gatehouse%3A").contains("secret=" + secret);
		String factorId = started.text("factorId");

		assertThat(confirm(token, factorId, "000000").text("code")).isIn("totp_code_invalid");
		assertThat(confirm(token, factorId, code(secret, 0)).text("status")).isEqualTo("active");

		ApiClient.Response factors = this.api.get("/api/v1/me/factors", token);
		assertThat(factors.text("totp")).isEqualTo("active");
		assertThat(factors.body()).doesNotContain(secret);
		assertThat(this.api.post("/api/v1/me/factors/totp", null, token).text("code")).isEqualTo("totp_already_enrolled");
		byte[] stored = this.jdbc.sql("select secret_ciphertext from factors where id = ?::uuid").param(factorId)
			.query(byte[].class).single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
		TestMail.awaitSubject(email, "An authenticator app was added");
	}

	@Test
	void signInWhenTotpEnrolledThenPasswordAloneGrantsNothingAndTheCodeCompletesIt() {
		Enrolled a = enrolled();

		ApiClient.Response afterPassword = passwordStep(a.email());

		assertThat(afterPassword.status()).isEqualTo(200);
		assertThat(afterPassword.text("state")).isEqualTo("awaiting_second_factor");
		assertThat(afterPassword.text("next")).isEqualTo("second_factor");
		assertThat(afterPassword.json().path("allowedFactors").toString()).isEqualTo("[\"totp\"]");
		assertThat(afterPassword.json().path("step").asInt()).isEqualTo(2);
		assertThat(afterPassword.json().path("totalSteps").asInt()).isEqualTo(2);
		assertThat(afterPassword.json().has("session")).isFalse();
		String flow = afterPassword.text("id");
		for (String path : List.of("/api/v1/me", "/api/v1/me/sessions", "/api/v1/me/events")) {
			assertThat(this.api.get(path, flow).status()).as("LG-09 %s with the flow id", path).isEqualTo(401);
		}
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		ApiClient.Response done = totpStep(flow, code(a.secret(), 0));

		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(done.text("state")).isEqualTo("completed");
		assertThat(this.api.get("/api/v1/me", done.json().path("session").path("token").asString()).status())
			.isEqualTo(200);
	}

	@Test
	void totpWhenCodeReusedInANewFlowThenRefusedAndRecordedAsReuse() {
		Enrolled a = enrolled();
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		String code = code(a.secret(), 0);
		assertThat(totpStep(passwordStep(a.email()).text("id"), code).status()).isEqualTo(200);

		ApiClient.Response replay = totpStep(passwordStep(a.email()).text("id"), code);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.text("code")).isEqualTo("totp_code_invalid");
		assertThat(this.jdbc.sql("select count(*) from security_events where account_id = ?::uuid and type = 'authn_token_reuse'")
			.param(a.accountId()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void totpWhenTwoStepsOldOrAheadThenRefusedAndOneStepEitherSideAccepted() {
		Enrolled a = enrolled();
		this.clock.advance(Duration.ofSeconds(5 * Totp.STEP_SECONDS));
		assertThat(totpStep(passwordStep(a.email()).text("id"), code(a.secret(), -2)).status()).isEqualTo(400);
		assertThat(totpStep(passwordStep(a.email()).text("id"), code(a.secret(), 2)).status()).isEqualTo(400);
		assertThat(totpStep(passwordStep(a.email()).text("id"), code(a.secret(), -1)).status()).isEqualTo(200);
		assertThat(totpStep(passwordStep(a.email()).text("id"), code(a.secret(), 1)).status()).isEqualTo(200);
		// After T+1 was used, the high-water mark refuses T even though it is fresh (TO-04).
		assertThat(totpStep(passwordStep(a.email()).text("id"), code(a.secret(), 0)).status()).isEqualTo(400);
	}

	@Test
	void totpWhenCodeMalformedThenRefusedAndSpacesTolerated() {
		Enrolled a = enrolled();
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		String flow = passwordStep(a.email()).text("id");
		// Four malformed codes: each is refused and counted (TO-08); a fifth would start the wait.
		for (String bad : List.of("12345", "1234567", "abcdef", "12345x")) {
			assertThat(totpStep(flow, bad).status()).as(bad).isEqualTo(400);
		}
		String code = code(a.secret(), 0);
		assertThat(totpStep(flow, code.substring(0, 3) + " " + code.substring(3)).status()).isEqualTo(200);
	}

	@Test
	void totpWhenTwentyFlowsSubmitOneValidCodeAtOnceThenExactlyOneSucceeds() throws Exception {
		Enrolled a = enrolled();
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		int n = 20;
		List<String> flows = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			flows.add(passwordStep(a.email()).text("id"));
		}
		String code = code(a.secret(), 0);
		CyclicBarrier barrier = new CyclicBarrier(n);
		List<Future<Integer>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
			for (String flow : flows) {
				results.add(pool.submit(() -> {
					barrier.await();
					return totpStep(flow, code).status();
				}));
			}
			int successes = 0;
			for (Future<Integer> r : results) {
				successes += r.get() == 200 ? 1 : 0;
			}
			assertThat(successes).isEqualTo(1);
		}
	}

	/** A code from a clock 5 minutes behind: refused and counted, and the message says the clock is off. */
	@Test
	void codeWhenTheDeviceClockIsMinutesOffThenRefusedCountedAndTheMessageSaysBy() {
		Enrolled a = enrolled();
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));

		ApiClient.Response behind = oneRequest(a.email(), TestAccounts.PASSWORD, code(a.secret(), -10));
		ApiClient.Response wrong = oneRequest(a.email(), TestAccounts.PASSWORD, "000000".equals(code(a.secret(), 0))
				? "111111" : "000000");

		assertThat(behind.status()).isEqualTo(400);
		assertThat(behind.text("code")).isEqualTo("totp_code_invalid");
		assertThat(behind.text("detail")).contains("clock seems about 5 minutes behind");
		assertThat(wrong.text("detail")).contains("sets its date and time automatically")
			.doesNotContain("seems about");
		assertThat(failures(a.accountId())).as("both counted").isEqualTo(2);
	}

	@Test
	void oneRequestWhenPasswordAndCodeComeTogetherThenSignedInAndTheStepSpentElseTheSecondStepsAnswer() {
		Enrolled a = enrolled();
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		String code = code(a.secret(), 0);

		ApiClient.Response wrongCode = oneRequest(a.email(), TestAccounts.PASSWORD, code(a.secret(), 3));
		assertThat(wrongCode.status()).isEqualTo(400);
		assertThat(wrongCode.text("code")).isEqualTo("totp_code_invalid");
		assertThat(wrongCode.body()).doesNotContain("ghs_");
		assertThat(failures(a.accountId())).as("counted like any second-factor failure").isEqualTo(1);
		ApiClient.Response wrongPassword = oneRequest(a.email(), "not-the-password-1", code);
		assertThat(wrongPassword.status()).isEqualTo(401);
		assertThat(wrongPassword.text("code")).as("the code is not even looked at").isEqualTo("invalid_credentials");

		ApiClient.Response done = oneRequest(a.email(), TestAccounts.PASSWORD, code);
		assertThat(done.status()).as(done.body()).isEqualTo(201);
		assertThat(done.text("state")).isEqualTo("completed");
		assertThat(done.json().path("step").asInt()).isEqualTo(2);
		assertThat(done.json().path("totalSteps").asInt()).isEqualTo(2);
		assertThat(this.api.get("/api/v1/me", done.json().path("session").path("token").asString()).status())
			.isEqualTo(200);
		assertThat(failures(a.accountId())).as("a success clears the streak").isZero();
		assertThat(this.jdbc.sql("""
				select string_agg(coalesce(factor, '-'), ',' order by id) from security_events
				 where account_id = ?::uuid and type in ('sign_in_password_verified', 'second_factor_failed', 'sign_in_succeeded')
				   and id > (select max(id) from security_events where account_id = ?::uuid and type = 'factor_enrolled')""")
			.params(a.accountId(), a.accountId()).query(String.class).single())
			.as("the wrong code's try, then the success by password and app").endsWith(",totp");

		ApiClient.Response replay = oneRequest(a.email(), TestAccounts.PASSWORD, code);
		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.text("code")).isEqualTo("totp_code_invalid");
		ApiClient.Response passwordOnly = oneRequest(a.email(), TestAccounts.PASSWORD, null);
		assertThat(passwordOnly.text("state")).as("without the code, the second step waits as ever")
			.isEqualTo("awaiting_second_factor");
		assertThat(oneRequest(a.email(), TestAccounts.PASSWORD, " ").text("state")).as("a blank code is no code")
			.isEqualTo("awaiting_second_factor");
		assertThat(failures(a.accountId())).as("and no failure").isEqualTo(1);
	}

	@Test
	void oneRequestWhenTwentySendPasswordAndTheSameCodeAtOnceThenExactlyOneSession() throws Exception {
		Enrolled a = enrolled();
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		String code = code(a.secret(), 0);
		int sessionsBefore = sessions(a.accountId());

		int signedIn = Race.successes(20,
				() -> oneRequest(a.email(), TestAccounts.PASSWORD, code).status() == 201);

		assertThat(signedIn).isEqualTo(1);
		assertThat(sessions(a.accountId()) - sessionsBefore).isEqualTo(1);
	}

	@Test
	void enrolWhenTenStartsRaceThenOnePendingSetUpRemains() throws Exception {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		UUID account = UUID.fromString(this.api.get("/api/v1/me", token).text("id"));
		int n = 10;
		CyclicBarrier barrier = new CyclicBarrier(n);
		List<Future<TotpService.EnrolmentResult>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
			for (int i = 0; i < n; i++) {
				results.add(pool.submit(() -> {
					barrier.await();
					return this.totpFactors.start(account, "race@example.com");
				}));
			}
			for (Future<TotpService.EnrolmentResult> r : results) {
				r.get();
			}
		}
		assertThat(this.jdbc.sql("select count(*) from factors where account_id = ? and status = 'PENDING'")
			.param(account).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void passwordWhenResubmittedOnAFlowAwaitingTheSecondFactorThenWrongStepAndTheFlowIsUntouched() {
		Enrolled a = enrolled();
		String flow = passwordStep(a.email()).text("id");
		String other = this.accounts.create();

		ApiClient.Response again = this.api.post("/api/v1/signin/flows/" + flow + "/password",
				Map.of("identifier", other, "password", TestAccounts.PASSWORD), null);

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("code")).isEqualTo("flow_wrong_step");
		assertThat(this.api.get("/api/v1/signin/flows/" + flow, null).text("state")).isEqualTo("awaiting_second_factor");
	}

	@Test
	void totpWhenThirtyWrongGuessesArriveAtOnceThenOnlyTheFreeFiveAreEvenTried() throws Exception {
		Enrolled a = enrolled();
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		int n = 30;
		List<String> flows = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			flows.add(passwordStep(a.email()).text("id"));
		}
		String wrong = code(a.secret(), 0).equals("000000") ? "111111" : "000000";
		CyclicBarrier barrier = new CyclicBarrier(n);
		List<Future<Integer>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
			for (int i = 0; i < n; i++) {
				String flow = flows.get(i % flows.size());
				results.add(pool.submit(() -> {
					barrier.await();
					return totpStep(flow, wrong).status();
				}));
			}
			int tried = 0;
			for (Future<Integer> r : results) {
				tried += r.get() == 429 ? 0 : 1;
			}
			assertThat(tried).as("attempts that reached the code comparison").isEqualTo(5);
		}
	}

	@Test
	void totpWhenFiveWrongCodesThenANewFlowIsStillThrottledUntilTheWaitPasses() {
		Enrolled a = enrolled();
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		String first = passwordStep(a.email()).text("id");
		String wrong = code(a.secret(), 0).equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 5; i++) {
			assertThat(totpStep(first, wrong).text("code")).isEqualTo("totp_code_invalid");
		}

		assertThat(TestMail.body(TestMail.awaitSubject(a.email(), "Your password was used, but the second step failed")))
			.contains("change it now");
		assertThat(TestMail.to(a.email(), 10, Duration.ZERO).stream()
			.filter(m -> TestMail.subject(m).contains("second step failed")).count()).as("once per streak").isEqualTo(1);

		ApiClient.Response locked = totpStep(passwordStep(a.email()).text("id"), code(a.secret(), 0));
		assertThat(locked.status()).isEqualTo(429);
		assertThat(locked.text("code")).isEqualTo("second_factor_locked");

		this.clock.advance(Duration.ofMinutes(5).plusSeconds(Totp.STEP_SECONDS));
		assertThat(totpStep(passwordStep(a.email()).text("id"), code(a.secret(), 0)).status()).isEqualTo(200);
	}

	private Enrolled enrolled() {
		String email = this.accounts.create();
		TestAccounts.Enrolment enrolment = this.accounts.startTotpEnrolment(this.accounts.signIn(email, TestAccounts.PASSWORD));
		String token = enrolment.token();
		String secret = enrolment.secret();
		assertThat(confirm(token, enrolment.factorId(), code(secret, 0)).status()).isEqualTo(200);
		return new Enrolled(email, secret, this.api.get("/api/v1/me", token).text("id"));
	}

	private ApiClient.Response confirm(String token, String factorId, String code) {
		return this.api.post("/api/v1/me/factors/totp/" + factorId + "/confirm", Map.of("code", code), token);
	}

	private ApiClient.Response passwordStep(String email) {
		String flow = this.api.post("/api/v1/signin/flows", null, null).text("id");
		return this.api.post("/api/v1/signin/flows/" + flow + "/password",
				Map.of("identifier", email, "password", TestAccounts.PASSWORD), null);
	}

	/** The one-round-trip form: the flow started with the password and, when given, the app's code. */
	private ApiClient.Response oneRequest(String email, String password, @Nullable String code) {
		Map<String, String> body = new HashMap<>(Map.of("identifier", email, "password", password));
		if (code != null) {
			body.put("totpCode", code);
		}
		return this.api.post("/api/v1/signin/flows", body, null);
	}

	private int failures(String accountId) {
		return this.jdbc.sql("select coalesce(max(consecutive), 0) from factor_failures where account_id = ?::uuid")
			.param(accountId).query(Integer.class).single();
	}

	private int sessions(String accountId) {
		return this.jdbc.sql("select count(*) from sessions where account_id = ?::uuid").param(accountId)
			.query(Integer.class).single();
	}

	private ApiClient.Response totpStep(String flow, String code) {
		return this.api.post("/api/v1/signin/flows/" + flow + "/totp", Map.of("code", code), null);
	}

	/** The code an authenticator app shows now, {@code offset} steps away. */
	private String code(String secret, int offset) {
		return Totp.code(Base32.decode(secret).orElseThrow(), Totp.step(this.clock.instant()) + offset, 6);
	}

	record Enrolled(String email, String secret, String accountId) {
	}
}
