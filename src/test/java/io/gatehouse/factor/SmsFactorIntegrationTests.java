package io.gatehouse.factor;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.gatehouse.account.PhoneNumber;
import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS codes, the restricted second factor: phone binding behind step-up with a code, sign-in with a
 * code, resend semantics, the wrong-try and send limits, the race on one code, and the policy that
 * keeps SMS out of step-up and out of sign-in once a stronger factor exists.
 */
@IntegrationTest
class SmsFactorIntegrationTests extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void enableWhenCodeConfirmedThenPhoneBoundWarnedAndNotified() {
		String email = this.accounts.create();
		String phone = newPhone();
		String token = enable(email, phone);
		ApiClient.Response status = this.api.get("/api/v1/me/factors/sms", token);
		assertThat(status.text("status")).isEqualTo("active");
		assertThat(status.text("phone")).doesNotContain(phone.substring(4, 9));
		assertThat(status.text("warning")).contains("weakest");
		assertThat(this.jdbc.sql("select phone from accounts where email = ?").param(email).query(String.class).single())
			.isEqualTo(phone);
		TestMail.awaitSubject(email, "Sign-in by SMS code was added");
	}

	@Test
	void enableWhenNoStepUpThenRefusedAndNoCodeSent() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		String phone = newPhone();
		assertThat(this.api.post("/api/v1/me/factors/sms", Map.of("phone", phone), token).text("code"))
			.isEqualTo("step_up_required");
		assertThat(smsCount(phone)).isZero();
	}

	@Test
	void signInWhenSmsOnlyFactorThenCodeCompletesAndOtherFactorsRefused() {
		String email = this.accounts.create();
		String phone = newPhone();
		enable(email, phone);
		ApiClient.Response afterPassword = this.accounts.signInResponse(email, TestAccounts.PASSWORD);
		assertThat(afterPassword.json().path("allowedFactors").toString()).isEqualTo("[\"sms\"]");
		String flow = afterPassword.text("id");
		assertThat(this.api.post("/api/v1/signin/flows/" + flow + "/totp", Map.of("code", "123456"), null).text("code"))
			.isEqualTo("factor_not_allowed");

		String code = sendCode(flow, phone);
		for (String bad : List.of("12345", "1234567", "abcdef", "")) {
			assertThat(verify(flow, bad).text("code")).as(bad).isEqualTo("sms_code_invalid");
		}
		ApiClient.Response done = verify(flow, code.substring(0, 3) + " " + code.substring(3));
		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(done.text("state")).isEqualTo("completed");
		assertThat(verify(flow, code).status()).as("single use; the flow is over").isNotEqualTo(200);
	}

	@Test
	void resendWhenAskedThenOldCodeDiesAndWrongTriesCarryOver() {
		String email = this.accounts.create();
		String phone = newPhone();
		enable(email, phone);
		String flow = this.accounts.signInResponse(email, TestAccounts.PASSWORD).text("id");
		String first = sendCode(flow, phone);
		for (int i = 0; i < 3; i++) {
			assertThat(verify(flow, wrong(first)).text("code")).isEqualTo("sms_code_invalid");
		}
		String second = sendCode(flow, phone);
		for (int i = 0; i < 2; i++) {
			verify(flow, wrong(second));
		}
		// Past the second-factor throttle's wait (5 min), still inside the code's 10 minutes: the code itself
		// has had its five wrong tries across the resend, so even the right one is refused now.
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(verify(flow, second).text("code")).isEqualTo("sms_code_invalid");
		if (!first.equals(second)) {
			assertThat(verify(flow, first).text("code")).isIn("sms_code_invalid", "second_factor_locked");
		}
	}

	@Test
	void verifyWhenTwentyRaceOneCodeThenExactlyOneSession() throws Exception {
		String email = this.accounts.create();
		String phone = newPhone();
		enable(email, phone);
		String flow = this.accounts.signInResponse(email, TestAccounts.PASSWORD).text("id");
		String code = sendCode(flow, phone);
		assertThat(Race.successes(20, () -> verify(flow, code).status() == 200)).isEqualTo(1);
	}

	@Test
	void sendWhenDestinationLimitReachedThenRefused() {
		String email = this.accounts.create();
		String phone = newPhone();
		enable(email, phone);
		String flow = this.accounts.signInResponse(email, TestAccounts.PASSWORD).text("id");
		int accepted = 1; // the enrolment code
		ApiClient.Response r;
		do {
			r = this.api.post("/api/v1/signin/flows/" + flow + "/sms", null, null);
			accepted += r.status() == 202 ? 1 : 0;
		}
		while (r.status() == 202 && accepted < 20);
		assertThat(accepted).isEqualTo(SmsCodes.MAX_SENDS_PER_DESTINATION);
		assertThat(r.status()).isEqualTo(429);
		assertThat(r.text("code")).isEqualTo("code_send_limit");
		this.clock.advance(Duration.ofMinutes(61));
		assertThat(this.api.post("/api/v1/signin/flows/" + this.accounts.signInResponse(email, TestAccounts.PASSWORD)
			.text("id") + "/sms", null, null).status()).as("the window moves on").isEqualTo(202);
	}

	@Test
	void sendWhenTenAskAtOnceThenTheLimitStillHolds() throws Exception {
		String email = this.accounts.create();
		String phone = newPhone();
		enable(email, phone);
		String flow = this.accounts.signInResponse(email, TestAccounts.PASSWORD).text("id");
		int sent = Race.successes(10,
				() -> this.api.post("/api/v1/signin/flows/" + flow + "/sms", null, null).status() == 202);
		assertThat(sent).as("one code went out at enrolment").isEqualTo(SmsCodes.MAX_SENDS_PER_DESTINATION - 1);
	}

	@Test
	void resendWhenCodeAlreadyUsedThenRefusedAndNothingSent() {
		String email = this.accounts.create();
		String phone = newPhone();
		enable(email, phone);
		String flow = this.accounts.signInResponse(email, TestAccounts.PASSWORD).text("id");
		for (int i = 0; i < 5; i++) {
			if (i == 0) {
				sendCode(flow, phone);
			}
			verify(flow, "000000".equals(lastCode(phone)) ? "111111" : "000000");
		}
		int before = smsCount(phone);
		assertThat(this.api.post("/api/v1/signin/flows/" + flow + "/sms", null, null).text("code"))
			.isIn("sms_code_used_up", "second_factor_locked");
		assertThat(smsCount(phone)).isEqualTo(before);
	}

	@Test
	void stepUpWhenOnlySmsThenPasswordNotSmsAndStrongerFactorHidesSms() {
		String email = this.accounts.create();
		String phone = newPhone();
		String token = enable(email, phone);
		assertThat(this.api.get("/api/v1/me/step-up", token).json().path("allowedFactors").toString())
			.as("SMS never proves a sensitive action").isEqualTo("[\"password\"]");

		// Add an authenticator app: from then on SMS is not offered at sign-in.
		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up",
				Map.of("action", "enrol_totp", "password", TestAccounts.PASSWORD), token);
		String rotated = stepUp.json().path("session").path("token").asString();
		ApiClient.Response started = this.api.post("/api/v1/me/factors/totp", null, rotated, "X-Step-Up-Proof",
				stepUp.text("proof"));
		byte[] secret = Base32.decode(started.text("secret")).orElseThrow();
		assertThat(this.api.post("/api/v1/me/factors/totp/" + started.text("factorId") + "/confirm",
				Map.of("code", Totp.code(secret, Totp.step(this.clock.instant()), 6)), rotated).status()).isEqualTo(200);
		ApiClient.Response afterPassword = this.accounts.signInResponse(email, TestAccounts.PASSWORD);
		assertThat(afterPassword.json().path("allowedFactors").toString()).isEqualTo("[\"totp\"]");
		assertThat(this.api.post("/api/v1/signin/flows/" + afterPassword.text("id") + "/sms", null, null).text("code"))
			.isEqualTo("factor_not_allowed");
	}

	// ---- helpers ----

	/** Signs in, steps up, turns SMS on with the code sent to {@code phone}; returns the session token. */
	private String enable(String email, String phone) {
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up",
				Map.of("action", "enable_sms", "password", TestAccounts.PASSWORD), token);
		assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
		String rotated = stepUp.json().path("session").path("token").asString();
		ApiClient.Response started = this.api.post("/api/v1/me/factors/sms", Map.of("phone", phone), rotated,
				"X-Step-Up-Proof", stepUp.text("proof"));
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		assertThat(started.text("warning")).contains("weakest");
		String code = Await.until("the enrolment SMS to " + phone, Duration.ofSeconds(10),
				() -> Optional.of(smsCount(phone)).filter(n -> n > 0)) > 0 ? lastCode(phone) : "";
		ApiClient.Response confirmed = this.api.post("/api/v1/me/factors/sms/confirm", Map.of("code", code), rotated);
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		return rotated;
	}

	private ApiClient.Response verify(String flow, String code) {
		return this.api.post("/api/v1/signin/flows/" + flow + "/sms/verify", Map.of("code", code), null);
	}

	private String lastCode(String phone) {
		return Await.until("an SMS to " + phone, Duration.ofSeconds(10),
				() -> this.jdbc.sql("select body from dev_mailbox where destination = ? and channel = 'SMS' "
						+ "and body like 'Gatehouse code: %' order by id desc")
					.param(phone)
					.query(String.class)
					.list()
					.stream()
					.findFirst()
					.map(b -> b.replaceAll("(?s).*code: (\\d{6}).*", "$1")));
	}

	private int smsCount(String phone) {
		// Only the code messages: the same number also gets notices (factor added, new sign-in).
		return this.jdbc.sql("select count(*) from dev_mailbox where destination = ? and channel = 'SMS' "
				+ "and body like 'Gatehouse code: %'")
			.param(phone)
			.query(Integer.class)
			.single();
	}

	private static String wrong(String code) {
		return code.equals("000000") ? "111111" : "000000";
	}

	/** A random UK mobile number that libphonenumber accepts, unique enough for one test run. */
	private static String newPhone() {
		while (true) {
			String candidate = "+447911" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
			if (PhoneNumber.parse(candidate).isPresent()) {
				return candidate;
			}
		}
	}

	/** Asks for this flow's code and reads the new SMS (the outbox delivers it a moment later). */
	private String sendCode(String flow, String phone) {
		int before = smsCount(phone);
		ApiClient.Response sent = this.api.post("/api/v1/signin/flows/" + flow + "/sms", null, null);
		assertThat(sent.status()).as(sent.body()).isEqualTo(202);
		Await.until("SMS number " + (before + 1) + " to " + phone, Duration.ofSeconds(10),
				() -> Optional.of(smsCount(phone)).filter(n -> n > before));
		return lastCode(phone);
	}
}
