package io.gatehouse.staff;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.Browserless;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Passkey;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff console as a JSON API: passkey sign-in to a bearer session, support's account actions, the
 * recovery review (reading a case changes nothing; a POST takes it), and staff administration, each with
 * the same role checks and security events as the console's pages.
 */
@IntegrationTest
class StaffApiIntegrationTests extends ApiTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private static final AtomicInteger NETWORKS = new AtomicInteger();

	@Autowired
	StaffMemberService members;

	@Autowired
	StaffSignIn ceremonies;

	@Autowired
	JdbcClient jdbc;

	/** A member with these roles, signed in through the JSON API with their passkey: the bearer token. */
	private Staff staff(Actor.Staff.Role... roles) {
		StaffMemberService.Created created = this.members
			.create("api" + System.nanoTime() % 100_000_000, "API User", Set.of(roles), "test")
			.orElseThrow();
		String enrolment = created.enrolmentLink().substring(created.enrolmentLink().indexOf("token=") + 6);
		Passkey passkey = Passkey.at(this.port);
		// Enrolment is a browser ceremony (link → cookie → page); the service takes the same steps.
		StaffSignIn.Options options = this.ceremonies.enrolmentOptions(enrolment).orElseThrow();
		assertThat(this.ceremonies.enrol(enrolment, options.challengeId(),
				JSON.writeValueAsString(passkey.create(JSON.valueToTree(options.publicKey()))),
				RequestContext.of(ClientIp.of("10.1.2.3"), "test")))
			.isTrue();
		ApiClient.Response signedIn = signIn(passkey);
		assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(201);
		assertThat(signedIn.header("Cache-Control")).isEqualTo("no-store");
		return new Staff(signedIn.text("token"), created.member().id().toString(), passkey);
	}

	private ApiClient.Response signIn(Passkey passkey) {
		ApiClient.Response options = this.api.post("/staff/api/v1/signin/options", null, null);
		assertThat(options.status()).as(options.body()).isEqualTo(200);
		return this.api.post("/staff/api/v1/signin", Map.of("challengeId", options.text("challengeId"), "credential",
				passkey.get(options.json().path("publicKey"))), null);
	}

	private record Staff(String token, String id, Passkey passkey) {
	}

	@Test
	void signInWhenPasskeyAnswersThenABearerSessionElseProblemsAndNoCookieEverGrantsWithoutCsrf() {
		Staff admin = staff(Actor.Staff.Role.ADMIN, Actor.Staff.Role.SUPPORT);
		ApiClient.Response me = this.api.get("/staff/api/v1/me", admin.token());
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().path("roles").toString()).isEqualTo("[\"admin\",\"support\"]");

		ApiClient.Response anonymous = this.api.get("/staff/api/v1/me", null);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
		assertThat(anonymous.text("code")).isEqualTo("unauthenticated");
		String customer = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		assertThat(this.api.get("/staff/api/v1/me", customer).status()).as("a customer session is not a staff one")
			.isEqualTo(401);
		assertThat(this.api.get("/staff/api/v1/me", "ghst_" + "A".repeat(43)).status()).isEqualTo(401);

		// A replayed or forged answer signs nobody in.
		ApiClient.Response options = this.api.post("/staff/api/v1/signin/options", null, null);
		Map<String, Object> answer = admin.passkey().get(options.json().path("publicKey"));
		Map<String, Object> body = Map.of("challengeId", options.text("challengeId"), "credential", answer);
		assertThat(this.api.post("/staff/api/v1/signin", body, null).status()).isEqualTo(201);
		ApiClient.Response replayed = this.api.post("/staff/api/v1/signin", body, null);
		assertThat(replayed.status()).isEqualTo(401);
		assertThat(replayed.text("code")).isEqualTo("staff_signin_failed");
		assertThat(this.api.post("/staff/api/v1/signin", "{\"challengeId\":\"nope\"}", null).status()).isEqualTo(400);

		// The console's cookie alone does not carry a state change through the API (CS-01): it needs the CSRF token.
		Browserless browser = new Browserless(this.port);
		browser.setCookie("__Host-gh_staff", admin.token());
		assertThat(browser.get("/staff/api/v1/me").status()).isEqualTo(200);
		ApiClient.Response forged = browser.post("/staff/api/v1/signout", Map.of());
		assertThat(forged.status()).isEqualTo(403);
		assertThat(forged.body()).contains("csrf_token_missing_or_invalid");
		assertThat(this.api.get("/staff/api/v1/me", admin.token()).status()).as("still signed in").isEqualTo(200);
		// A header a proxy or browser adds by itself (Basic) neither signs in nor lets the cookie skip the token.
		ApiClient.Response basic = browser.post("/staff/api/v1/signout", Map.of(), "Authorization", "Basic eDp5");
		assertThat(basic.status()).isIn(401, 403);
		assertThat(this.api.get("/staff/api/v1/me", admin.token()).status()).as("still signed in").isEqualTo(200);
		ApiClient.Response wrongType = this.api.send(HttpRequest.newBuilder(
				URI.create("http://127.0.0.1:" + this.port + "/staff/api/v1/members"))
			.POST(HttpRequest.BodyPublishers.ofString("username=x"))
			.header("Content-Type", "application/x-www-form-urlencoded"), admin.token());
		assertThat(wrongType.status()).isEqualTo(415);
		assertThat(wrongType.header("Content-Type")).startsWith("application/problem+json");

		assertThat(this.api.post("/staff/api/v1/signout", null, admin.token()).status()).isEqualTo(204);
		assertThat(this.api.get("/staff/api/v1/me", admin.token()).status()).isEqualTo(401);
	}

	@Test
	void supportWhenActingThroughTheApiThenTheSameEffectsAndEventsAsTheConsole() {
		String email = this.accounts.create();
		String session = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String accountId = this.api.get("/api/v1/me", session).text("id");
		Staff support = staff(Actor.Staff.Role.SUPPORT);

		ApiClient.Response found = this.api.post("/staff/api/v1/accounts/search", Map.of("identifier", email),
				support.token());
		assertThat(found.status()).as(found.body()).isEqualTo(200);
		assertThat(found.text("id")).isEqualTo(accountId);
		assertThat(found.text("email")).as("masked").doesNotContain(email.substring(0, email.indexOf('@')));
		assertThat(found.json().path("sessions").size()).isEqualTo(1);
		assertThat(found.json().path("events").isArray()).isTrue();
		assertThat(found.body()).doesNotContain("ghs_").doesNotContain("passwordHash");
		assertThat(this.api.post("/staff/api/v1/accounts/search", Map.of("identifier", "nobody-" + email),
				support.token()).text("code")).isEqualTo("staff_account_not_found");
		assertThat(this.api.get("/staff/api/v1/accounts/not-a-uuid", support.token()).status()).isEqualTo(400);

		ApiClient.Response locked = this.api.post("/staff/api/v1/accounts/" + accountId + "/lock", null, support.token());
		assertThat(locked.status()).as(locked.body()).isEqualTo(200);
		assertThat(locked.json().path("locked").asBoolean()).isTrue();
		assertThat(this.api.get("/api/v1/me", session).status()).as("sessions end").isEqualTo(401);
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status()).isNotEqualTo(200);
		ApiClient.Response unlocked = this.api.post("/staff/api/v1/accounts/" + accountId + "/unlock", null,
				support.token());
		assertThat(unlocked.json().path("locked").asBoolean()).isFalse();
		String again = this.accounts.signIn(email, TestAccounts.PASSWORD);

		assertThat(this.api.post("/staff/api/v1/accounts/" + accountId + "/session-revocations", null, support.token())
			.json().path("revoked").asInt()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/me", again).status()).isEqualTo(401);
		ApiClient.Response reset = this.api.post("/staff/api/v1/accounts/" + accountId + "/password-resets", null,
				support.token());
		assertThat(reset.status()).isEqualTo(202);
		assertThat(reset.body()).doesNotContain("ghr_").doesNotContain("token");
		TestMail.awaitSubject(email, "Reset your");
		assertThat(this.api.put("/staff/api/v1/accounts/" + accountId + "/high-value", Map.of("highValue", true),
				support.token()).text("code")).as("admins only").isEqualTo("staff_role_missing");
		ApiClient.Response frozen = this.api.post("/staff/api/v1/accounts/" + accountId + "/freeze", null,
				support.token());
		assertThat(frozen.text("status")).isEqualTo("frozen");
		assertThat(this.api.post("/staff/api/v1/accounts/" + UUID.randomUUID() + "/lock", null,
				support.token()).status()).isEqualTo(404);

		assertThat(this.jdbc.sql("""
				select string_agg(type, ',' order by id) from security_events
				 where account_id = ?::uuid and actor = ?
				   and (type like 'staff_%' or type in ('password_reset_started_by_staff', 'account_frozen'))""")
			.params(accountId, "staff:" + support.id()).query(String.class).single())
			.isEqualTo("staff_viewed_account,staff_locked_account,staff_unlocked_account,staff_revoked_sessions,"
					+ "password_reset_started_by_staff,account_frozen");
	}

	@Test
	void rolesWhenMissingThenForbiddenProblemsAndNothingHappens() {
		String email = this.accounts.create();
		String accountId = this.api.get("/api/v1/me", this.accounts.signIn(email, TestAccounts.PASSWORD)).text("id");
		Staff reviewer = staff(Actor.Staff.Role.REVIEWER);
		for (String action : List.of("lock", "freeze", "session-revocations", "password-resets")) {
			ApiClient.Response refused = this.api.post("/staff/api/v1/accounts/" + accountId + "/" + action, null,
					reviewer.token());
			assertThat(refused.status()).as(action).isEqualTo(403);
			assertThat(refused.text("code")).as(action).isEqualTo("staff_role_missing");
		}
		assertThat(this.api.post("/staff/api/v1/accounts/" + accountId + "/unlock", null, reviewer.token()).status())
			.isEqualTo(403);
		assertThat(this.api.put("/staff/api/v1/accounts/" + accountId + "/high-value", Map.of("highValue", true),
				reviewer.token()).status()).isEqualTo(403);
		assertThat(this.api.get("/staff/api/v1/accounts/" + accountId, reviewer.token()).status()).isEqualTo(403);
		assertThat(this.api.get("/staff/api/v1/members", reviewer.token()).status()).isEqualTo(403);
		assertThat(this.api.post("/staff/api/v1/members", Map.of("username", "x" + System.nanoTime() % 100_000, "name",
				"X", "roles", List.of("admin")), reviewer.token()).status()).isEqualTo(403);
		Staff support = staff(Actor.Staff.Role.SUPPORT);
		assertThat(this.api.get("/staff/api/v1/recovery-cases", support.token()).text("code"))
			.isEqualTo("recovery_review_forbidden");
		String anyCase = UUID.randomUUID().toString();
		assertThat(this.api.post("/staff/api/v1/recovery-cases/" + anyCase + "/review", null, support.token()).text("code"))
			.isEqualTo("recovery_review_forbidden");
		assertThat(this.api.post("/staff/api/v1/recovery-cases/" + anyCase + "/decisions",
				Map.of("decision", "approve", "reason", "Support cannot decide."), support.token()).status()).isEqualTo(403);
		assertThat(this.api.post("/staff/api/v1/members/" + support.id() + "/disable", null, support.token()).status())
			.isEqualTo(403);
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status()).isEqualTo(200);
		assertThat(this.jdbc.sql("""
				select string_agg(type, ',') from security_events where actor in (?, ?)
				   and type not in ('staff_passkey_enrolled', 'staff_signed_in')""")
			.params("staff:" + reviewer.id(), "staff:" + support.id()).query(String.class).optional().orElse(null))
			.as("nothing done, nothing logged in their name but their own sign-in").isNull();
	}

	@Test
	void reviewWhenReadThenUnchangedAndOnlyAPostTakesTheCaseThenTheDecisionNeedsAReason() throws Exception {
		String email = this.accounts.create();
		String session = this.accounts.signIn(email, TestAccounts.PASSWORD);
		assertThat(this.api.post("/api/v1/me/freeze", null, session).status()).isEqualTo(200);
		String ip = "100.67." + NETWORKS.incrementAndGet() % 250 + ".9";
		ApiClient.Response started = this.api.post("/api/v1/recovery/cases",
				Map.of("identifier", email, "password", TestAccounts.PASSWORD, "kind", "unfreeze"), null,
				"X-Forwarded-For", ip);
		assertThat(started.status()).as(started.body()).isEqualTo(201);
		String holder = started.text("caseToken");
		Matcher code = CODE.matcher(TestMail.body(TestMail.awaitSubject(email, "recovery code")));
		assertThat(code.find()).isTrue();
		assertThat(this.api.post("/api/v1/recovery/case/proofs", Map.of("channel", "email", "code", code.group(1)), null,
				"Recovery-Case", holder).status()).isEqualTo(200);
		assertThat(this.api.post("/api/v1/recovery/case/submit", null, null, "Recovery-Case", holder).status())
			.isEqualTo(200);
		String caseId = started.text("id");
		Staff reviewer = staff(Actor.Staff.Role.REVIEWER);

		JsonNode queue = this.api.get("/staff/api/v1/recovery-cases", reviewer.token()).json().path("cases");
		assertThat(queue.findValuesAsString("id")).contains(caseId);
		ApiClient.Response read = this.api.get("/staff/api/v1/recovery-cases/" + caseId, reviewer.token());
		assertThat(read.status()).as(read.body()).isEqualTo(200);
		assertThat(read.text("status")).isEqualTo("submitted");
		assertThat(this.api.get("/staff/api/v1/recovery-cases/" + caseId, reviewer.token()).text("status"))
			.as("reading twice still changes nothing").isEqualTo("submitted");
		assertThat(this.api.post("/staff/api/v1/recovery-cases/" + caseId + "/decisions",
				Map.of("decision", "approve", "reason", "Looks fine to me."), reviewer.token()).text("code"))
			.as("not taken yet").isEqualTo("recovery_transition_forbidden");

		// Two reviewers take it at the same moment: it is taken once, by one of them.
		Staff second = staff(Actor.Staff.Role.REVIEWER);
		AtomicInteger turn = new AtomicInteger();
		int taken = Race.successes(2, () -> this.api.post("/staff/api/v1/recovery-cases/"
				+ caseId + "/review", null, (turn.getAndIncrement() == 0 ? reviewer : second).token()).status() == 200);
		assertThat(taken).as("both see it under review").isEqualTo(2);
		assertThat(this.api.get("/staff/api/v1/recovery-cases/" + caseId, reviewer.token()).text("status"))
			.isEqualTo("under_review");
		assertThat(this.jdbc.sql("""
				select count(*) from security_events where type = 'recovery_review_started' and details::jsonb->>'case' = ?""")
			.param(caseId).query(Integer.class).single()).isEqualTo(1);
		assertThat(this.jdbc.sql("""
				select count(*) from security_events where type = 'recovery_case_viewed' and details::jsonb->>'case' = ?
				   and actor = ?""")
			.params(caseId, "staff:" + reviewer.id()).query(Integer.class).single()).as("each reading is recorded")
			.isEqualTo(3);
		assertThat(this.api.post("/staff/api/v1/recovery-cases/" + caseId + "/decisions",
				Map.of("decision", "maybe", "reason", "Not sure at all."), reviewer.token()).text("code"))
			.isEqualTo("recovery_decision_invalid");
		assertThat(this.api.post("/staff/api/v1/recovery-cases/" + caseId + "/decisions",
				Map.of("decision", "approve", "reason", " "), reviewer.token()).text("code"))
			.isEqualTo("recovery_review_reason_required");
		assertThat(this.api.get("/staff/api/v1/recovery-cases/" + caseId + "/documents/" + UUID.randomUUID(),
				reviewer.token()).status()).isEqualTo(404);
		ApiClient.Response decided = this.api.post("/staff/api/v1/recovery-cases/" + caseId + "/decisions",
				Map.of("decision", "approve", "reason", "Email code proven; the owner froze it themselves."),
				reviewer.token());
		assertThat(decided.status()).as(decided.body()).isEqualTo(200);
		assertThat(decided.text("status")).as("an unfreeze completes on approval").isEqualTo("completed");
		assertThat(decided.json().path("reviews").get(0).path("decision").asString()).isEqualTo("approve");
		assertThat(this.api.post("/staff/api/v1/recovery-cases/" + caseId + "/review", null, reviewer.token())
			.text("code")).isEqualTo("recovery_transition_forbidden");
		assertThat(this.jdbc.sql("""
				select actor from security_events where type = 'recovery_case_decided' and details::jsonb->>'case' = ?""")
			.param(caseId).query(String.class).single()).isEqualTo("staff:" + reviewer.id());
	}

	@Test
	void adminWhenManagingStaffThroughTheApiThenLinksOnceAndNeverThemselves() {
		Staff admin = staff(Actor.Staff.Role.ADMIN);
		String username = "new" + System.nanoTime() % 100_000_000;
		ApiClient.Response created = this.api.post("/staff/api/v1/members",
				Map.of("username", username, "name", "Nina New", "roles", List.of("support")), admin.token());
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.header("Cache-Control")).isEqualTo("no-store");
		assertThat(created.text("enrolmentLink")).contains("/staff/enrol?token=");
		String id = created.text("id");
		assertThat(this.api.post("/staff/api/v1/members", Map.of("username", username, "name", "Again", "roles",
				List.of("support")), admin.token()).text("code")).as("taken").isEqualTo("staff_member_invalid");
		assertThat(this.api.post("/staff/api/v1/members", Map.of("username", "ok" + username, "name", "Y", "roles",
				List.of("root")), admin.token()).text("code")).isEqualTo("staff_member_invalid");

		ApiClient.Response roles = this.api.put("/staff/api/v1/members/" + id + "/roles",
				Map.of("roles", List.of("support", "reviewer")), admin.token());
		assertThat(roles.json().path("roles").toString()).isEqualTo("[\"reviewer\",\"support\"]");
		assertThat(this.api.put("/staff/api/v1/members/" + id + "/roles", Map.of("roles", List.of()), admin.token())
			.text("code")).isEqualTo("staff_roles_invalid");
		assertThat(this.api.post("/staff/api/v1/members/" + id + "/disable", null, admin.token()).json().path("disabled")
			.asBoolean()).isTrue();
		assertThat(this.api.post("/staff/api/v1/members/" + id + "/enable", null, admin.token()).json().path("disabled")
			.asBoolean()).isFalse();
		assertThat(this.api.post("/staff/api/v1/members/" + id + "/enrolment", null, admin.token()).text("enrolmentLink"))
			.isNotEqualTo(created.text("enrolmentLink"));

		for (String self : List.of("/disable", "/enrolment")) {
			assertThat(this.api.post("/staff/api/v1/members/" + admin.id() + self, null, admin.token()).text("code"))
				.as(self).isEqualTo("staff_self_change");
		}
		assertThat(this.api.put("/staff/api/v1/members/" + admin.id() + "/roles", Map.of("roles", List.of("support")),
				admin.token()).text("code")).isEqualTo("staff_self_change");
		assertThat(this.api.get("/staff/api/v1/members", admin.token()).json().path("members").findValuesAsString("username"))
			.contains(username);
		assertThat(this.jdbc.sql("select count(*) from security_events where type like 'staff_%' and actor = ?")
			.param("staff:" + admin.id()).query(Integer.class).single()).isGreaterThanOrEqualTo(5);
	}

	/** Money in the console: support reads; a correction is proposed by one member and applied by another. */
	@Test
	void correctionWhenProposedThenOnlyADifferentAdminAppliesItAndTheCustomerSeesAPosting() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		String accountId = this.api.get("/api/v1/me", token).text("id");
		Staff proposer = staff(Actor.Staff.Role.SUPPORT, Actor.Staff.Role.ADMIN);
		Staff supportOnly = staff(Actor.Staff.Role.SUPPORT);
		Staff approver = staff(Actor.Staff.Role.ADMIN);

		ApiClient.Response proposed = this.api.post("/staff/api/v1/accounts/" + accountId + "/corrections",
				Map.of("currency", "USDT", "account", "main", "direction", "credit", "amount", "12.5", "reason",
						"Deposit credited short by the wallet, ticket 4711"), proposer.token());
		assertThat(proposed.status()).as(proposed.body()).isEqualTo(200);
		assertThat(proposed.text("status")).isEqualTo("proposed");
		String id = proposed.text("id");
		assertThat(this.api.get("/api/v1/me/assets", token).body()).doesNotContain("12.500000");

		assertThat(this.api.post("/staff/api/v1/corrections/" + id + "/approve", null, supportOnly.token()).status())
			.as("support may not decide").isEqualTo(403);
		ApiClient.Response self = this.api.post("/staff/api/v1/corrections/" + id + "/approve", null, proposer.token());
		assertThat(self.text("code")).isEqualTo("correction_four_eyes");
		ApiClient.Response applied = this.api.post("/staff/api/v1/corrections/" + id + "/approve", null,
				approver.token());
		assertThat(applied.text("status")).isEqualTo("applied");
		assertThat(this.api.post("/staff/api/v1/corrections/" + id + "/approve", null, approver.token()).status())
			.as("decided once").isEqualTo(404);

		assertThat(this.api.get("/staff/api/v1/accounts/" + accountId + "/assets", supportOnly.token()).body())
			.contains("12.500000");
		assertThat(this.api.get("/api/v1/me/ledger", token).json().get("postings").get(0).get("kind").asString())
			.isEqualTo("correction");
		ApiClient.Response tooMuch = this.api.post("/staff/api/v1/accounts/" + accountId + "/corrections",
				Map.of("currency", "USDT", "account", "main", "direction", "debit", "amount", "13", "reason",
						"Reverse a duplicate credit"), supportOnly.token());
		ApiClient.Response failed = this.api.post("/staff/api/v1/corrections/" + tooMuch.text("id") + "/approve", null,
				approver.token());
		assertThat(failed.text("code")).isEqualTo("insufficient_balance");
		assertThat(this.api.get("/staff/api/v1/ledger/check", supportOnly.token()).json().get("conserved").asBoolean())
			.isTrue();
		assertThat(this.api.post("/staff/api/v1/accounts/" + accountId + "/corrections",
				Map.of("currency", "USDT", "account", "main", "direction", "credit", "amount", 5, "reason",
						"A number, not a string"), supportOnly.token()).text("code")).isEqualTo("amount_invalid");
		for (String reason : List.of("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", "five\u0000chars")) {
			assertThat(this.api.post("/staff/api/v1/accounts/" + accountId + "/corrections", Map.of("currency", "USDT",
					"account", "main", "direction", "credit", "amount", "1", "reason", reason), supportOnly.token())
				.text("code")).as("reason %s", reason).isEqualTo("correction_invalid");
		}
	}

	/** The same in the console's pages: support proposes with the form, a different admin approves. */
	@Test
	void consoleMoneyPageWhenACorrectionIsProposedAndApprovedThenTheBalanceShowsIt() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		String accountId = this.api.get("/api/v1/me", token).text("id");
		Browserless support = new Browserless(this.port);
		support.setCookie("__Host-gh_staff", staff(Actor.Staff.Role.SUPPORT).token());
		Browserless admin = new Browserless(this.port);
		admin.setCookie("__Host-gh_staff", staff(Actor.Staff.Role.ADMIN, Actor.Staff.Role.SUPPORT).token());

		ApiClient.Response page = support.get("/staff/accounts/" + accountId + "/money");
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		Map<String, String> form = new java.util.HashMap<>(Browserless.hiddenFields(page));
		form.putAll(Map.of("currency", "BTC", "account", "trade", "direction", "credit", "amount", "0.5", "reason",
				"Airdrop owed, ticket 815"));
		ApiClient.Response proposed = support.post("/staff/accounts/" + accountId + "/corrections", form);
		assertThat(proposed.body()).contains("Proposed: it moves nothing");
		String correctionId = this.api.get("/staff/api/v1/accounts/" + accountId + "/corrections",
				staff(Actor.Staff.Role.SUPPORT).token()).json().get("corrections").get(0).get("id").asString();

		ApiClient.Response adminPage = admin.get("/staff/accounts/" + accountId + "/money");
		assertThat(adminPage.body()).contains("Approve");
		ApiClient.Response approved = admin.post("/staff/corrections/" + correctionId + "/approve",
				Browserless.hiddenFields(adminPage));
		assertThat(approved.body()).contains("Correction applied.").contains("0.50000000");
		assertThat(support.get("/staff/ledger").body()).contains("Conserved");
	}

	@Test
	void consoleAuditPageWhenAnAdminVerifiesNowThenEveryChainStateIsListedAndOthersMayOnlyRead() {
		this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		Browserless admin = new Browserless(this.port);
		admin.setCookie("__Host-gh_staff", staff(Actor.Staff.Role.ADMIN).token());
		Browserless support = new Browserless(this.port);
		support.setCookie("__Host-gh_staff", staff(Actor.Staff.Role.SUPPORT).token());
		Browserless reviewer = new Browserless(this.port);
		reviewer.setCookie("__Host-gh_staff", staff(Actor.Staff.Role.REVIEWER).token());

		ApiClient.Response page = admin.get("/staff/audit");
		ApiClient.Response verified = admin.post("/staff/audit/verify", Browserless.hiddenFields(page));
		// The run goes on on a thread of its own; the page shows what it has recorded so far.
		io.gatehouse.testsupport.Await.until("a verification recorded", java.time.Duration.ofSeconds(30),
				() -> java.util.Optional.of(this.jdbc.sql("select count(*) from audit_chain_checks").query(Integer.class)
					.single()).filter(n -> n > 0));
		ApiClient.Response read = support.get("/staff/audit");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Sign checkpoints and verify every chain now");
		assertThat(verified.status()).as(verified.body()).isIn(200, 302);
		assertThat(read.body()).contains("intact").contains("signed with the Ed25519 key")
			.doesNotContain("Sign checkpoints and verify every chain now");
		assertThat(reviewer.get("/staff/audit").status()).isEqualTo(403);
		assertThat(support.post("/staff/audit/verify", Browserless.hiddenFields(read)).status()).isEqualTo(403);
	}
}
