package io.gatehouse.recovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.gatehouse.account.PhoneNumber;
import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;
import io.gatehouse.testsupport.ThroughTrustedProxy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forgot password (PRODUCT.md 1.7) against security-tests.md B8, over HTTP through the trusted proxy so that
 * each test speaks from a network of its own (the reset budget is 5 per address and hour here).
 */
@ThroughTrustedProxy
class PasswordResetIntegrationTests extends ApiTest {

	private static final Pattern LINK = Pattern.compile("(http\\S+/reset-password\\?token=(ghr_[A-Za-z0-9_-]{43}))");

	private static final String NEW_PASSWORD = "seven quiet lanterns drift north";

	private static final AtomicInteger NETWORKS = new AtomicInteger();

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	/** An address in a /24 of its own, in the shared address space (never placed by geo). */
	static String freshIp() {
		int n = NETWORKS.incrementAndGet();
		return "100.64." + (n % 250) + "." + (1 + n / 250 % 250);
	}

	@Test
	void rp01RequestWhenAccountExistsOrNotThenSameAnswerAndOnlyTheOwnerGetsALink() {
		String email = this.accounts.create();
		String unknown = TestAccounts.newEmail();
		ApiClient.Response known = request(email, freshIp());
		ApiClient.Response none = request(unknown, freshIp());
		assertThat(known.status()).isEqualTo(202);
		assertThat(none.status()).isEqualTo(known.status());
		assertThat(none.body()).isEqualTo(known.body());
		assertThat(token(email, 1)).startsWith("ghr_");
		drained();
		assertThat(this.jdbc.sql("select count(*) from outbox where destination = ?").param(unknown)
			.query(Integer.class).single()).as("nothing queued for an address without an account").isZero();
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status())
			.as("a request changes nothing and locks nothing").isEqualTo(200);
	}

	@Test
	void rp01RequestsWhenManyForOneAccountThenAtMostFiveMessagesAnHourWhoeverAsks() {
		String email = this.accounts.create();
		for (int i = 0; i < 8; i++) {
			assertThat(request(email, freshIp()).status()).isEqualTo(202);
		}
		assertThat(token(email, 5)).startsWith("ghr_");
		drained();
		assertThat(this.jdbc.sql("""
				select count(*) from security_events e join accounts a on a.id = e.account_id
				 where a.email = ? and e.type = 'password_reset_requested'""")
			.param(email)
			.query(Integer.class)
			.single()).isEqualTo(5);
	}

	@Test
	void rp08HostHeaderPoisoningWhenRequestedThenTheLinkUsesTheConfiguredOrigin() throws IOException {
		String email = this.accounts.create();
		String body = "{\"identifier\":\"" + email + "\"}";
		String answer = raw("POST /api/v1/password-resets HTTP/1.1\r\nHost: evil.tld\r\nX-Forwarded-Host: evil.tld\r\n"
				+ "X-Forwarded-For: " + freshIp() + "\r\nContent-Type: application/json\r\nContent-Length: "
				+ body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body);
		assertThat(answer).startsWith("HTTP/1.1 202");
		Matcher link = LINK.matcher(TestMail.body(TestMail.awaitSubject(email, "Reset your Gatehouse password")));
		assertThat(link.find()).isTrue();
		assertThat(link.group(1)).startsWith("http://localhost:" + this.port + "/reset-password?token=")
			.doesNotContain("evil.tld");
	}

	@Test
	void rp03TokenRaceWhenTwentyResetsWithOneTokenThenExactlyOneAndItsPasswordWins() throws Exception {
		String email = this.accounts.create();
		request(email, freshIp());
		String token = token(email, 1);
		List<String> winners = Collections.synchronizedList(new ArrayList<>());
		AtomicInteger n = new AtomicInteger();
		int successes = Race.successes(20, () -> {
			String password = "violet tractor number " + n.incrementAndGet() + " hums";
			boolean ok = confirm(Map.of("token", token, "newPassword", password), freshIp()).status() == 200;
			if (ok) {
				winners.add(password);
			}
			return ok;
		});
		assertThat(successes).isEqualTo(1);
		assertThat(this.accounts.signInResponse(email, winners.getFirst()).status()).isEqualTo(200);
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status()).isEqualTo(401);
		assertThat(confirm(Map.of("token", token, "newPassword", NEW_PASSWORD), freshIp()).text("code"))
			.as("spent").isEqualTo("reset_invalid");
	}

	@Test
	void rp04NewerTokenKillsTheOlderAndAPasswordChangeKillsAll() {
		String email = this.accounts.create();
		String ip = freshIp();
		request(email, ip);
		String first = token(email, 1);
		request(email, ip);
		String second = token(email, 2);
		assertThat(second).isNotEqualTo(first);
		assertThat(confirm(Map.of("token", first, "newPassword", NEW_PASSWORD), freshIp()).text("code"))
			.isEqualTo("reset_invalid");

		String session = this.accounts.signIn(email, TestAccounts.PASSWORD);
		assertThat(this.api.post("/api/v1/me/password",
				Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", NEW_PASSWORD), session).status())
			.isEqualTo(200);
		assertThat(confirm(Map.of("token", second, "newPassword", "another fine password here"), freshIp())
			.text("code")).as("a password change kills outstanding tokens").isEqualTo("reset_invalid");
	}

	@Test
	void rp05AndRp06ResetWhenDoneThenNoSessionAllSessionsEndedCooldownApiKeysSuspendedAndTheFactorStillAsked() {
		String email = this.accounts.create();
		TestAccounts.Enrolment enrolment = this.accounts.startTotpEnrolment(this.accounts.signIn(email, TestAccounts.PASSWORD));
		String session = enrolment.token();
		assertThat(this.api.post("/api/v1/me/factors/totp/" + enrolment.factorId() + "/confirm",
				Map.of("code", totp(enrolment.secret(), 0)), session).status()).isEqualTo(200);

		request(email, freshIp());
		ApiClient.Response done = confirm(Map.of("token", token(email, 1), "newPassword", NEW_PASSWORD), freshIp());
		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(done.text("next")).isEqualTo("sign_in");
		assertThat(done.json().path("session").isMissingNode()).as("no automatic sign-in").isTrue();
		assertThat(this.api.get("/api/v1/me", session).status()).as("every session ended").isEqualTo(401);

		ApiClient.Response signIn = this.accounts.signInResponse(email, NEW_PASSWORD);
		assertThat(signIn.status()).isEqualTo(200);
		assertThat(signIn.text("next")).as("the second factor is still asked").isEqualTo("second_factor");
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		ApiClient.Response completed = this.api.post("/api/v1/signin/flows/" + signIn.text("id") + "/totp",
				Map.of("code", totp(enrolment.secret(), 0)), null);
		String fresh = completed.json().path("session").path("token").asString();
		assertThat(Instant.parse(this.api.get("/api/v1/me", fresh).text("withdrawalsLockedUntil")))
			.isAfterOrEqualTo(this.clock.instant().plus(Duration.ofHours(23)));
		assertThat(events(email)).contains("password_reset", "api_keys_suspended", "security_cooldown_started");
		assertThat(TestMail.body(TestMail.awaitSubject(email, "password was reset"))).contains("signed out")
			.contains("API keys are suspended");
	}

	@Test
	void rp07LinkWhenOpenedThenTheTokenLeavesTheAddressBarAndNothingIsCachedOrReferred() {
		String email = this.accounts.create();
		request(email, freshIp());
		String token = token(email, 1);
		ApiClient.Response opened = this.api.get("/reset-password?token=" + token, null);
		assertThat(opened.status()).isEqualTo(302);
		assertThat(opened.header("Location")).endsWith("/reset-password").doesNotContain(token);
		assertThat(opened.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(opened.header("Cache-Control")).contains("no-store");
		assertThat(opened.headers().get("set-cookie").toString()).contains("__Host-gh_reset=" + token)
			.contains("HttpOnly")
			.contains("SameSite=Strict");
		ApiClient.Response form = this.api.get("/reset-password", null, "Cookie", "__Host-gh_reset=" + token);
		assertThat(form.status()).isEqualTo(200);
		assertThat(form.body()).contains("New password").doesNotContain(token);
		assertThat(form.header("Cache-Control")).contains("no-store");
		assertThat(form.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(form.body()).doesNotContain("https://");
	}

	@Test
	void rp09TokenOfOneAccountWithAnotherIdentifierThenOnlyTheTokensAccountChanges() {
		String a = this.accounts.create();
		String b = this.accounts.create();
		request(a, freshIp());
		ApiClient.Response done = confirm(Map.of("token", token(a, 1), "identifier", b, "code", "123456",
				"newPassword", NEW_PASSWORD), freshIp());
		assertThat(done.status()).isEqualTo(200);
		assertThat(this.accounts.signInResponse(b, TestAccounts.PASSWORD).status()).as("B unchanged").isEqualTo(200);
		assertThat(this.accounts.signInResponse(a, NEW_PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void rp10InvalidTokensWhenManyFromOneAddressThen429AndNoOracleBetweenNeverUsedAndExpired() {
		String email = this.accounts.create();
		request(email, freshIp());
		String used = token(email, 1);
		assertThat(confirm(Map.of("token", used, "newPassword", NEW_PASSWORD), freshIp()).status()).isEqualTo(200);
		String email2 = this.accounts.create();
		request(email2, freshIp());
		String expiring = token(email2, 1);
		this.clock.advance(Duration.ofMinutes(31));

		String ip = freshIp();
		ApiClient.Response never = confirm(Map.of("token", "ghr_" + "A".repeat(43), "newPassword", NEW_PASSWORD), ip);
		ApiClient.Response spent = confirm(Map.of("token", used, "newPassword", NEW_PASSWORD), ip);
		ApiClient.Response expired = confirm(Map.of("token", expiring, "newPassword", NEW_PASSWORD), ip);
		ApiClient.Response malformed = confirm(Map.of("token", "not a token", "newPassword", NEW_PASSWORD), ip);
		for (ApiClient.Response r : List.of(never, spent, expired, malformed)) {
			assertThat(r.status()).isEqualTo(400);
			assertThat(r.body()).isEqualTo(never.body());
		}
		confirm(Map.of("token", "ghr_" + "B".repeat(43), "newPassword", NEW_PASSWORD), ip);
		ApiClient.Response limited = confirm(Map.of("token", "ghr_" + "C".repeat(43), "newPassword", NEW_PASSWORD), ip);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Retry-After")).isNotNull();
	}

	@Test
	void resetWhenTheAccountWasFrozenSinceTheRequestThenRefusedAndNothingChanges() {
		String email = this.accounts.create();
		request(email, freshIp());
		String token = token(email, 1);
		this.jdbc.sql("update accounts set status = 'FROZEN' where email = ?").param(email).update();
		assertThat(confirm(Map.of("token", token, "newPassword", NEW_PASSWORD), freshIp()).text("code"))
			.isEqualTo("reset_invalid");
		this.jdbc.sql("update accounts set status = 'ACTIVE' where email = ?").param(email).update();
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status()).as("password unchanged")
			.isEqualTo(200);
	}

	@Test
	void newPasswordWhenWeakOrReusedThenRefusedAndTheTokenStillWorks() {
		String email = this.accounts.create();
		request(email, freshIp());
		String token = token(email, 1);
		assertThat(confirm(Map.of("token", token, "newPassword", "password1"), freshIp()).status()).isEqualTo(422);
		assertThat(confirm(Map.of("token", token, "newPassword", TestAccounts.PASSWORD), freshIp()).text("code"))
			.isEqualTo("password_same_as_current");
		assertThat(confirm(Map.of("token", token, "newPassword", NEW_PASSWORD), freshIp()).status()).isEqualTo(200);
	}

	@Test
	void phoneOnlyAccountWhenResetThenACodeByTextMessageWithFiveTriesAtMost() {
		String phone = newPhone();
		ApiClient.Response started = this.api.post("/api/v1/registrations",
				Map.of("identifier", phone, "password", TestAccounts.PASSWORD, "country", "GB"), null);
		assertThat(started.status()).isEqualTo(202);
		String signUpCode = sms(phone, "Gatehouse code: ", 1);
		assertThat(this.api.post("/api/v1/registrations/" + started.text("registrationId") + "/verification",
				Map.of("code", signUpCode), null).status()).isEqualTo(200);

		request(phone, freshIp());
		String code = sms(phone, "Gatehouse password reset code: ", 1);
		String wrong = code.equals("000000") ? "111111" : "000000";
		String ip = freshIp();
		for (int i = 0; i < 4; i++) {
			assertThat(confirm(Map.of("identifier", phone, "code", wrong, "newPassword", NEW_PASSWORD), ip).text("code"))
				.isEqualTo("reset_invalid");
		}
		ApiClient.Response done = confirm(Map.of("identifier", phone, "code", code, "newPassword", NEW_PASSWORD),
				freshIp());
		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(this.accounts.signInResponse(phone, NEW_PASSWORD).status()).isEqualTo(200);

		request(phone, freshIp());
		String next = sms(phone, "Gatehouse password reset code: ", 2);
		String wrong2 = next.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 5; i++) {
			confirm(Map.of("identifier", phone, "code", wrong2, "newPassword", "violet anchors drift home"), freshIp());
		}
		assertThat(confirm(Map.of("identifier", phone, "code", next, "newPassword", "violet anchors drift home"),
				freshIp()).text("code")).as("five wrong codes end it").isEqualTo("reset_invalid");
	}

	/** Waits until every queued reset request has been handled. */
	private void drained() {
		Await.until("the reset queue handled", Duration.ofSeconds(10), () -> Optional.of(true)
			.filter(x -> this.jdbc.sql("select count(*) from password_reset_requests").query(Integer.class).single() == 0));
	}

	private ApiClient.Response request(String identifier, String ip) {
		return this.api.post("/api/v1/password-resets", Map.of("identifier", identifier), null, "X-Forwarded-For", ip);
	}

	private ApiClient.Response confirm(Map<String, String> body, String ip) {
		return this.api.post("/api/v1/password-resets/confirm", body, null, "X-Forwarded-For", ip);
	}

	/** The token of the {@code nth} reset email to {@code email}. */
	private static String token(String email, int nth) {
		Matcher m = LINK.matcher(TestMail.body(TestMail.awaitSubject(email, "Reset your Gatehouse password", nth)));
		assertThat(m.find()).isTrue();
		return m.group(2);
	}

	private String events(String email) {
		return String.join(",", this.jdbc.sql("""
				select e.type from security_events e join accounts a on a.id = e.account_id where a.email = ?""")
			.param(email)
			.query(String.class)
			.list());
	}

	private String totp(String secret, int offset) {
		return Totp.code(Base32.decode(secret).orElseThrow(), Totp.step(this.clock.instant()) + offset, 6);
	}

	/** The {@code nth} SMS to {@code phone} that starts with {@code prefix}: the 6 digits after it. */
	private String sms(String phone, String prefix, int nth) {
		return Await.until(nth + " SMS '" + prefix + "' to " + phone, Duration.ofSeconds(10), () -> {
			List<String> bodies = this.jdbc.sql("select body from dev_mailbox where destination = ? and body like ? order by id")
				.params(phone, prefix + "%")
				.query(String.class)
				.list();
			return bodies.size() >= nth ? Optional.of(bodies.get(nth - 1).substring(prefix.length(),
					prefix.length() + 6)) : Optional.empty();
		});
	}

	private static String newPhone() {
		while (true) {
			String candidate = "+447911" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
			if (PhoneNumber.parse(candidate).isPresent()) {
				return candidate;
			}
		}
	}

	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			return answer.toString(StandardCharsets.UTF_8);
		}
	}
}
