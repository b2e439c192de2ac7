package io.gatehouse.session;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Sessions: SS-01..SS-09 of security-tests.md, with a moved clock instead of waiting. */
@IntegrationTest
class SessionIntegrationTests extends ApiTest {

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void signInWhenAReturningDeviceThenItsRowIsMarkedSeenAndTheSessionStartsOnIt() {
		String email = this.accounts.create();
		String other = this.accounts.create();
		Map<String, Object> credentials = Map.of("identifier", email, "password", TestAccounts.PASSWORD);
		String device = this.api.post("/api/v1/signin/flows", credentials, null, "User-Agent", "FirstBrowser/1.0")
			.json().path("session").path("deviceToken").asString();
		Instant later = this.clock.instant().plus(Duration.ofHours(3));
		this.clock.advance(Duration.ofHours(3));

		Map<String, Object> withDevice = new HashMap<>(credentials);
		withDevice.put("deviceToken", device);
		ApiClient.Response again = this.api.post("/api/v1/signin/flows", withDevice, null, "User-Agent",
				"FirstBrowser/2.0");
		// Another account's sign-in with this token gets a device of its own, not this one.
		Map<String, Object> otherWithDevice = new HashMap<>(withDevice);
		otherWithDevice.put("identifier", other);
		this.api.post("/api/v1/signin/flows", otherWithDevice, null, "User-Agent", "FirstBrowser/2.0");

		assertThat(again.status()).isEqualTo(201);
		assertThat(again.json().path("session").path("deviceToken").asString()).isEqualTo(device);
		UUID account = this.jdbc.sql("select id from accounts where email = ?")
			.param(email)
			.query(UUID.class)
			.single();
		List<Map<String, Object>> devices = this.jdbc
			.sql("select id, user_agent, last_seen_at from devices where account_id = ?")
			.param(account)
			.query()
			.listOfRows();
		assertThat(devices).hasSize(1);
		assertThat(devices.getFirst().get("user_agent")).isEqualTo("FirstBrowser/2.0");
		assertThat(((Timestamp) devices.getFirst().get("last_seen_at")).toInstant())
			.isEqualTo(later.truncatedTo(ChronoUnit.MICROS));
		assertThat(this.jdbc.sql("select distinct device_id from sessions where account_id = ?")
			.param(account)
			.query(UUID.class)
			.list()).containsExactly((UUID) devices.getFirst().get("id"));
		assertThat(this.jdbc.sql("select count(*) from devices d join accounts a on a.id = d.account_id where a.email = ?")
			.param(other)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void sessionWhenIdleJustUnderThirtyMinutesThenStillValidAndActivityExtendsIt() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(me(token)).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(29));
		assertThat(me(token)).isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(30).plusSeconds(1));
		assertThat(me(token)).isEqualTo(401);
	}

	@Test
	void sessionWhenContinuouslyActivePastTwelveHoursThenExpires() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		for (int i = 0; i < 35; i++) {
			this.clock.advance(Duration.ofMinutes(20));
			assertThat(me(token)).isEqualTo(200);
		}
		this.clock.advance(Duration.ofMinutes(20).plusSeconds(1));
		assertThat(me(token)).isEqualTo(401);
	}

	@Test
	void sessionWhenRememberMeAndUsedDailyThenOutlivesTwelveHoursButNotSevenDays() {
		String email = this.accounts.create();
		String flow = this.api.post("/api/v1/signin/flows", null, null).text("id");
		String token = this.api.post("/api/v1/signin/flows/" + flow + "/password",
				Map.of("identifier", email, "password", TestAccounts.PASSWORD, "rememberMe", true), null)
			.json().path("session").path("token").asString();
		for (int day = 1; day <= 7; day++) {
			this.clock.advance(Duration.ofHours(23));
			assertThat(me(token)).as("after %d h", day * 23).isEqualTo(200);
		}
		this.clock.advance(Duration.ofHours(7).plusSeconds(1));
		assertThat(me(token)).as("7 days + 1 s after sign-in").isEqualTo(401);
	}

	@Test
	void tokenWhenNotIssuedByUsOrSentInQueryStringThenUnauthenticated() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		assertThat(this.api.get("/api/v1/me", "ghs_" + "A".repeat(43)).status()).isEqualTo(401);
		assertThat(this.api.get("/api/v1/me?access_token=" + token, null).status()).isEqualTo(401);
		assertThat(this.api.get("/api/v1/me", null, "Cookie", "__Host-gh_session=" + token).status())
			.as("the API takes the token from Authorization only").isEqualTo(401);
		ApiClient.Response unauthenticated = this.api.get("/api/v1/me", null);
		assertThat(unauthenticated.text("code")).isEqualTo("unauthenticated");
		assertThat(unauthenticated.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void signInWhenRepeatedThenEveryTokenIsNew() {
		String email = this.accounts.create();
		String first = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String second = this.accounts.signIn(email, TestAccounts.PASSWORD);
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void listWhenTwoSessionsThenBothShownWithDeviceAndCurrentMarked() {
		String email = this.accounts.create();
		String phone = this.accounts.signIn(email, TestAccounts.PASSWORD, "User-Agent",
				"Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1");
		String laptop = this.accounts.signIn(email, TestAccounts.PASSWORD);

		var sessions = this.api.get("/api/v1/me/sessions", laptop).json().path("sessions");

		assertThat(sessions.size()).isEqualTo(2);
		assertThat(sessions.findValuesAsString("device")).contains("Mobile Safari 17 on iOS");
		assertThat(sessions.findValues("current").stream().filter(n -> n.asBoolean()).count()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/me/sessions", phone).status()).isEqualTo(200);
	}

	@Test
	void revokeWhenOwnOtherSessionThenItIsDeadImmediately() {
		String email = this.accounts.create();
		String other = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String mine = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String otherId = otherSessionId(mine);

		assertThat(this.api.delete("/api/v1/me/sessions/" + otherId, mine).status()).isEqualTo(204);

		assertThat(me(other)).isEqualTo(401);
		assertThat(me(mine)).isEqualTo(200);
	}

	@Test
	void revokeWhenSessionOfAnotherAccountThenNotFoundAndThatSessionLives() {
		String victim = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		String victimSession = this.api.get("/api/v1/me/sessions", victim).json().path("sessions").get(0).path("id").asString();
		String attacker = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);

		ApiClient.Response attempt = this.api.delete("/api/v1/me/sessions/" + victimSession, attacker);

		assertThat(attempt.status()).isEqualTo(404);
		assertThat(attempt.text("code")).isEqualTo("session_not_found");
		assertThat(me(victim)).isEqualTo(200);
		assertThat(this.api.get("/api/v1/me/sessions", attacker).body()).doesNotContain(victimSession);
	}

	@Test
	void revokeOthersWhenAskedThenOnlyCurrentSurvives() {
		String email = this.accounts.create();
		String a = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String b = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String c = this.accounts.signIn(email, TestAccounts.PASSWORD);

		assertThat(this.api.post("/api/v1/me/sessions/revoke-others", null, c).text("code"))
			.as("revoking all sessions is a sensitive action").isEqualTo("step_up_required");
		assertThat(me(a)).isEqualTo(200);

		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up",
				Map.of("action", "revoke_all_sessions", "password", TestAccounts.PASSWORD), c);
		String rotated = stepUp.json().path("session").path("token").asString();
		assertThat(this.api.post("/api/v1/me/sessions/revoke-others", null, rotated, "X-Step-Up-Proof",
				stepUp.text("proof")).json().path("revoked").asInt()).isEqualTo(2);

		assertThat(me(a)).isEqualTo(401);
		assertThat(me(b)).isEqualTo(401);
		assertThat(me(c)).as("rotated by step-up").isEqualTo(401);
		assertThat(me(rotated)).isEqualTo(200);
	}

	@Test
	void signOutWhenDoneThenTokenRejectedOnReplayAndSiteDataCleared() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);

		ApiClient.Response out = this.api.post("/api/v1/me/signout", null, token);

		assertThat(out.status()).isEqualTo(204);
		assertThat(out.header("Clear-Site-Data")).contains("\"cache\"");
		assertThat(me(token)).isEqualTo(401);
	}

	@Test
	void changePasswordWhenCorrectThenOtherSessionsEndOwnerNotifiedAndOnlyNewPasswordWorks() {
		String email = this.accounts.create();
		String other = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String mine = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String newPassword = "seven quiet lanterns drift north";

		ApiClient.Response changed = this.api.post("/api/v1/me/password",
				Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", newPassword), mine);

		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		assertThat(me(other)).isEqualTo(401);
		assertThat(me(mine)).isEqualTo(200);
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status()).isEqualTo(401);
		assertThat(this.accounts.signInResponse(email, newPassword).status()).isEqualTo(200);
		assertThat(TestMail.body(TestMail.awaitSubject(email, "password was changed")))
			.contains("All other sessions were signed out").contains("Wasn't you?");
	}

	@Test
	void changePasswordWhenCurrentWrongThenForbiddenAndNothingChanges() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);

		ApiClient.Response refused = this.api.post("/api/v1/me/password",
				Map.of("currentPassword", "not my password at all", "newPassword", "seven quiet lanterns drift north"), token);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.text("code")).isEqualTo("current_password_incorrect");
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status()).isEqualTo(200);
	}

	@Test
	void changePasswordWhenReusingOneOfLastFiveThenRefused() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String second = "seven quiet lanterns drift north";
		assertThat(change(token, TestAccounts.PASSWORD, second).status()).isEqualTo(200);

		ApiClient.Response back = change(token, second, TestAccounts.PASSWORD);
		ApiClient.Response same = change(token, second, second);

		assertThat(back.text("code")).isEqualTo("password_reused");
		assertThat(same.text("code")).isEqualTo("password_same_as_current");
	}

	/** PW-05: wrong current passwords count in the account's throttle; while it waits, no hash is computed. */
	@Test
	void pw05CurrentPasswordWhenGuessedRepeatedlyThenThrottledLikeSignInUntilTheWaitIsOver() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String next = "seven quiet lanterns drift north";

		for (int i = 0; i < 5; i++) {
			assertThat(change(token, "guess number " + i + " of many", next).text("code"))
				.isEqualTo("current_password_incorrect");
		}
		ApiClient.Response throttled = change(token, TestAccounts.PASSWORD, next);

		assertThat(throttled.status()).isEqualTo(429);
		assertThat(throttled.text("code")).isEqualTo("current_password_attempts_exceeded");
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status())
			.as("the same counter as sign-in's").isNotEqualTo(200);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(change(token, TestAccounts.PASSWORD, next).status()).isEqualTo(200);
	}

	/** The current password and the five before it are refused; the sixth before it is accepted again. */
	@Test
	void passwordHistoryWhenChangedSixTimesThenTheCurrentAndFiveBeforeRefusedAndTheOneBeforeThemAccepted() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		List<String> passwords = List.of(TestAccounts.PASSWORD, "amber falcon circles river one",
				"amber falcon circles river two", "amber falcon circles river three", "amber falcon circles river four",
				"amber falcon circles river five", "amber falcon circles river six");
		for (int i = 1; i < passwords.size(); i++) {
			assertThat(change(token, passwords.get(i - 1), passwords.get(i)).status()).isEqualTo(200);
		}
		String current = passwords.getLast();

		for (int i = 1; i < passwords.size() - 1; i++) {
			assertThat(change(token, current, passwords.get(i)).text("code")).as("password %d", i)
				.isEqualTo("password_reused");
		}
		assertThat(change(token, current, current).text("code")).isEqualTo("password_same_as_current");
		assertThat(change(token, current, passwords.getFirst()).status()).as("the sixth before the current one")
			.isEqualTo(200);
	}

	@Test
	void changePasswordWhenNewOneIsWeakThenReasonShown() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response refused = change(token, TestAccounts.PASSWORD, "password123");
		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.text("code")).isEqualTo("password_common");
		assertThat(refused.text("detail")).contains("common or breached");
	}

	private ApiClient.Response change(String token, String current, String next) {
		return this.api.post("/api/v1/me/password", Map.of("currentPassword", current, "newPassword", next), token);
	}

	private String otherSessionId(String token) {
		for (var s : this.api.get("/api/v1/me/sessions", token).json().path("sessions")) {
			if (!s.path("current").asBoolean()) {
				return s.path("id").asString();
			}
		}
		throw new AssertionError("no other session");
	}

	private int me(String token) {
		return this.api.get("/api/v1/me", token).status();
	}
}
