package io.gatehouse.recovery;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.freeze.FreezeService;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;
import io.gatehouse.testsupport.ThroughTrustedProxy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Freeze account (PRODUCT.md 1.7; security-tests.md WD-10 "the freeze takes effect immediately"): from
 * the link in a security email without signing in, and by the signed-in owner.
 */
@ThroughTrustedProxy
class FreezeIntegrationTests extends ApiTest {

	private static final Pattern LINK = Pattern.compile("(http\\S+/freeze\\?token=(ghf_[A-Za-z0-9_-]{43}))");

	private static final String NEW_PASSWORD = "seven quiet lanterns drift north";

	private static final AtomicInteger NETWORKS = new AtomicInteger();

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	static String freshIp() {
		int n = NETWORKS.incrementAndGet();
		return "100.65." + (n % 250) + "." + (1 + n / 250 % 250);
	}

	/** Changes the password, which sends a security email; returns the freeze link's token in it. */
	private String freezeTokenFromSecurityEmail(String email, String sessionToken) {
		assertThat(this.api.post("/api/v1/me/password",
				Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword", NEW_PASSWORD), sessionToken)
			.status()).isEqualTo(200);
		String body = TestMail.body(TestMail.awaitSubject(email, "password was changed"));
		Matcher link = LINK.matcher(body);
		assertThat(link.find()).as("every security email carries a freeze link: " + body).isTrue();
		assertThat(link.group(1)).startsWith("http://localhost:" + this.port + "/freeze?token=");
		return link.group(2);
	}

	private ApiClient.Response freeze(String token) {
		return this.api.post("/api/v1/freeze", Map.of("token", token), null, "X-Forwarded-For", freshIp());
	}

	private String status(String email) {
		return this.jdbc.sql("select status from accounts where email = ?").param(email).query(String.class).single();
	}

	@Test
	void freezeLinkWhenUsedThenAccountFrozenAtOnceEverywhereAndTheOwnerIsTold() {
		String email = this.accounts.create();
		String session = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String token = freezeTokenFromSecurityEmail(email, session);
		String other = this.accounts.signIn(email, NEW_PASSWORD);

		ApiClient.Response frozen = freeze(token);

		assertThat(frozen.status()).isEqualTo(200);
		assertThat(frozen.text("status")).isEqualTo("frozen");
		assertThat(status(email)).isEqualTo("FROZEN");
		assertThat(this.api.get("/api/v1/me", other).status()).as("sessions end at once").isEqualTo(401);
		ApiClient.Response signIn = this.accounts.signInResponse(email, NEW_PASSWORD);
		assertThat(signIn.status()).isEqualTo(403);
		assertThat(signIn.text("code")).isEqualTo("account_frozen");
		assertThat(this.accounts.signInResponse(email, "wrong " + NEW_PASSWORD).text("code"))
			.as("a wrong password learns nothing about the freeze").isEqualTo("invalid_credentials");
		assertThat(TestMail.body(TestMail.awaitSubject(email, "account is frozen"))).contains("/recovery")
			.doesNotContain("/freeze?token=");
		assertThat(this.jdbc.sql("""
				select string_agg(e.type, ',' order by e.id) from security_events e join accounts a on a.id = e.account_id
				 where a.email = ? and e.type in ('account_frozen', 'api_keys_suspended')""")
			.param(email)
			.query(String.class)
			.single()).isEqualTo("account_frozen,api_keys_suspended");
	}

	@Test
	void freezeLinkWhenTwentyUseItAtOnceThenExactlyOneFreezesAndItIsSpent() throws Exception {
		String email = this.accounts.create();
		String token = freezeTokenFromSecurityEmail(email, this.accounts.signIn(email, TestAccounts.PASSWORD));
		int frozen = Race.successes(20, () -> freeze(token).status() == 200);
		assertThat(frozen).isEqualTo(1);
		ApiClient.Response again = freeze(token);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.text("code")).isEqualTo("freeze_link_invalid");
	}

	@Test
	void freezeLinkWhenExpiredOrForgedThenRefusedAndNothingChanges() {
		String email = this.accounts.create();
		String token = freezeTokenFromSecurityEmail(email, this.accounts.signIn(email, TestAccounts.PASSWORD));
		assertThat(freeze("ghf_" + "A".repeat(43)).text("code")).isEqualTo("freeze_link_invalid");
		assertThat(freeze("not a token").text("code")).isEqualTo("freeze_link_invalid");
		this.clock.advance(Duration.ofDays(30).plusSeconds(1));
		try {
			assertThat(freeze(token).text("code")).isEqualTo("freeze_link_invalid");
		}
		finally {
			this.clock.advance(Duration.ofDays(30).plusSeconds(1).negated());
		}
		assertThat(status(email)).isEqualTo("ACTIVE");
	}

	@Test
	void freezeLinkWhenOpenedThenNothingHappensUntilConfirmed() {
		String email = this.accounts.create();
		String token = freezeTokenFromSecurityEmail(email, this.accounts.signIn(email, TestAccounts.PASSWORD));
		ApiClient.Response opened = this.api.get("/freeze?token=" + token, null, "X-Forwarded-For", freshIp());
		assertThat(opened.status()).isEqualTo(302);
		assertThat(opened.header("Location")).endsWith("/freeze").doesNotContain("ghf_");
		assertThat(opened.header("Cache-Control")).isEqualTo("no-store");
		assertThat(opened.header("Referrer-Policy")).isEqualTo("no-referrer");
		assertThat(opened.headers().get("set-cookie")).anySatisfy(c -> assertThat(c).startsWith("__Host-gh_freeze=")
			.contains("HttpOnly").contains("Secure").contains("SameSite=Strict"));
		assertThat(status(email)).as("a mail scanner opening the link freezes nothing").isEqualTo("ACTIVE");
		assertThat(freeze(token).status()).isEqualTo(200);
	}

	@Test
	void freezeSelfWhenSignedInThenFrozenAndThisSessionEndsToo() {
		String email = this.accounts.create();
		String session = this.accounts.signIn(email, TestAccounts.PASSWORD);
		ApiClient.Response frozen = this.api.post("/api/v1/me/freeze", null, session);
		assertThat(frozen.status()).isEqualTo(200);
		assertThat(status(email)).isEqualTo("FROZEN");
		assertThat(this.api.get("/api/v1/me", session).status()).isEqualTo(401);
		assertThat(this.api.post("/api/v1/me/freeze", null, null).status()).isEqualTo(401);
	}

	@Autowired
	FreezeService freezes;

	@Test
	void freezeByStaffWhenDoneThenTheSameEffectsAndTheLogNamesTheStaffMember() {
		String email = this.accounts.create();
		String session = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String token = freezeTokenFromSecurityEmail(email, session);
		String accountId = this.jdbc.sql("select id::text from accounts where email = ?").param(email)
			.query(String.class).single();
		RequestContext desk = RequestContext
			.of(ClientIp.of("10.4.4.4"), "staff console");
		assertThat(this.freezes.freezeByStaff(UUID.fromString(accountId), "staff:sam", desk)).isTrue();
		assertThat(this.freezes.freezeByStaff(UUID.fromString(accountId), "staff:sam", desk))
			.as("already frozen").isFalse();
		assertThat(status(email)).isEqualTo("FROZEN");
		assertThat(freeze(token).text("code")).as("outstanding links have done their work").isEqualTo("freeze_link_invalid");
		assertThat(this.jdbc.sql("""
				select string_agg(type || '/' || actor, ',' order by id) from security_events
				 where account_id = ?::uuid and type in ('account_frozen', 'api_keys_suspended')""")
			.param(accountId).query(String.class).single()).isEqualTo("account_frozen/staff:sam,api_keys_suspended/staff:sam");
	}
}
