package io.gatehouse.geo;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;
import io.gatehouse.testsupport.ThroughTrustedProxy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Region policy (PRODUCT.md 1.6) over HTTP, through the trusted proxy: the test fixture places
 * 198.51.100/24 in Germany (FULL), 203.0.113/24 in North Korea (BLOCKED) and 198.18/16 in the US
 * (WITHDRAW_ONLY in the tests). LG-14: only the trusted client address counts, at sign-up, at sign-in
 * and on every request of a session.
 */
@ThroughTrustedProxy
class RegionIntegrationTests extends ApiTest {

	static final String GERMANY = "198.51.100.7";

	static final String NORTH_KOREA = "203.0.113.9";

	static final String UNITED_STATES = "198.18.3.4";

	/**
	 * What a client in North Korea sends to look German: its own forwarding headers, all naming a German
	 * address. The trusted proxy appends the real peer to X-Forwarded-For.
	 */
	static final String[] SPOOFED_FROM_NORTH_KOREA = { "X-Forwarded-For", GERMANY + ", " + NORTH_KOREA, "X-Real-IP",
			GERMANY, "Forwarded", "for=" + GERMANY, "True-Client-IP", GERMANY, "CF-Connecting-IP", GERMANY };

	@Autowired
	JdbcClient jdbc;

	@Test
	void lg14SignUpWhenFromBlockedRegionThenRefusedWhateverTheForwardingHeadersSay() {
		String email = TestAccounts.newEmail();
		String pyongyang = "203.0.113.77";
		ApiClient.Response refused = this.api.post("/api/v1/registrations",
				Map.of("identifier", email, "password", TestAccounts.PASSWORD, "country", "DE"), null, "X-Forwarded-For",
				GERMANY + ", " + pyongyang, "X-Real-IP", GERMANY, "Forwarded", "for=" + GERMANY);
		assertThat(refused.status()).as(refused.body()).isEqualTo(451);
		assertThat(refused.text("code")).isEqualTo("region_sign_up_unavailable");
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(this.jdbc.sql("select count(*) from registrations where identifier = ?").param(email)
			.query(Integer.class).single()).as("nothing was written, nothing sent").isZero();
		assertThat(this.jdbc.sql("""
				select count(*) from security_events
				 where type = 'region_restricted' and ip = ? and details like '%"action":"sign_up"%'""")
			.param(pyongyang)
			.query(Integer.class)
			.single()).isEqualTo(1);

		ApiClient.Response declaredBlocked = this.api.post("/api/v1/registrations",
				Map.of("identifier", TestAccounts.newEmail(), "password", TestAccounts.PASSWORD, "country", "KP"), null,
				"X-Forwarded-For", GERMANY);
		assertThat(declaredBlocked.status()).as("the declared country counts too").isEqualTo(451);

		ApiClient.Response fromGermany = this.api.post("/api/v1/registrations",
				Map.of("identifier", TestAccounts.newEmail(), "password", TestAccounts.PASSWORD, "country", "DE"), null,
				"X-Forwarded-For", GERMANY);
		assertThat(fromGermany.status()).as(fromGermany.body()).isEqualTo(202);
		assertThat(this.api.post("/api/v1/registrations",
				Map.of("identifier", TestAccounts.newEmail(), "password", TestAccounts.PASSWORD, "country", "US"), null,
				"X-Forwarded-For", UNITED_STATES).status()).as("WITHDRAW_ONLY still allows sign-up").isEqualTo(202);
	}

	@Test
	void lg14SignUpWhenVerifiedFromBlockedRegionThenNoAccountIsCreated() {
		String email = TestAccounts.newEmail();
		ApiClient.Response started = this.api.post("/api/v1/registrations",
				Map.of("identifier", email, "password", TestAccounts.PASSWORD, "country", "DE"), null,
				"X-Forwarded-For", GERMANY);
		String code = TestMail.latestCode(email, 1);
		String verify = "/api/v1/registrations/" + started.text("registrationId") + "/verification";
		ApiClient.Response refused = this.api.post(verify, Map.of("code", code), null, SPOOFED_FROM_NORTH_KOREA);
		assertThat(refused.status()).isEqualTo(451);
		assertThat(this.jdbc.sql("select count(*) from accounts where email = ?").param(email).query(Integer.class).single())
			.isZero();
		assertThat(this.api.post(verify, Map.of("code", code), null, "X-Forwarded-For", GERMANY).status())
			.as("the code was not spent by the refusal")
			.isEqualTo(200);
	}

	@Test
	void lg14SignInWhenFromBlockedRegionThenOnlyWithdrawAndProtectWhateverTheHeadersSay() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD, SPOOFED_FROM_NORTH_KOREA);

		ApiClient.Response region = this.api.get("/api/v1/me/region", token, SPOOFED_FROM_NORTH_KOREA);
		assertThat(region.status()).as(region.body()).isEqualTo(200);
		assertThat(region.text("access")).isEqualTo("blocked");
		assertThat(region.text("ipCountry")).isEqualTo("KP");
		assertThat(region.text("declaredCountry")).isEqualTo("GB");
		assertThat(region.text("decidedBy")).isEqualTo("ip");
		assertThat(region.json().path("allowed").toString()).contains("view", "protect", "withdraw");
		assertThat(region.json().path("refused").toString()).contains("configure", "trade", "deposit",
				"futures_transfer", "new_api_key");

		assertThat(this.api.get("/api/v1/me", token, SPOOFED_FROM_NORTH_KOREA).status()).as("reading is allowed")
			.isEqualTo(200);
		ApiClient.Response configure = setAntiPhishingCode(token, SPOOFED_FROM_NORTH_KOREA);
		assertThat(configure.status()).as(configure.body()).isEqualTo(451);
		assertThat(configure.text("code")).isEqualTo("region_restricted");
		assertThat(configure.text("access")).isEqualTo("blocked");
		assertThat(this.api.post("/api/v1/me/signout", null, token, SPOOFED_FROM_NORTH_KOREA).status())
			.as("signing out is always possible")
			.isLessThan(300);
	}

	@Test
	void lg14MidSessionWhenTheClientMovesToABlockedRegionThenTheSessionIsRestrictedAtOnce() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD, "X-Forwarded-For", GERMANY);
		assertThat(this.api.get("/api/v1/me/region", token, "X-Forwarded-For", GERMANY).text("access")).isEqualTo("full");
		ApiClient.Response fromGermany = setAntiPhishingCode(token, "X-Forwarded-For", GERMANY);
		assertThat(fromGermany.status()).as("FULL: the handler runs and asks for its step-up").isEqualTo(401);
		assertThat(fromGermany.text("code")).isEqualTo("step_up_required");

		ApiClient.Response moved = setAntiPhishingCode(token, SPOOFED_FROM_NORTH_KOREA);
		assertThat(moved.status()).isEqualTo(451);
		assertThat(this.api.get("/api/v1/me/region", token, SPOOFED_FROM_NORTH_KOREA).text("access"))
			.isEqualTo("blocked");
		assertThat(setAntiPhishingCode(token, "X-Forwarded-For", GERMANY).status()).as("back home: full again")
			.isEqualTo(401);
		assertThat(this.jdbc.sql("""
				select count(*) from security_events e join accounts a on a.id = e.account_id
				 where a.email = ? and e.type = 'region_restricted' and e.ip = ?""")
			.params(email, NORTH_KOREA)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void withdrawOnlyRegionWhenSignedInThenSettingsAllowedAndTheApiSaysWhatIsNot() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD, "X-Forwarded-For",
				UNITED_STATES);
		ApiClient.Response region = this.api.get("/api/v1/me/region", token, "X-Forwarded-For", UNITED_STATES);
		assertThat(region.text("access")).isEqualTo("withdraw_only");
		assertThat(region.json().path("refused").toString()).contains("trade", "deposit", "futures_transfer",
				"new_api_key");
		assertThat(region.json().path("refused").toString()).doesNotContain("configure");
		assertThat(setAntiPhishingCode(token, "X-Forwarded-For", UNITED_STATES).status()).isEqualTo(401);
	}

	/** SS-07: sessions, devices and history show where they were, as placed when they happened. */
	@Test
	void ss07SessionsDevicesAndHistoryWhenSignedInFromGermanyThenSayGermany() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD, "X-Forwarded-For", GERMANY);

		var session = this.api.get("/api/v1/me/sessions", token, "X-Forwarded-For", GERMANY).json().get("sessions")
			.get(0);
		var device = this.api.get("/api/v1/me/devices", token, "X-Forwarded-For", GERMANY).json().get("devices").get(0);
		var events = this.api.get("/api/v1/me/events?type=sign_in", token, "X-Forwarded-For", GERMANY).json()
			.get("events");

		assertThat(session.get("country").asString()).isEqualTo("DE");
		assertThat(session.get("city").asString()).as("the test city database places 198.51.100/24").isEqualTo("Berlin");
		assertThat(session.get("location").asString()).isEqualTo("Berlin, Germany (DE)");
		assertThat(device.get("lastLocation").asString()).isEqualTo("Berlin, Germany (DE)");
		assertThat(events.get(0).get("location").asString()).isEqualTo("Berlin, Germany (DE)");
		assertThat(this.jdbc.sql("select country || ' ' || city from security_events where ip = ? order by id desc limit 1")
			.param(GERMANY).query(String.class).single()).isEqualTo("DE Berlin");
		assertThat(this.jdbc.sql("select city from sessions where ip = ? order by created_at desc limit 1")
			.param(GERMANY).query(String.class).single()).isEqualTo("Berlin");
		String page = this.api.get("/api/v1/me/events/export?format=csv", token, "X-Forwarded-For", GERMANY).body();
		assertThat(page).contains("\"Berlin, Germany (DE)\"");
	}

	/** SS-07: without a city for the address (the US network is in no test city), the country alone. */
	@Test
	void ss07WhenTheCityDatabaseDoesNotKnowTheAddressThenTheCountryAlone() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD, "X-Forwarded-For",
				UNITED_STATES);

		var session = this.api.get("/api/v1/me/sessions", token, "X-Forwarded-For", UNITED_STATES).json()
			.get("sessions").get(0);

		assertThat(session.get("city").isNull()).isTrue();
		assertThat(session.get("location").asString()).isEqualTo("United States (US)");
	}

	/** PRODUCT.md 1.9: no futures and no new deposit address under WITHDRAW_ONLY; moving funds stays possible. */
	@Test
	void withdrawOnlyRegionWhenAskingForFuturesOrADepositAddressThenRefusedButTransfersStillAnswer() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD, "X-Forwarded-For",
				UNITED_STATES);

		ApiClient.Response futures = this.api.post("/api/v1/me/futures", Map.of("acknowledged", true), token,
				"X-Forwarded-For", UNITED_STATES);
		ApiClient.Response address = this.api.post("/api/v1/me/deposit-addresses",
				Map.of("currency", "USDT", "chain", "ERC20"), token, "X-Forwarded-For", UNITED_STATES);
		ApiClient.Response transfer = this.api.post("/api/v1/me/transfers", Map.of("clientOid", "us-1", "currency",
				"USDT", "amount", "1", "from", "trade", "to", "main"), token, "X-Forwarded-For", UNITED_STATES);

		assertThat(futures.status()).isEqualTo(451);
		assertThat(address.status()).isEqualTo(451);
		assertThat(transfer.status()).as("no funds, but not refused by the region").isEqualTo(422);
		assertThat(this.api.get("/api/v1/me/futures", token, "X-Forwarded-For", UNITED_STATES).json().get("activated")
			.asBoolean()).isFalse();
	}

	@Test
	void regionPageWhenBlockedThenExplainsWhatIsStillPossible() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response page = this.api.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/account/region")).GET(), null,
				prepend(SPOOFED_FROM_NORTH_KOREA, "Cookie", "__Host-gh_session=" + token));
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("not available in your region").contains("Withdraw your funds")
			.contains("North Korea (KP)").contains("Not from here").contains("Trade");
	}

	private ApiClient.Response setAntiPhishingCode(String token, String... headers) {
		return this.api.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/me/anti-phishing-code"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"code\":\"blue heron\"}")), token, headers);
	}

	private static String[] prepend(String[] headers, String name, String value) {
		String[] all = new String[headers.length + 2];
		all[0] = name;
		all[1] = value;
		System.arraycopy(headers, 0, all, 2, headers.length);
		return all;
	}
}
