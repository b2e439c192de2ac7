package io.gatehouse.staff;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.reset.ResetRequests;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.Browserless;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Passkey;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff members (PRODUCT.md 1.11): no default credentials, a one-time enrolment link, passkey-only sign-in
 * with its own short sessions, and a console closed to customers' sessions.
 */
@IntegrationTest
class StaffIntegrationTests extends ApiTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final RequestContext DESK = RequestContext.of(ClientIp.of("10.1.2.3"), "staff browser");

	@Autowired
	StaffMemberService members;

	@Autowired
	StaffSignIn signIn;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	private static String name() {
		return "s" + System.nanoTime() % 100_000_000;
	}

	private static String token(String link) {
		return link.substring(link.indexOf("token=") + 6);
	}

	private Passkey enrolled(String enrolmentLink) {
		Passkey passkey = Passkey.at(this.port);
		String token = token(enrolmentLink);
		StaffSignIn.Options options = this.signIn.enrolmentOptions(token).orElseThrow();
		String answer = JSON.writeValueAsString(passkey.create(JSON.valueToTree(options.publicKey())));
		assertThat(this.signIn.enrol(token, options.challengeId(), answer, DESK)).isTrue();
		return passkey;
	}

	private Optional<StaffSignIn.Issued> signIn(Passkey passkey) {
		StaffSignIn.Options options = this.signIn.signInOptions();
		JsonNode publicKey = JSON.valueToTree(options.publicKey());
		return this.signIn.signIn(options.challengeId(), JSON.writeValueAsString(passkey.get(publicKey)), DESK);
	}

	@Test
	void enrolmentWhenLinkUsedThenPasskeyRegisteredAndTheLinkIsSpent() {
		String username = name();
		StaffMemberService.Created created = this.members
			.create(username, "Sam Support", Set.of(Actor.Staff.Role.SUPPORT), "test")
			.orElseThrow();
		assertThat(created.toString()).doesNotContain("ghe_");
		assertThat(this.jdbc.sql("select count(*) from staff_passkeys where staff_id = ?").param(created.member().id())
			.query(Integer.class).single()).as("no credential until enrolment").isZero();
		enrolled(created.enrolmentLink());
		assertThat(this.signIn.enrolmentOptions(token(created.enrolmentLink()))).as("single use").isEmpty();
		assertThat(this.members.create(username, "Again", Set.of(Actor.Staff.Role.ADMIN), "test"))
			.as("usernames are unique").isEmpty();
		assertThat(this.members.create("Bad Name!", "x", Set.of(Actor.Staff.Role.ADMIN), "test")).isEmpty();
	}

	@Test
	void signInWhenPasskeyVerifiesThenAShortSessionWithTheMembersRoles() {
		StaffMemberService.Created created = this.members
			.create(name(), "Rita Reviewer", Set.of(Actor.Staff.Role.REVIEWER), "test")
			.orElseThrow();
		Passkey passkey = enrolled(created.enrolmentLink());
		StaffSignIn.Issued issued = signIn(passkey).orElseThrow();
		assertThat(issued.token()).startsWith("ghst_");
		assertThat(this.signIn.authenticate(issued.token())).hasValueSatisfying(m -> {
			assertThat(m.id()).isEqualTo(created.member().id());
			assertThat(m.has(Actor.Staff.Role.REVIEWER)).isTrue();
			assertThat(m.has(Actor.Staff.Role.SUPPORT)).isFalse();
		});
		this.clock.advance(Duration.ofMinutes(16));
		try {
			assertThat(this.signIn.authenticate(issued.token())).as("15 minutes idle ends it").isEmpty();
		}
		finally {
			this.clock.advance(Duration.ofMinutes(16).negated());
		}
	}

	@Test
	void signInWhenAssertionForgedReplayedOrFromAnotherOriginThenRefused() {
		StaffMemberService.Created created = this.members
			.create(name(), "Ada Admin", Set.of(Actor.Staff.Role.ADMIN), "test")
			.orElseThrow();
		Passkey passkey = enrolled(created.enrolmentLink());

		StaffSignIn.Options options = this.signIn.signInOptions();
		Map<String, Object> answer = passkey.get(JSON.valueToTree(options.publicKey()));
		Map<String, Object> forged = Passkey.tamper(answer, "signature", bytes -> bytes[bytes.length - 1] ^= 1);
		assertThat(this.signIn.signIn(options.challengeId(), JSON.writeValueAsString(forged), DESK)).isEmpty();
		assertThat(this.signIn.signIn(options.challengeId(), JSON.writeValueAsString(answer), DESK))
			.as("the challenge was spent by the forged attempt").isEmpty();

		StaffSignIn.Options phishing = this.signIn.signInOptions();
		passkey.moveTo("https://staff-gatehouse.evil.example");
		Map<String, Object> elsewhere = passkey.get(JSON.valueToTree(phishing.publicKey()));
		assertThat(this.signIn.signIn(phishing.challengeId(), JSON.writeValueAsString(elsewhere), DESK)).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from security_events where type = 'staff_sign_in_failed'")
			.query(Integer.class).single()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void consoleWhenNoStaffSessionThenSignInPageEvenWithACustomerSession() {
		String customer = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		for (String path : List.of("/staff", "/staff/recovery", "/staff/accounts?q=x")) {
			ApiClient.Response anonymous = this.api.get(path, null);
			assertThat(anonymous.status()).as(path).isEqualTo(302);
			assertThat(anonymous.header("Location")).endsWith("/staff/signin");
			ApiClient.Response withCustomerCookie = this.api.get(path, null, "Cookie", "__Host-gh_session=" + customer);
			assertThat(withCustomerCookie.status()).as(path).isEqualTo(302);
		}
		assertThat(this.api.get("/staff/signin", null).status()).isEqualTo(200);
	}

	@Test
	void commandWhenArgumentsValidThenCreatesAndPrintsTheLinkElseUsage() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
		PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
		assertThat(StaffCommand.parse(List.of("staff", "create", "--username", "x"), e)).isEmpty();
		assertThat(StaffCommand.parse(List.of("staff", "create", "--username", "xy", "--roles", "god"), e)).isEmpty();
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: gatehouse staff create");
		String username = name();
		StaffCommand.Request request = StaffCommand
			.parse(List.of("staff", "create", "--username", username, "--roles", "reviewer,support"), e)
			.orElseThrow();
		assertThat(StaffCommand.run(request, this.members, o, e)).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("/staff/enrol?token=ghe_");
		assertThat(this.members.findByUsername(username)).hasValueSatisfying(
				m -> assertThat(m.roles()).containsExactlyInAnyOrder(Actor.Staff.Role.REVIEWER, Actor.Staff.Role.SUPPORT));
		assertThat(StaffCommand.run(request, this.members, o, e)).as("taken").isEqualTo(1);
	}

	@Autowired
	ResetRequests resets;

	@Test
	void rc06SupportWhenStartingAResetThenTheOwnerGetsTheLinkAndTheLogNamesTheStaffMember() {
		String email = this.accounts.create();
		String accountId = this.api.get("/api/v1/me", this.accounts.signIn(email, TestAccounts.PASSWORD)).text("id");
		Actor.Staff support = new Actor.Staff(UUID.randomUUID(), "sam", Set.of(Actor.Staff.Role.SUPPORT),
				UUID.randomUUID());
		assertThat(this.resets.startForAccount(UUID.fromString(accountId), support.auditName(), DESK)).isTrue();
		assertThat(TestMail.body(
				TestMail.awaitSubject(email, "Reset your Gatehouse password")))
			.contains("/reset-password?token=ghr_");
		assertThat(this.jdbc.sql("""
				select actor from security_events where account_id = ?::uuid and type = 'password_reset_started_by_staff'""")
			.param(accountId).query(String.class).single()).isEqualTo(support.auditName());
	}

	@Test
	void singleUseWhenEnrolmentLinkOrSignInAnswerUsedInParallelThenExactlyOneWins() throws Exception {
		StaffMemberService.Created created = this.members
			.create(name(), "Race Reviewer", Set.of(Actor.Staff.Role.REVIEWER), "test")
			.orElseThrow();
		String token = token(created.enrolmentLink());
		Passkey passkey = Passkey.at(this.port);
		List<String[]> answers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			StaffSignIn.Options options = this.signIn.enrolmentOptions(token).orElseThrow();
			answers.add(new String[] { options.challengeId().toString(),
					JSON.writeValueAsString(passkey.create(JSON.valueToTree(options.publicKey()))) });
		}
		AtomicInteger next = new AtomicInteger();
		int enrolled = Race.successes(10, () -> {
			String[] answer = answers.get(next.getAndIncrement());
			return this.signIn.enrol(token, UUID.fromString(answer[0]), answer[1], DESK);
		});
		assertThat(enrolled).as("one passkey per enrolment link").isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from staff_passkeys where staff_id = ?").param(created.member().id())
			.query(Integer.class).single()).isEqualTo(1);

		// One sign-in answer, sent ten times at once: its challenge is spent by exactly one.
		Passkey single = enrolled(this.members.create(name(), "Solo", Set.of(Actor.Staff.Role.SUPPORT), "test")
			.orElseThrow()
			.enrolmentLink());
		StaffSignIn.Options options = this.signIn.signInOptions();
		String answer = JSON.writeValueAsString(single.get(JSON.valueToTree(options.publicKey())));
		int sessions = Race.successes(10,
				() -> this.signIn.signIn(options.challengeId(), answer, DESK).isPresent());
		assertThat(sessions).as("one sign-in per challenge").isEqualTo(1);
	}

	/** A console browser signed in as a new member with these roles. */
	private Console console(Actor.Staff.Role... roles) {
		StaffMemberService.Created created = this.members.create(name(), "Console User", Set.of(roles), "test").orElseThrow();
		Browserless browser = new Browserless(this.port);
		browser.setCookie("__Host-gh_staff", signIn(enrolled(created.enrolmentLink())).orElseThrow().token());
		return new Console(browser, created.member().id());
	}

	private record Console(Browserless browser, UUID id) {

		ApiClient.Response post(String path, Map<String, String> fields) {
			Map<String, String> form = new LinkedHashMap<>();
			form.put("_csrf", Browserless.hiddenFields(this.browser.get("/staff")).get("_csrf"));
			form.putAll(fields);
			return this.browser.post(path, form);
		}
	}

	@Test
	void supportWhenLockingAnAccountThenSignInStopsSessionsEndAndOnlyAnUnlockReopensIt() {
		String email = this.accounts.create();
		JsonNode signedIn = this.accounts.signInResponse(email, TestAccounts.PASSWORD).json().path("session");
		String session = signedIn.path("token").asString();
		String deviceToken = signedIn.path("deviceToken").asString();
		String accountId = this.api.get("/api/v1/me", session).text("id");
		Console support = console(Actor.Staff.Role.SUPPORT);

		assertThat(support.post("/staff/accounts/" + accountId + "/lock", Map.of()).status()).isEqualTo(302);

		assertThat(this.api.get("/api/v1/me", session).status()).as("sessions end").isEqualTo(401);
		ApiClient.Response refused = this.accounts.signInResponse(email, TestAccounts.PASSWORD);
		assertThat(refused.status()).isNotEqualTo(200);
		assertThat(refused.body()).doesNotContain("ghs_");
		assertThat(support.browser().get("/staff/accounts/" + accountId).body()).contains("locked (the owner unlocks it");
		assertThat(TestMail.body(
				TestMail.awaitSubject(email, "locked by support"))).contains("/unlock");
		this.clock.advance(Duration.ofDays(3));
		try {
			assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status())
				.as("the lock does not run out").isNotEqualTo(200);
		}
		finally {
			this.clock.advance(Duration.ofDays(3).negated());
		}

		String flow = this.api.post("/api/v1/signin/flows", null, null).text("id");
		assertThat(this.api.post("/api/v1/signin/flows/" + flow + "/password", Map.of("identifier", email, "password",
				TestAccounts.PASSWORD, "deviceToken", deviceToken), null).status())
			.as("a known browser's own budget does not get past it").isNotEqualTo(200);
		assertThat(support.browser().get("/staff/accounts/" + accountId).body()).as("right passwords do not lift it")
			.contains("locked (the owner unlocks it");
		assertThat(support.post("/staff/accounts/" + accountId + "/unlock", Map.of()).status()).isEqualTo(302);
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status()).isEqualTo(200);
		assertThat(this.jdbc.sql("""
				select string_agg(type || ' by ' || actor, ',' order by id) from security_events
				where account_id = ?::uuid and type in ('staff_locked_account', 'staff_unlocked_account')""")
			.param(accountId).query(String.class).single())
			.isEqualTo("staff_locked_account by staff:" + support.id() + ",staff_unlocked_account by staff:" + support.id());
	}

	@Test
	void consoleWhenTheRoleIsMissingThenForbiddenAndNothingHappens() {
		String email = this.accounts.create();
		String accountId = this.api.get("/api/v1/me", this.accounts.signIn(email, TestAccounts.PASSWORD)).text("id");
		Console reviewer = console(Actor.Staff.Role.REVIEWER);
		for (String action : List.of("lock", "freeze", "revoke-sessions", "password-reset", "high-value")) {
			assertThat(reviewer.post("/staff/accounts/" + accountId + "/" + action, Map.of("value", "true")).status())
				.as(action).isEqualTo(403);
		}
		assertThat(reviewer.browser().get("/staff/members").status()).isEqualTo(403);
		assertThat(reviewer.post("/staff/members", Map.of("username", name(), "name", "X", "roles", "admin")).status())
			.isEqualTo(403);
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).status()).isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from security_events where account_id = ?::uuid and type like 'staff_%'")
			.param(accountId).query(Integer.class).single()).isZero();
	}

	@Test
	void adminWhenManagingStaffThenCreatesChangesRolesDisablesAndNeverLocksThemselvesOut() {
		Console admin = console(Actor.Staff.Role.ADMIN);
		String username = name();

		ApiClient.Response created = admin.post("/staff/members",
				Map.of("username", username, "name", "Nina New", "roles", "support"));
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.header("Cache-Control")).isEqualTo("no-store");
		assertThat(created.body()).contains("/staff/enrol?token=ghe_");
		StaffMemberService.Member nina = this.members.findByUsername(username).orElseThrow();
		assertThat(nina.roles()).containsExactly(Actor.Staff.Role.SUPPORT);
		assertThat(admin.browser().get("/staff/members").body()).as("the link is shown once").doesNotContain("ghe_");

		assertThat(admin.post("/staff/members/" + nina.id() + "/roles", Map.of("roles", "reviewer")).status())
			.isEqualTo(302);
		assertThat(this.members.find(nina.id()).orElseThrow().roles()).containsExactly(Actor.Staff.Role.REVIEWER);

		Actor.Staff asAdmin = new Actor.Staff(admin.id(), "a", Set.of(Actor.Staff.Role.ADMIN), UUID.randomUUID());
		Passkey first = enrolled(this.members.reissueEnrolment(asAdmin, nina.id()).orElseThrow());
		String firstSession = signIn(first).orElseThrow().token();
		Passkey passkey = enrolled(this.members.reissueEnrolment(asAdmin, nina.id()).orElseThrow());
		assertThat(this.signIn.authenticate(firstSession)).as("a replaced passkey's sessions end").isEmpty();
		assertThat(signIn(first)).as("a new link replaces the passkey, never adds one beside it").isEmpty();
		assertThat(this.members.reissueEnrolment(asAdmin, admin.id())).as("not for oneself").isEmpty();
		String ninaSession = signIn(passkey).orElseThrow().token();
		assertThat(admin.post("/staff/members/" + nina.id() + "/disable", Map.of("disabled", "true")).status())
			.isEqualTo(302);
		assertThat(this.signIn.authenticate(ninaSession)).as("a disabled member's session ends").isEmpty();
		assertThat(signIn(passkey)).as("and their passkey no longer signs in").isEmpty();

		assertThat(admin.post("/staff/members/" + admin.id() + "/disable", Map.of("disabled", "true")).status())
			.isEqualTo(400);
		assertThat(admin.post("/staff/members/" + admin.id() + "/roles", Map.of("roles", "support")).status())
			.isEqualTo(400);
		assertThat(admin.post("/staff/members", Map.of("username", "Bad Name", "name", "x", "roles", "support")).status())
			.isEqualTo(400);
		assertThat(this.jdbc.sql("""
				select string_agg(type, ',' order by id) from security_events
				where actor = ? and type in ('staff_created', 'staff_roles_changed', 'staff_enrolment_issued', 'staff_disabled')""")
			.param("staff:" + admin.id()).query(String.class).single())
			.isEqualTo("staff_created,staff_roles_changed,staff_enrolment_issued,staff_enrolment_issued,staff_disabled");
	}
}
