package io.gatehouse.account;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.account.SignUpService.VerifyResult;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-up with a verification code: EN-02, OB-01, OB-02, OB-04, OB-05 of security-tests.md. */
@IntegrationTest
class SignUpIntegrationTests {

	static final RequestContext CONTEXT = RequestContext.of(ClientIp.of("192.0.2.10"), "test");

	@LocalServerPort
	int port;

	@Autowired
	SignUpService signUps;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	ApiClient api;

	@BeforeEach
	void setUp() {
		this.api = new ApiClient(this.port);
	}

	@Test
	void signUpWhenNewEmailThenCodeArrivesBySmtpAndVerifyCreatesAccount() {
		String email = TestAccounts.newEmail();
		ApiClient.Response started = start(email);

		assertThat(started.status()).isEqualTo(202);
		assertThat(started.text("destination")).isEqualTo(email.charAt(0) + "***@example.com");
		String code = TestMail.latestCode(email, 1);
		assertThat(TestMail.subject(TestMail.to(email, 1).getFirst())).isEqualTo("Your Gatehouse verification code");
		ApiClient.Response verified = verify(started.text("registrationId"), code);
		assertThat(verified.status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from accounts where email = ?").param(email).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void signUpWhenIdentifierAlreadyHasAccountThenSameAnswerAndOwnerGetsNoticeWithoutCode() {
		TestAccounts accounts = new TestAccounts(this.api);
		String email = accounts.create();

		ApiClient.Response again = start(email.toUpperCase());
		ApiClient.Response fresh = start(TestAccounts.newEmail());

		assertThat(again.status()).isEqualTo(fresh.status()).isEqualTo(202);
		assertThat(again.json().propertyNames()).isEqualTo(fresh.json().propertyNames());
		assertThat(again.text("next")).isEqualTo(fresh.text("next"));
		List<MimeMessage> mail = TestMail.to(email, 2);
		assertThat(mail).hasSize(2);
		String notice = TestMail.body(mail.get(1));
		assertThat(notice).contains("Someone tried to create a new Gatehouse account").doesNotContainPattern("\\n\\s+\\d{6}\\s*\\n");
		assertThat(verify(again.text("registrationId"), "000000").text("code")).isEqualTo("code_invalid");

		// Resending on the decoy answers like a real resend and tells the owner again; still no code.
		assertThat(this.api.post("/api/v1/registrations/" + again.text("registrationId") + "/resend", null, null).status())
			.isEqualTo(202);
		assertThat(TestMail.to(email, 3)).hasSize(3);
		assertThat(TestMail.body(TestMail.to(email, 3).get(2))).contains("Someone tried to create a new Gatehouse account");
	}

	@Test
	void verifyWhenFiveWrongCodesThenEvenTheRightCodeIsRefused() {
		String email = TestAccounts.newEmail();
		String id = start(email).text("registrationId");
		String code = TestMail.latestCode(email, 1);
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 5; i++) {
			assertThat(verify(id, wrong).text("code")).isEqualTo("code_invalid");
		}

		assertThat(verify(id, code).status()).isEqualTo(400);
	}

	@Test
	void resendWhenAskedThenOldCodeDiesNewWorksAndWrongAttemptsAreKept() {
		String email = TestAccounts.newEmail();
		String id = start(email).text("registrationId");
		String first = TestMail.latestCode(email, 1);
		for (int i = 0; i < 4; i++) {
			verify(id, "99999" + i);
		}
		assertThat(this.api.post("/api/v1/registrations/" + id + "/resend", null, null).status()).isEqualTo(202);
		String second = TestMail.latestCode(email, 2);
		if (!first.equals(second)) {
			assertThat(verify(id, first).status()).isEqualTo(400);
		}
		// Four wrong tries before the resend, one (possibly) just now: the counter survived the resend.
		assertThat(this.jdbc.sql("select wrong_attempts from registrations where id = ?::uuid").param(id)
			.query(Integer.class).single()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void verifyWhenTenMinutesPassedThenRefused() {
		String email = TestAccounts.newEmail();
		String id = start(email).text("registrationId");
		String code = TestMail.latestCode(email, 1);

		this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));

		assertThat(verify(id, code).text("code")).isEqualTo("code_invalid");
	}

	@Test
	void verifyWhenCodeMalformedThenRefusedAndCounted() {
		String email = TestAccounts.newEmail();
		String id = start(email).text("registrationId");
		TestMail.latestCode(email, 1);
		for (String bad : List.of("", "12345", "1234567", "12 34 56", "٠١٢٣٤٥")) {
			assertThat(verify(id, bad).status()).as(bad).isEqualTo(400);
		}
		assertThat(this.jdbc.sql("select wrong_attempts from registrations where id = ?::uuid").param(id)
			.query(Integer.class).single()).isEqualTo(5);
		// The registration is now dead: further tries are refused without counting past the limit.
		assertThat(verify(id, "abcdef").status()).isEqualTo(400);
	}

	@Test
	void verifyWhenTwentyParallelRedemptionsOfOneCodeThenExactlyOneSucceeds() throws Exception {
		String email = TestAccounts.newEmail();
		UUID id = UUID.fromString(start(email).text("registrationId"));
		String code = TestMail.latestCode(email, 1);
		int n = 20;
		CyclicBarrier barrier = new CyclicBarrier(n);
		List<Future<VerifyResult>> results = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
			for (int i = 0; i < n; i++) {
				results.add(pool.submit(() -> {
					barrier.await();
					return this.signUps.verify(id, code, CONTEXT);
				}));
			}
			long verified = 0;
			for (Future<VerifyResult> r : results) {
				if (r.get() instanceof VerifyResult.Verified) {
					verified++;
				}
			}
			assertThat(verified).isEqualTo(1);
		}
		assertThat(this.jdbc.sql("select count(*) from accounts where email = ?").param(email).query(Long.class).single())
			.isEqualTo(1);
	}

	@Test
	void signUpWhenPhoneThenCodeGoesBySmsPort() {
		String phone = "+4479111" + String.format("%05d", (System.nanoTime() / 1000) % 100_000);
		ApiClient.Response started = this.api.post("/api/v1/registrations",
				Map.of("identifier", phone, "password", TestAccounts.PASSWORD, "country", "GB"), null);
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		assertThat(started.text("channel")).isEqualTo("phone");
		String body = awaitSms(phone);
		String code = body.replaceAll(".*code: (\\d{6}).*", "$1");
		assertThat(verify(started.text("registrationId"), code).status()).isEqualTo(200);
	}

	private String awaitSms(String phone) {
		return Await.until("an SMS to " + phone, Duration.ofSeconds(10),
				() -> this.jdbc.sql("select body from dev_mailbox where destination = ? and channel = 'SMS' order by id desc")
					.param(phone)
					.query(String.class)
					.list()
					.stream()
					.findFirst()
					.map(b -> b.replace('\n', ' ')));
	}

	private ApiClient.Response start(String email) {
		return this.api.post("/api/v1/registrations",
				Map.of("identifier", email, "password", TestAccounts.PASSWORD, "country", "GB"), null);
	}

	private ApiClient.Response verify(String registrationId, String code) {
		return this.api.post("/api/v1/registrations/" + registrationId + "/verification", Map.of("code", code), null);
	}
}
