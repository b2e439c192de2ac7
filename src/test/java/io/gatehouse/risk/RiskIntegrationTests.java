package io.gatehouse.risk;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
 * Sign-in risk (PRODUCT.md 1.6, LG-13) over HTTP through the trusted proxy. The fixture places
 * 198.51.100/24 (AS64496) and 198.19/16 (AS64511) in Germany, 192.0.2/24 in Japan; 198.18.200/24 is an
 * anonymiser range in these tests. Default policies: impossible travel → second factor, confirmation and
 * alert; score ≥ 40 → second factor (confirmation when there is none) and alert; a new device → alert.
 */
@ThroughTrustedProxy
class RiskIntegrationTests extends ApiTest {

	static final String GERMANY = "198.51.100.7";

	static final String GERMANY_OTHER_NETWORK = "198.19.8.8";

	static final String JAPAN = "192.0.2.44";

	static final String ANONYMIZER = "198.18.200.9";

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private static final String PHRASE = "blue heron";

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void lg13ImpossibleTravelWhenNewDeviceAndNewCountryThenConfirmationAlertWithAntiPhishingCodeAndEvent() {
		String email = this.accounts.create();
		setAntiPhishingCode(email);
		String device = completed(signIn(email, GERMANY, null)).path("session").path("deviceToken").asString();
		assertThat(device).isNotBlank();

		// Minutes later, from Japan, on a browser that never signed in.
		this.clock.advance(Duration.ofMinutes(20));
		ApiClient.Response fromJapan = signIn(email, JAPAN, null);
		assertThat(fromJapan.status()).as(fromJapan.body()).isEqualTo(200);
		assertThat(fromJapan.text("next")).isEqualTo("confirmation");
		assertThat(fromJapan.json().path("session").isMissingNode()).as("no session before the confirmation").isTrue();
		assertThat(fromJapan.json().path("step").asInt()).isEqualTo(2);
		assertThat(fromJapan.json().path("totalSteps").asInt()).isEqualTo(2);

		MimeMessage confirm = TestMail.awaitSubject(email, "Confirm your sign-in");
		String body = TestMail.body(confirm);
		assertThat(body).startsWith("Your anti-phishing code: " + PHRASE).contains("IP:       " + JAPAN)
			.contains("Japan (JP)")
			.contains("too far from your last sign-in")
			.contains("a country you have not signed in from lately");
		assertThat(latestEvent(email, "authn_impossible_travel")).contains("\"from\":\"DE\"", "\"to\":\"JP\"");
		assertThat(latestEvent(email, "risk_assessed")).contains("impossible_travel", "new_country", "new_device",
				"\"policy\":\"impossible-travel\"", "email_confirmation");

		ApiClient.Response confirmed = confirm(fromJapan.text("id"), code(body), JAPAN);
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		assertThat(confirmed.json().path("session").path("token").asString()).startsWith("ghs_");
		String alert = TestMail.body(TestMail.awaitSubject(email, "Unusual sign-in"));
		assertThat(alert).startsWith("Your anti-phishing code: " + PHRASE).contains("When:").contains(JAPAN)
			.contains("Japan (JP)")
			.contains("Device:");
	}

	@Test
	void newCountryWhenTravelWasPossibleThenConfirmationWithoutImpossibleTravel() {
		String email = this.accounts.create();
		String device = completed(signIn(email, GERMANY, null)).path("session").path("deviceToken").asString();
		this.clock.advance(Duration.ofHours(30));
		ApiClient.Response fromJapan = signIn(email, JAPAN, device);
		assertThat(fromJapan.text("next")).isEqualTo("confirmation");
		String assessed = latestEvent(email, "risk_assessed");
		assertThat(assessed).contains("new_country", "\"policy\":\"elevated\"").doesNotContain("impossible_travel")
			.doesNotContain("new_device");
		assertThat(eventCount(email, "authn_impossible_travel")).isZero();
	}

	@Test
	void knownDeviceAndCountryWhenSigningInThenNoExtraStepAndNoAlert() {
		String email = this.accounts.create();
		String device = completed(signIn(email, GERMANY, null)).path("session").path("deviceToken").asString();
		// Alerts are queued in the sign-in's own transaction, so the outbox tells at once.
		assertThat(alertsQueued(email)).as("a new device is told").isEqualTo(1);
		this.clock.advance(Duration.ofHours(2));
		ApiClient.Response again = signIn(email, GERMANY, device);
		assertThat(again.json().path("session").path("token").asString()).startsWith("ghs_");
		assertThat(latestEvent(email, "risk_assessed")).contains("\"score\":\"0\"", "\"policy\":\"\"");
		assertThat(alertsQueued(email)).as("nothing to tell").isEqualTo(1);
	}

	private int alertsQueued(String email) {
		return this.jdbc.sql("select count(*) from outbox where destination = ? and template = 'new-device-sign-in'")
			.param(email)
			.query(Integer.class)
			.single();
	}

	@Test
	void newNetworkWhenSameCountryThenOnlyTheNetworkSignal() {
		String email = this.accounts.create();
		String device = completed(signIn(email, GERMANY, null)).path("session").path("deviceToken").asString();
		this.clock.advance(Duration.ofHours(1));
		completed(signIn(email, GERMANY_OTHER_NETWORK, device));
		assertThat(latestEvent(email, "risk_assessed")).contains("\"signals\":\"new_asn\"", "\"asn\":\"64511\"");
	}

	@Test
	void longInactivityWhenSigningInAgainThenSignalLogged() {
		String email = this.accounts.create();
		String device = completed(signIn(email, GERMANY, null)).path("session").path("deviceToken").asString();
		this.clock.advance(Duration.ofDays(91));
		completed(signIn(email, GERMANY, device));
		assertThat(latestEvent(email, "risk_assessed")).contains("\"signals\":\"long_inactivity\"");
	}

	@Test
	void confirmationCodeWhenWrongFiveTimesThenEvenTheRightOneIsRefused() {
		String email = this.accounts.create();
		completed(signIn(email, GERMANY, null));
		this.clock.advance(Duration.ofMinutes(5));
		ApiClient.Response flow = signIn(email, JAPAN, null);
		String code = code(TestMail.body(TestMail.awaitSubject(email, "Confirm your sign-in")));
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 5; i++) {
			ApiClient.Response refused = confirm(flow.text("id"), wrong, JAPAN);
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.text("code")).isEqualTo("confirmation_invalid");
		}
		assertThat(confirm(flow.text("id"), code, JAPAN).status()).isEqualTo(401);
		assertThat(confirm(flow.text("id"), "not a code", JAPAN).status()).isEqualTo(401);
	}

	@Test
	void confirmationCodeWhenExpiredThenRefusedAndAResendReplacesIt() {
		String email = this.accounts.create();
		completed(signIn(email, GERMANY, null));
		this.clock.advance(Duration.ofMinutes(5));
		ApiClient.Response flow = signIn(email, JAPAN, null);
		String first = code(TestMail.body(TestMail.awaitSubject(email, "Confirm your sign-in")));
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(confirm(flow.text("id"), first, JAPAN).status()).as("ten minutes").isEqualTo(401);
		ApiClient.Response resent = this.api.post("/api/v1/signin/flows/" + flow.text("id") + "/confirmation/resend",
				null, null, "X-Forwarded-For", JAPAN);
		assertThat(resent.status()).as(resent.body()).isEqualTo(202);
		String second = Await.until("a second code", Duration.ofSeconds(10), () -> {
			List<String> codes = confirmationCodes(email);
			return codes.size() >= 2 ? Optional.of(codes.getLast()) : Optional.empty();
		});
		assertThat(confirm(flow.text("id"), second, JAPAN).status()).isEqualTo(200);
	}

	@Test
	void confirmationCodeWhenSubmittedTwentyTimesAtOnceThenExactlyOneSession() throws Exception {
		String email = this.accounts.create();
		completed(signIn(email, GERMANY, null));
		this.clock.advance(Duration.ofMinutes(5));
		ApiClient.Response flow = signIn(email, JAPAN, null);
		String code = code(TestMail.body(TestMail.awaitSubject(email, "Confirm your sign-in")));
		int sessions = Race.successes(20, () -> confirm(flow.text("id"), code, JAPAN).status() == 200);
		assertThat(sessions).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				select count(*) from sessions s join accounts a on a.id = s.account_id where a.email = ?""")
			.param(email)
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void confirmationCodesWhenSomeoneWithThePasswordKeepsTryingThenAtMostFivePerHour() {
		String email = this.accounts.create();
		completed(signIn(email, GERMANY, null));
		this.clock.advance(Duration.ofMinutes(5));
		for (int i = 0; i < 8; i++) {
			ApiClient.Response flow = signIn(email, JAPAN, null);
			assertThat(flow.text("next")).as("the answer stays the same").isEqualTo("confirmation");
		}
		assertThat(eventCount(email, "sign_in_confirmation_requested")).isEqualTo(5);
		this.clock.advance(Duration.ofMinutes(61));
		assertThat(signIn(email, JAPAN, null).text("next")).isEqualTo("confirmation");
		assertThat(eventCount(email, "sign_in_confirmation_requested")).as("a new hour").isEqualTo(6);
	}

	@Test
	void confirmationStepWhenAnotherStepIsCalledThenWrongStep() {
		String email = this.accounts.create();
		completed(signIn(email, GERMANY, null));
		this.clock.advance(Duration.ofMinutes(5));
		ApiClient.Response flow = signIn(email, JAPAN, null);
		ApiClient.Response totp = this.api.post("/api/v1/signin/flows/" + flow.text("id") + "/totp",
				Map.of("code", "123456"), null, "X-Forwarded-For", JAPAN);
		assertThat(totp.status()).isEqualTo(409);
		ApiClient.Response password = this.api.post("/api/v1/signin/flows/" + flow.text("id") + "/password",
				Map.of("identifier", email, "password", TestAccounts.PASSWORD), null, "X-Forwarded-For", JAPAN);
		assertThat(password.text("code")).isEqualTo("flow_wrong_step");
	}

	@Test
	void anonymizerNetworkWhenNoCaptchaThenRequiredBeforeTheIdentifierIsLookedAt() {
		String email = this.accounts.create();
		ApiClient.Response known = signIn(email, ANONYMIZER, null);
		ApiClient.Response unknown = signIn(TestAccounts.newEmail(), ANONYMIZER, null);
		assertThat(known.status()).isEqualTo(428);
		assertThat(known.text("code")).isEqualTo("captcha_required");
		assertThat(unknown.status()).isEqualTo(known.status());
		assertThat(unknown.body()).isEqualTo(known.body());
	}

	private ApiClient.Response signIn(String identifier, String ip, @Nullable String deviceToken) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("identifier", identifier);
		body.put("password", TestAccounts.PASSWORD);
		if (deviceToken != null) {
			body.put("deviceToken", deviceToken);
		}
		ApiClient.Response r = this.api.post("/api/v1/signin/flows", body, null, "X-Forwarded-For", ip);
		// A flow that starts with its password step answers 201 whatever comes next.
		return r.status() == 201 ? new ApiClient.Response(200, r.headers(), r.body()) : r;
	}

	private static JsonNode completed(ApiClient.Response r) {
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.json().path("session").path("token").asString()).as(r.body()).startsWith("ghs_");
		return r.json();
	}

	private ApiClient.Response confirm(String flowId, String code, String ip) {
		return this.api.post("/api/v1/signin/flows/" + flowId + "/confirmation", Map.of("code", code), null,
				"X-Forwarded-For", ip);
	}

	private static String code(String body) {
		Matcher m = CODE.matcher(body);
		assertThat(m.find()).as(body).isTrue();
		return m.group(1);
	}

	private static List<String> confirmationCodes(String email) {
		return TestMail.to(email, 0).stream()
			.filter(m -> TestMail.subject(m).contains("Confirm your sign-in"))
			.map(m -> code(TestMail.body(m)))
			.toList();
	}

	private String latestEvent(String email, String type) {
		return this.jdbc.sql("""
				select e.details from security_events e join accounts a on a.id = e.account_id
				 where a.email = ? and e.type = ? order by e.id desc limit 1""")
			.params(email, type)
			.query(String.class)
			.optional()
			.orElse("");
	}

	private int eventCount(String email, String type) {
		return this.jdbc.sql("""
				select count(*) from security_events e join accounts a on a.id = e.account_id
				 where a.email = ? and e.type = ?""")
			.params(email, type)
			.query(Integer.class)
			.single();
	}

	/** Sets the account's anti-phishing code the way a person does: sign in, step up, set. */
	private void setAntiPhishingCode(String email) {
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up", Map.of("action", "set_anti_phishing_code",
				"params", Map.of("code", PHRASE), "password", TestAccounts.PASSWORD), token);
		assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
		ApiClient.Response set = this.api.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/me/anti-phishing-code"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + PHRASE + "\"}")),
				stepUp.json().path("session").path("token").asString(), "X-Step-Up-Proof", stepUp.text("proof"));
		assertThat(set.status()).as(set.body()).isEqualTo(200);
	}
}
