package io.gatehouse.account;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.gatehouse.account.PhoneNumber;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.Browserless;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;
import io.gatehouse.testsupport.ThroughTrustedProxy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Changing the email address or phone number (PRODUCT.md 1.7; security-tests.md SU-05, OB-08, RP-04, CS-01):
 * step-up bound to the new address, a code to the new address, the change only after it, a notice with a
 * revert link to the old address, revert during the hold, a 24 h hold and withdrawal cooldown.
 */
@ThroughTrustedProxy
class ContactChangeIntegrationTests extends ApiTest {

	private static final Pattern REVERT = Pattern.compile("(http\\S+/contact/revert\\?token=(ghu_[A-Za-z0-9_-]{43}))");

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private static final AtomicInteger NETWORKS = new AtomicInteger();

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	private static String freshIp() {
		int n = NETWORKS.incrementAndGet();
		return "100.66." + (n % 250) + "." + (1 + n / 250 % 250);
	}

	@Test
	void emailChangeWhenCodeFromTheNewAddressComesBackThenChangedAndTheOldAddressGetsARevertLink() {
		String oldEmail = this.accounts.create();
		String newEmail = TestAccounts.newEmail();
		assertThat(this.api.post("/api/v1/password-resets", Map.of("identifier", oldEmail), null, "X-Forwarded-For",
				freshIp()).status()).isEqualTo(202);
		String resetToken = resetToken(oldEmail);
		String session = this.accounts.signIn(oldEmail, TestAccounts.PASSWORD);

		String rotated = start(session, "email", newEmail);

		assertThat(email(oldEmail)).as("nothing changes before the code comes back").isEqualTo(oldEmail);
		String code = code(newEmail);
		ApiClient.Response confirmed = confirm(rotated, "email", code);
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		assertThat(confirmed.text("status")).isEqualTo("changed");
		assertThat(confirmed.text("heldUntil")).isNotBlank();

		assertThat(this.accounts.signInResponse(newEmail, TestAccounts.PASSWORD).status()).isEqualTo(200);
		assertThat(this.accounts.signInResponse(oldEmail, TestAccounts.PASSWORD).status()).isEqualTo(401);
		String notice = TestMail.body(TestMail.awaitSubject(oldEmail, "email address was changed"));
		assertThat(notice).contains("/contact/revert?token=ghu_").doesNotContain(newEmail).contains("/freeze?token=");
		assertThat(this.api.post("/api/v1/password-resets/confirm", Map.of("token", resetToken, "newPassword",
				"seven quiet lanterns drift north"), null, "X-Forwarded-For", freshIp()).text("code"))
			.as("RP-04: an email change kills outstanding reset links").isEqualTo("reset_invalid");
		assertThat(events(newEmail)).contains("contact_change_started", "email_changed", "security_cooldown_started");
		assertThat(this.jdbc.sql("""
				select details from security_events e join accounts a on a.id = e.account_id
				where a.email = ? and e.type = 'email_changed'""").param(newEmail).query(String.class).single())
			.as("the log holds masked addresses only").doesNotContain(newEmail).doesNotContain(oldEmail);
	}

	@Test
	void emailChangeWhenProofMissingOrForAnotherAddressThenRefusedAndNothingSent() {
		String email = this.accounts.create();
		String session = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String wanted = TestAccounts.newEmail();

		ApiClient.Response noProof = this.api.put("/api/v1/me/contact/email", Map.of("value", wanted), session,
				"X-Forwarded-For", freshIp());
		assertThat(noProof.status()).isEqualTo(401);
		assertThat(noProof.text("code")).isEqualTo("step_up_required");

		ApiClient.Response stepUp = stepUp(session, "change_email", Map.of("email", TestAccounts.newEmail()));
		session = stepUp.json().path("session").path("token").asString();
		ApiClient.Response otherAddress = this.api.put("/api/v1/me/contact/email", Map.of("value", wanted), session,
				"X-Step-Up-Proof", stepUp.text("proof"), "X-Forwarded-For", freshIp());
		assertThat(otherAddress.text("code")).as("SU-02: the proof is bound to the new address").isEqualTo("step_up_required");

		assertThat(this.api.put("/api/v1/me/contact/email", Map.of("value", "not an email"), session).text("code"))
			.isEqualTo("contact_invalid");
		assertThat(this.api.put("/api/v1/me/contact/email", Map.of("value", "+447911123456"), session).text("code"))
			.isEqualTo("contact_invalid");
		assertThat(this.api.put("/api/v1/me/contact/fax", Map.of("value", wanted), session).text("code"))
			.isEqualTo("contact_kind_invalid");
		assertThat(this.api.put("/api/v1/me/contact/email", Map.of("value", email), session).text("code"))
			.isEqualTo("contact_unchanged");
		assertThat(this.api.put("/api/v1/me/contact/email", "{\"value\":", session).status()).isEqualTo(400);
		assertThat(TestMail.to(wanted, 0)).isEmpty();
	}

	@Test
	void confirmWhenFiveWrongCodesThenTheChangeStopsAndTheRightCodeNoLongerWorks() {
		String email = this.accounts.create();
		String newEmail = TestAccounts.newEmail();
		String rotated = start(this.accounts.signIn(email, TestAccounts.PASSWORD), "email", newEmail);
		String code = code(newEmail);
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 4; i++) {
			assertThat(confirm(rotated, "email", wrong).text("code")).isEqualTo("contact_code_invalid");
		}
		assertThat(confirm(rotated, "email", wrong).text("code")).isEqualTo("contact_code_attempts_exhausted");
		assertThat(confirm(rotated, "email", code).text("code")).isEqualTo("contact_change_invalid");
		assertThat(email(email)).isEqualTo(email);
	}

	@Test
	void confirmWhenAnotherSessionOfTheSameAccountTriesThenRefused() {
		String email = this.accounts.create();
		String newEmail = TestAccounts.newEmail();
		start(this.accounts.signIn(email, TestAccounts.PASSWORD), "email", newEmail);
		String other = this.accounts.signIn(email, TestAccounts.PASSWORD);
		assertThat(confirm(other, "email", code(newEmail)).text("code"))
			.as("OB-03: the code is bound to the session that asked").isEqualTo("contact_change_invalid");
		assertThat(email(email)).isEqualTo(email);
	}

	@Test
	void confirmWhenTwentyAtOnceThenExactlyOneChangesTheAddress() throws Exception {
		String email = this.accounts.create();
		String newEmail = TestAccounts.newEmail();
		String rotated = start(this.accounts.signIn(email, TestAccounts.PASSWORD), "email", newEmail);
		String code = code(newEmail);

		int changed = Race.successes(20, () -> confirm(rotated, "email", code).status() == 200);

		assertThat(changed).isEqualTo(1);
		assertThat(events(newEmail).split(",")).containsOnlyOnce("email_changed");
	}

	@Test
	void revertLinkWhenUsedThenOldAddressBackEverySessionEndsAndTheAddressIsHeld() throws Exception {
		String oldEmail = this.accounts.create();
		Changed changed = changeEmail(oldEmail);
		String newEmail = changed.newEmail();
		String rotated = changed.session();
		String token = changed.revertToken();

		ApiClient.Response opened = this.api.get("/contact/revert?token=" + token, null, "X-Forwarded-For", freshIp());
		assertThat(opened.status()).isEqualTo(302);
		assertThat(opened.header("Location")).endsWith("/contact/revert").doesNotContain("ghu_");
		assertThat(opened.header("Cache-Control")).isEqualTo("no-store");
		assertThat(opened.headers().get("set-cookie")).anySatisfy(c -> assertThat(c).startsWith("__Host-gh_revert=")
			.contains("HttpOnly").contains("Secure").contains("SameSite=Strict"));
		assertThat(email(oldEmail)).as("opening the link changes nothing").isNull();

		int reverted = Race.successes(20, () -> this.api.post("/api/v1/contact/revert", Map.of("token", token), null,
				"X-Forwarded-For", freshIp()).status() == 200);

		assertThat(reverted).as("the revert link works once").isEqualTo(1);
		assertThat(email(oldEmail)).isEqualTo(oldEmail);
		assertThat(this.api.get("/api/v1/me", rotated).status()).as("every session ends").isEqualTo(401);
		assertThat(this.accounts.signInResponse(newEmail, TestAccounts.PASSWORD).status()).isEqualTo(401);
		assertThat(events(oldEmail)).contains("contact_change_reverted", "api_keys_suspended");
		assertThat(TestMail.body(TestMail.awaitSubject(oldEmail, "was undone"))).contains("is the email address");
		assertThat(this.api.post("/api/v1/contact/revert", Map.of("token", token), null, "X-Forwarded-For", freshIp())
			.text("code")).isEqualTo("contact_revert_invalid");
		assertThat(this.jdbc.sql("select count(*) from security_events where type = 'contact_revert_link_refused'")
			.query(Integer.class).single()).as("refused links are logged").isPositive();

		String session = this.accounts.signIn(oldEmail, TestAccounts.PASSWORD);
		String again = TestAccounts.newEmail();
		ApiClient.Response held = this.api.put("/api/v1/me/contact/email", Map.of("value", again), session);
		assertThat(held.status()).isEqualTo(409);
		assertThat(held.text("code")).as("a reverted thief cannot change it straight back").isEqualTo("contact_change_cooldown");
		assertThat(held.header("Retry-After")).isNotNull();
	}

	@Test
	void revertLinkWhenTheWindowHasPassedThenRefusedAndTheNewAddressStays() {
		String oldEmail = this.accounts.create();
		Changed changed = changeEmail(oldEmail);
		String newEmail = changed.newEmail();
		String rotated = changed.session();
		String token = changed.revertToken();
		Duration dayAfter = Duration.ofHours(25);
		this.clock.advance(dayAfter);
		try {
			String session = this.accounts.signIn(newEmail, TestAccounts.PASSWORD);
			assertThat(this.api.put("/api/v1/me/contact/email", Map.of("value", TestAccounts.newEmail()), session)
				.text("code")).as("held while the revert link works, not just for the cooldown")
				.isEqualTo("contact_change_cooldown");
		}
		finally {
			this.clock.advance(dayAfter.negated());
		}
		Duration past = Duration.ofHours(72).plusSeconds(1);
		this.clock.advance(past);
		try {
			assertThat(this.api.post("/api/v1/contact/revert", Map.of("token", token), null, "X-Forwarded-For",
					freshIp()).text("code")).isEqualTo("contact_revert_invalid");
			assertThat(email(newEmail)).isEqualTo(newEmail);
			String session = this.accounts.signIn(newEmail, TestAccounts.PASSWORD);
			String next = TestAccounts.newEmail();
			assertThat(this.api.put("/api/v1/me/contact/email", Map.of("value", next), session).text("code"))
				.as("after the hold, changing again only needs step-up").isEqualTo("step_up_required");
		}
		finally {
			this.clock.advance(past.negated());
		}
	}

	@Test
	void revertLinkWhenTheOldAddressWentToAnotherAccountThenTheAccountIsFrozenInstead() {
		String oldEmail = this.accounts.create();
		Changed changed = changeEmail(oldEmail);
		String newEmail = changed.newEmail();
		String rotated = changed.session();
		String token = changed.revertToken();
		// Someone else signs up with the address the owner left.
		ApiClient.Response signUp = this.api.post("/api/v1/registrations",
				Map.of("identifier", oldEmail, "password", "another person entirely chose this", "country", "GB"), null);
		Matcher code = CODE.matcher(TestMail.body(TestMail.awaitSubject(oldEmail, "verification code", 2)));
		assertThat(code.find()).isTrue();
		assertThat(this.api.post("/api/v1/registrations/" + signUp.text("registrationId") + "/verification",
				Map.of("code", code.group(1)), null).status()).isEqualTo(200);

		ApiClient.Response reverted = this.api.post("/api/v1/contact/revert", Map.of("token", token), null,
				"X-Forwarded-For", freshIp());

		assertThat(reverted.status()).isEqualTo(409);
		assertThat(reverted.text("code")).isEqualTo("contact_revert_address_taken");
		assertThat(this.jdbc.sql("select status from accounts where email = ?").param(newEmail).query(String.class)
			.single()).isEqualTo("FROZEN");
		assertThat(this.api.get("/api/v1/me", rotated).status()).isEqualTo(401);
		assertThat(this.api.post("/api/v1/contact/revert", Map.of("token", token), null, "X-Forwarded-For", freshIp())
			.text("code")).as("the link is spent").isEqualTo("contact_revert_invalid");
	}

	@Test
	void emailChangeWhenTheNewAddressIsAnotherAccountsThenTheAnswerIsTheSameAndItsOwnerIsTold() {
		String email = this.accounts.create();
		String taken = this.accounts.create();
		String rotated = start(this.accounts.signIn(email, TestAccounts.PASSWORD), "email", taken);

		assertThat(TestMail.body(TestMail.awaitSubject(taken, "tried to use your address")))
			.contains("nothing was sent to them");
		assertThat(TestMail.to(taken, 1, Duration.ZERO).stream().map(TestMail::subject))
			.noneMatch(s -> s.contains("change your"));
		assertThat(confirm(rotated, "email", "123456").text("code")).isEqualTo("contact_code_invalid");
		assertThat(email(email)).isEqualTo(email);
		assertThat(events(taken)).contains("contact_claim_attempted");
	}

	@Test
	void phoneChangeWhenConfirmedThenSmsCodesGoToTheNewNumberAndTheOldOneIsTold() {
		String email = this.accounts.create();
		String oldPhone = newPhone();
		String newPhone = newPhone();
		String session = this.accounts.signIn(email, TestAccounts.PASSWORD);
		ApiClient.Response stepUp = stepUp(session, "enable_sms", Map.of());
		String rotated = stepUp.json().path("session").path("token").asString();
		assertThat(this.api.post("/api/v1/me/factors/sms", Map.of("phone", oldPhone), rotated, "X-Step-Up-Proof",
				stepUp.text("proof")).status()).isEqualTo(202);
		assertThat(this.api.post("/api/v1/me/factors/sms/confirm", Map.of("code", sms(oldPhone, "Gatehouse code: ")),
				rotated).status()).isEqualTo(200);

		String changing = start(rotated, "phone", newPhone);
		assertThat(confirm(changing, "phone", sms(newPhone, "account's phone number: ")).status()).isEqualTo(200);

		assertThat(this.jdbc.sql("select a.phone || ' ' || f.phone from accounts a join sms_factors f on f.account_id = a.id where a.email = ?")
			.param(email).query(String.class).single()).as("OB-08: SMS codes follow the new number")
			.isEqualTo(newPhone + " " + newPhone);
		assertThat(Await.until("the notice to the old number", Duration.ofSeconds(10),
				() -> this.jdbc.sql("select body from dev_mailbox where destination = ? and body like '%was changed%'")
					.param(oldPhone).query(String.class).optional())).contains("/contact/revert?token=ghu_");
		assertThat(TestMail.body(TestMail.awaitSubject(email, "phone number was changed"))).contains("/contact/revert?token=");
	}

	@Test
	void webEmailChangeWhenCrossSiteThenForbiddenAndFromTheSamePageItWorks() {
		String email = this.accounts.create();
		String newEmail = TestAccounts.newEmail();
		Browserless browser = new Browserless(this.port);
		browser.signIn(email, TestAccounts.PASSWORD);
		Map<String, String> change = Map.of("value", newEmail, "password", TestAccounts.PASSWORD);

		ApiClient.Response forged = browser.post("/account/contact/email", change, "Origin", "https://evil.tld",
				"Sec-Fetch-Site", "cross-site");
		assertThat(forged.status()).as("CS-01").isEqualTo(403);
		assertThat(events(email)).contains("malicious_csrf").doesNotContain("contact_change_started");

		ApiClient.Response page = browser.get("/account/contact");
		assertThat(page.body()).contains("Email and phone").contains(email);
		Map<String, String> form = new LinkedHashMap<>(Browserless.hiddenFields(page));
		form.putAll(change);
		ApiClient.Response sent = browser.post("/account/contact/email", form, "X-Forwarded-For", freshIp());
		assertThat(sent.status()).as(sent.body()).isEqualTo(302);
		assertThat(sent.header("Location")).contains("/account/contact?sent=email");
		ApiClient.Response waiting = browser.get("/account/contact");
		assertThat(waiting.body()).contains("We sent a code to");
		Map<String, String> confirm = new LinkedHashMap<>(Browserless.hiddenFields(waiting));
		confirm.put("code", code(newEmail));
		ApiClient.Response done = browser.post("/account/contact/email/confirm", confirm);
		assertThat(done.header("Location")).contains("/account/contact?changed=email");
		assertThat(email(newEmail)).isEqualTo(newEmail);
	}

	// ---- helpers ----

	/** The email change done and confirmed, the revert link read from the old address's notice. */
	private record Changed(String newEmail, String session, String revertToken) {
	}

	private Changed changeEmail(String oldEmail) {
		String newEmail = TestAccounts.newEmail();
		String rotated = start(this.accounts.signIn(oldEmail, TestAccounts.PASSWORD), "email", newEmail);
		assertThat(confirm(rotated, "email", code(newEmail)).status()).isEqualTo(200);
		return new Changed(newEmail, rotated, revertToken(oldEmail));
	}

	private ApiClient.Response stepUp(String session, String action, Map<String, String> params) {
		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up",
				Map.of("action", action, "params", params, "password", TestAccounts.PASSWORD), session);
		assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
		return stepUp;
	}

	/** Steps up for the new address and starts the change; returns the rotated session that holds it. */
	private String start(String session, String kind, String value) {
		ApiClient.Response stepUp = stepUp(session, "change_" + kind,
				Map.of(kind, kind.equals("phone") ? PhoneNumber.parse(value).orElseThrow().value() : value));
		String rotated = stepUp.json().path("session").path("token").asString();
		ApiClient.Response started = this.api.put("/api/v1/me/contact/" + kind, Map.of("value", value), rotated,
				"X-Step-Up-Proof", stepUp.text("proof"), "X-Forwarded-For", freshIp());
		assertThat(started.status()).as(started.body()).isEqualTo(202);
		assertThat(started.text("status")).isEqualTo("code_sent");
		assertThat(started.text("sentTo")).contains("*");
		return rotated;
	}

	private ApiClient.Response confirm(String session, String kind, String code) {
		return this.api.post("/api/v1/me/contact/" + kind + "/confirm", Map.of("code", code), session);
	}

	private static String code(String email) {
		Matcher m = CODE.matcher(TestMail.body(TestMail.awaitSubject(email, "change your Gatehouse email")));
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	private static String revertToken(String email) {
		Matcher m = REVERT.matcher(TestMail.body(TestMail.awaitSubject(email, "email address was changed")));
		assertThat(m.find()).isTrue();
		return m.group(2);
	}

	private static String resetToken(String email) {
		Matcher m = Pattern.compile("reset-password\\?token=(ghr_[A-Za-z0-9_-]{43})")
			.matcher(TestMail.body(TestMail.awaitSubject(email, "Reset your Gatehouse password")));
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	private @org.jspecify.annotations.Nullable String email(String lookup) {
		return this.jdbc.sql("select email from accounts where email = ?").param(lookup).query(String.class).optional()
			.orElse(null);
	}

	private String events(String email) {
		return String.join(",", this.jdbc.sql("""
				select e.type from security_events e join accounts a on a.id = e.account_id where a.email = ?
				order by e.id""")
			.param(email)
			.query(String.class)
			.list());
	}

	/** The 6 digits after {@code prefix} in the newest SMS to {@code phone} (the outbox delivers a moment later). */
	private String sms(String phone, String prefix) {
		return Await.until("an SMS to " + phone, Duration.ofSeconds(10),
				() -> this.jdbc.sql("select body from dev_mailbox where destination = ? and channel = 'SMS' "
						+ "and body like ? order by id desc")
					.params(phone, "%" + prefix + "%")
					.query(String.class)
					.list()
					.stream()
					.findFirst()
					.map(b -> b.substring(b.indexOf(prefix) + prefix.length()).substring(0, 6)));
	}

	private static String newPhone() {
		while (true) {
			String candidate = "+447911" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
			if (PhoneNumber.parse(candidate).isPresent()) {
				return candidate;
			}
		}
	}
}
