package io.gatehouse.team;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.assets.TestFunds;
import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.ledger.LedgerCheck;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.SecondNode;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24, members: invitations (single use, 72 hours, the invited address only, with a second factor, told to the
 * owner), what each role may do (every cell of the matrix asserted, nothing written on a refusal), removal at once
 * on every node, and every step attributed to the member who took it.
 */
@IntegrationTest
class TeamMemberIntegrationTests extends ApiTest {

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	Currencies currencies;

	@Autowired
	LedgerCheck check;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	Environment environment;

	@Autowired
	Members members;

	String ownerEmail;

	String owner;

	UUID team;

	String sub;

	@BeforeEach
	void team() {
		this.ownerEmail = this.accounts.create();
		this.owner = this.accounts.signIn(this.ownerEmail, TestAccounts.PASSWORD);
		this.team = UUID.fromString(this.api.get("/api/v1/me", this.owner).text("id"));
		new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx).deposit(this.team, "USDT", "1000");
		this.sub = this.api.post("/api/v1/me/sub-accounts", Map.of("name", "desk0001"), this.owner).text("id");
	}

	/** A person, signed in: their email, session token, id and authenticator secret (if they have one). */
	record Person(String email, String token, UUID id, String secret) {
	}

	private Person person(boolean secondFactor) {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		String secret = "";
		if (secondFactor) {
			TestAccounts.Enrolment enrolment = this.accounts.startTotpEnrolment(token);
			token = enrolment.token();
			secret = enrolment.secret();
			String code = Totp.code(Base32.decode(enrolment.secret()).orElseThrow(), Totp.step(this.clock.instant()), 6);
			assertThat(this.api.post("/api/v1/me/factors/totp/" + enrolment.factorId() + "/confirm", Map.of("code", code),
					token).status()).isEqualTo(200);
			this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		}
		return new Person(email, token, UUID.fromString(this.api.get("/api/v1/me", token).text("id")), secret);
	}

	private ApiClient.Response invite(String by, String email, String role, String... subs) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("email", email);
		body.put("role", role);
		if (subs.length > 0) {
			body.put("subAccounts", List.of(subs));
		}
		return this.api.post("/api/v1/teams/" + this.team + "/invitations", body, by);
	}

	private Person member(String role, String... subs) {
		Person p = person(true);
		String id = (role.equals("admin") ? inviteAdmin(p.email()) : invite(this.owner, p.email(), role, subs)).text("id");
		ApiClient.Response accepted = this.api.post("/api/v1/teams/invitations/" + id + "/accept", null, p.token());
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		return p;
	}

	/**
	 * The owner invites an admin as a client does: the step-up parameters, a proof for {@code grant_team_admin} with
	 * the owner's password (they have no second factor), and the owner's trading password (set once).
	 */
	private ApiClient.Response inviteAdmin(String email) {
		if (!this.ownerTradingPassword) {
			ApiClient.Response up = this.api.post("/api/v1/me/step-up", Map.of("action", "set_trading_password",
					"password", TestAccounts.PASSWORD), this.owner);
			this.owner = up.json().path("session").path("token").asString();
			assertThat(this.api.put("/api/v1/me/trading-password", Map.of("password", TRADING_PASSWORD), this.owner,
					"X-Step-Up-Proof", up.text("proof")).status()).isEqualTo(200);
			this.ownerTradingPassword = true;
		}
		Map<String, String> params = new LinkedHashMap<>();
		this.api.post("/api/v1/teams/" + this.team + "/admin-grant/check", Map.of("email", email), this.owner).json()
			.path("stepUpParams").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
		ApiClient.Response up = this.api.post("/api/v1/me/step-up", Map.of("action", "grant_team_admin", "params",
				params, "password", TestAccounts.PASSWORD), this.owner);
		assertThat(up.status()).as(up.body()).isEqualTo(200);
		this.owner = up.json().path("session").path("token").asString();
		return this.api.post("/api/v1/teams/" + this.team + "/invitations", Map.of("email", email, "role", "admin",
				"tradingPassword", TRADING_PASSWORD), this.owner, "X-Step-Up-Proof", up.text("proof"));
	}

	boolean ownerTradingPassword;

	private ApiClient.Response transfer(String token, String clientOid) {
		return this.api.post("/api/v1/teams/" + this.team + "/transfers", Map.of("clientOid", clientOid, "currency",
				"USDT", "amount", "1", "from", "main", "to", "trade"), token);
	}

	private int transfers() {
		return this.jdbc.sql("select count(*) from ledger_transfers where kind in ('internal_transfer', 'sub_transfer')")
			.query(Integer.class).single();
	}

	private int rows(String table) {
		return this.jdbc.sql("select count(*) from " + table).query(Integer.class).single();
	}

	@Test
	void inviteWhenAcceptedByTheInvitedAddressWithASecondFactorThenOnceAndTheOwnerIsTold() {
		Person p = person(true);
		ApiClient.Response invited = invite(this.owner, p.email(), "trader");
		assertThat(invited.status()).as(invited.body()).isEqualTo(201);
		String mail = TestMail.body(TestMail.awaitSubject(p.email(), "invited to a team"));
		assertThat(mail).contains("as trader").contains("account/team").doesNotContain(invited.text("id"));

		var pending = this.api.get("/api/v1/teams", p.token()).json().path("invitations");
		assertThat(pending.size()).isEqualTo(1);
		assertThat(pending.get(0).path("role").asString()).isEqualTo("trader");

		ApiClient.Response accepted = this.api.post("/api/v1/teams/invitations/" + invited.text("id") + "/accept", null,
				p.token());
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		assertThat(accepted.json().path("teams").get(0).path("id").asString()).isEqualTo(this.team.toString());
		ApiClient.Response again = this.api.post("/api/v1/teams/invitations/" + invited.text("id") + "/accept", null,
				p.token());
		assertThat(again.text("code")).isEqualTo("team_invitation_unknown");
		assertThat(TestMail.body(TestMail.awaitSubject(this.ownerEmail, "Your team changed")))
			.contains("joined your team as trader");
		var joined = this.api.get("/api/v1/teams/" + this.team + "/events", p.token()).json().path("events");
		assertThat(joined.findValuesAsString("event")).contains("team_member_joined", "team_member_invited");
		assertThat(joined.get(0).path("actor").asString()).isEqualTo("member:" + p.id());
	}

	@Test
	void acceptWhenAnotherAccountOrNoSecondFactorOrExpiredThenRefusedAndNothingWritten() {
		Person invited = person(false);
		Person other = person(true);
		String id = invite(this.owner, invited.email(), "viewer").text("id");

		ApiClient.Response byOther = this.api.post("/api/v1/teams/invitations/" + id + "/accept", null, other.token());
		assertThat(byOther.status()).isEqualTo(403);
		assertThat(byOther.text("code")).isEqualTo("team_invitation_not_yours");
		assertThat(TestMail.body(TestMail.awaitSubject(this.ownerEmail, "Your team changed")))
			.contains("tried to accept an invitation");
		ApiClient.Response noFactor = this.api.post("/api/v1/teams/invitations/" + id + "/accept", null,
				invited.token());
		assertThat(noFactor.text("code")).isEqualTo("team_second_factor_required");
		assertThat(rows("team_members where team_id = '" + this.team + "'")).isZero();

		Person late = person(true);
		String lateId = invite(this.owner, late.email(), "viewer").text("id");
		this.clock.advance(Members.INVITATION_LIFETIME);
		// Sessions do not last 72 hours: the service is asked directly, as the API would ask it.
		assertThat(this.members.accept(late.id(), UUID.fromString(lateId), new RequestContext(ClientIp.of("192.0.2.7"), "test")))
			.contains(TeamRejection.INVITATION_EXPIRED);
		assertThat(this.members.invitationsFor(late.id())).isEmpty();
		assertThat(this.members.invite(new io.gatehouse.kernel.Actor.Customer(this.team, UUID.randomUUID()), this.team,
				late.email(), "viewer", null, Members.AdminGrant.NONE, new RequestContext(ClientIp.of("192.0.2.7"), "test")))
			.as("a new invitation after expiry")
			.isInstanceOf(Members.Invited.Done.class);
		assertThat(rows("team_members where team_id = '" + this.team + "'")).isZero();
	}

	@Test
	void acceptWhenTwentyAtOnceThenOneMembership() throws Exception {
		Person p = person(true);
		String id = invite(this.owner, p.email(), "viewer").text("id");

		int won = Race.successes(20, () -> this.api.post("/api/v1/teams/invitations/" + id + "/accept", null,
				p.token()).status() == 200);

		assertThat(won).isEqualTo(1);
		assertThat(rows("team_members where member_id = '" + p.id() + "'")).isEqualTo(1);
	}

	@Test
	void inviteWhenMalformedThenFourHundredWithACodeAndNothingWritten() {
		int before = rows("team_invitations");
		assertThat(invite(this.owner, "not an address", "viewer").text("code")).isEqualTo("team_invitation_email_invalid");
		assertThat(invite(this.owner, TestAccounts.newEmail(), "superuser").text("code")).isEqualTo("team_role_invalid");
		assertThat(invite(this.owner, TestAccounts.newEmail(), "viewer", UUID.randomUUID().toString()).text("code"))
			.isEqualTo("team_sub_accounts_invalid");
		assertThat(invite(this.owner, this.ownerEmail, "viewer").text("code")).isEqualTo("team_invitation_self");
		String email = TestAccounts.newEmail();
		assertThat(invite(this.owner, email, "viewer").status()).isEqualTo(201);
		assertThat(invite(this.owner, email, "trader").text("code")).isEqualTo("team_invitation_exists");
		assertThat(rows("team_invitations")).isEqualTo(before + 1);
		assertThat(transfer(this.owner, "x").status()).as("the owner acts through the same paths").isEqualTo(201);
		ApiClient.Response numberAmount = this.api.post("/api/v1/teams/" + this.team + "/transfers", Map.of("clientOid",
				"y", "currency", "USDT", "amount", 1, "from", "main", "to", "trade"), this.owner);
		assertThat(numberAmount.text("code")).isEqualTo("amount_invalid");
	}

	/**
	 * Every action for every role: the status it gets, and on a refusal that nothing was written (no transfer, no
	 * sub-account, no member or invitation).
	 */
	@Test
	void matrixWhenEachRoleTriesEachActionThenAllowedExactlyAsTheRoleSays() {
		Person viewer = member("viewer");
		Person trader = member("trader");
		Person admin = member("admin");
		Person target = member("viewer");
		Person otherAdmin = member("admin");
		// The owner's session rotated with each admin made: their token is taken last.
		Map<String, String> tokens = new LinkedHashMap<>();
		tokens.put("viewer", viewer.token());
		tokens.put("trader", trader.token());
		tokens.put("admin", admin.token());
		tokens.put("owner", this.owner);
		tokens.put("outsider", person(true).token());

		// Each action and whether viewer, trader, admin and owner may take it; an outsider never may.
		record Cell(String action, boolean viewer, boolean trader, boolean admin, boolean owner) {
		}
		List<Cell> matrix = List.of(new Cell("view", true, true, true, true), new Cell("ledger", true, true, true, true),
				new Cell("history", true, true, true, true), new Cell("api_keys", true, true, true, true),
				new Cell("create_trading_key", false, true, true, true), new Cell("transfer", false, true, true, true),
				new Cell("sub_transfer", false, true, true, true), new Cell("members", false, false, true, true),
				new Cell("invite_viewer", false, false, true, true), new Cell("invite_admin", false, false, false, true),
				new Cell("create_sub_account", false, false, true, true),
				new Cell("change_to_trader", false, false, true, true),
				new Cell("change_admin", false, false, false, true));
		int n = 0;
		for (Cell cell : matrix) {
			for (Map.Entry<String, String> who : tokens.entrySet()) {
				boolean allowed = switch (who.getKey()) {
					case "viewer" -> cell.viewer();
					case "trader" -> cell.trader();
					case "admin" -> cell.admin();
					case "owner" -> cell.owner();
					default -> false;
				};
				int transfers = transfers();
				int invitations = rows("team_invitations");
				int subs = rows("accounts where master_id = '" + this.team + "'");
				int keys = rows("api_keys");
				String members = this.jdbc.sql("select string_agg(member_id || role, ',' order by member_id) from team_members where team_id = ?")
					.param(this.team).query(String.class).single();
				n++;
				ApiClient.Response r = switch (cell.action()) {
					case "view" -> this.api.get("/api/v1/teams/" + this.team, who.getValue());
					case "ledger" -> this.api.get("/api/v1/teams/" + this.team + "/ledger", who.getValue());
					case "history" -> this.api.get("/api/v1/teams/" + this.team + "/events", who.getValue());
					case "api_keys" -> this.api.get("/api/v1/teams/" + this.team + "/api-keys", who.getValue());
					// Allowed roles get as far as their own security verification (none is sent): nothing is made.
					case "create_trading_key" -> this.api.post("/api/v1/teams/" + this.team + "/api-keys",
							Map.of("subAccountId", this.sub, "name", "m" + n, "permissions", List.of("Spot"), "passphrase",
									"desk-pass-1"), who.getValue());
					case "transfer" -> transfer(who.getValue(), "m-" + n);
					case "sub_transfer" -> this.api.post("/api/v1/teams/" + this.team + "/sub-accounts/" + this.sub
							+ "/transfers", Map.of("clientOid", "s-" + n, "direction", "PARENT_TO_SUB", "currency", "USDT",
							"amount", "1", "from", "main", "to", "main"), who.getValue());
					case "members" -> this.api.get("/api/v1/teams/" + this.team + "/members", who.getValue());
					case "invite_viewer" -> invite(who.getValue(), TestAccounts.newEmail(), "viewer");
					case "invite_admin" -> invite(who.getValue(), TestAccounts.newEmail(), "admin");
					case "create_sub_account" -> this.api.post("/api/v1/teams/" + this.team + "/sub-accounts",
							Map.of("name", "matrix" + n + "x"), who.getValue());
					case "change_to_trader" -> this.api.put("/api/v1/teams/" + this.team + "/members/" + target.id(),
							Map.of("role", n % 2 == 0 ? "trader" : "viewer"), who.getValue());
					case "change_admin" -> this.api.put("/api/v1/teams/" + this.team + "/members/" + otherAdmin.id(),
							Map.of("role", "admin", "subAccounts", List.of()), who.getValue());
					default -> throw new IllegalStateException(cell.action());
				};
				String what = cell.action() + " by " + who.getKey() + ": " + r.body();
				if (allowed && (cell.action().equals("create_trading_key")
						|| cell.action().equals("invite_admin"))) {
					assertThat(r.text("code")).as(what).isEqualTo("step_up_required");
				}
				else if (allowed) {
					assertThat(r.status()).as(what).isBetween(200, 204);
				}
				else {
					if (who.getKey().equals("outsider")) {
						assertThat(r.status()).as(what).isEqualTo(404);
						assertThat(r.text("code")).as(what).isEqualTo("team_unknown");
					}
					else {
						assertThat(r.status()).as(what).isEqualTo(403);
						assertThat(r.text("code")).as(what).isIn("team_role_insufficient", "team_owner_only");
					}
					assertThat(transfers()).as(what).isEqualTo(transfers);
					assertThat(rows("team_invitations")).as(what).isEqualTo(invitations);
					assertThat(rows("accounts where master_id = '" + this.team + "'")).as(what).isEqualTo(subs);
					assertThat(rows("api_keys")).as(what).isEqualTo(keys);
					assertThat(this.jdbc.sql("select string_agg(member_id || role, ',' order by member_id) from team_members where team_id = ?")
						.param(this.team).query(String.class).single()).as(what).isEqualTo(members);
				}
			}
		}
		assertThat(this.check.run().conserved()).isTrue();
		// Transfers by a member are on the team's chain naming the member.
		assertThat(this.jdbc.sql("select count(*) from security_events where account_id = ? and type = 'internal_transfer_made' and actor = ?")
			.params(this.team, "member:" + admin.id()).query(Integer.class).single()).isEqualTo(1);
	}

	@Test
	void adminWhenFreezingThenAllowedButUnfreezingAndTheirInvitationsAfterRemovalAreTheOwners() {
		Person admin = member("admin");
		String invited = invite(admin.token(), TestAccounts.newEmail(), "viewer").text("id");
		assertThat(this.api.post("/api/v1/teams/" + this.team + "/sub-accounts/" + this.sub + "/freeze", null,
				admin.token()).status()).isEqualTo(204);
		ApiClient.Response unfreeze = this.api.post("/api/v1/teams/" + this.team + "/sub-accounts/" + this.sub
				+ "/unfreeze", null, admin.token());
		assertThat(unfreeze.text("code")).isEqualTo("team_owner_only");
		assertThat(io.gatehouse.testsupport.Await.until("the owner hears of a member's freeze", Duration.ofSeconds(10),
				() -> TestMail.to(this.ownerEmail, 1, Duration.ZERO).stream().map(TestMail::body)
					.filter(b -> b.contains("froze the sub-account desk0001")).findFirst())).contains("froze");
		assertThat(this.api.post("/api/v1/teams/" + this.team + "/sub-accounts/" + this.sub + "/unfreeze", null,
				this.owner).status()).isEqualTo(204);

		// Narrowing an admin to a sub-account needs nothing; widening them back to the whole team is a grant.
		assertThat(this.api.put("/api/v1/teams/" + this.team + "/members/" + admin.id(), Map.of("role", "admin",
				"subAccounts", List.of(this.sub)), this.owner).status()).isEqualTo(204);
		assertThat(this.jdbc.sql("select ended_how from team_invitations where id = ?").param(UUID.fromString(invited))
			.query(String.class).single()).as("what an admin sent ends when they stop being one of the whole team")
			.isEqualTo("revoked");
		assertThat(this.api.put("/api/v1/teams/" + this.team + "/members/" + admin.id(), Map.of("role", "admin",
				"subAccounts", List.of()), this.owner).text("code")).isEqualTo("step_up_required");
		assertThat(this.api.put("/api/v1/teams/" + this.team + "/members/" + admin.id(), Map.of("role", "admin"),
				this.owner).status()).as("no subAccounts: kept as they are").isEqualTo(204);
		assertThat(this.jdbc.sql("select array_length(sub_accounts, 1) from team_members where member_id = ?")
			.param(admin.id()).query(Integer.class).single()).isEqualTo(1);

		assertThat(this.api.delete("/api/v1/teams/" + this.team + "/members/" + admin.id(), this.owner).status())
			.isEqualTo(204);
	}

	@Test
	void scopedMemberWhenActingOutsideTheirSubAccountsThenRefused() {
		String other = this.api.post("/api/v1/me/sub-accounts", Map.of("name", "desk0002"), this.owner).text("id");
		Person p = member("trader", this.sub);
		var view = this.api.get("/api/v1/teams/" + this.team, p.token()).json();
		assertThat(view.path("assets").size()).as("no master balances for a scoped member").isZero();
		assertThat(view.path("subAccounts").size()).isEqualTo(1);
		assertThat(transfer(p.token(), "scoped-1").text("code")).isEqualTo("team_sub_account_not_assigned");
		assertThat(this.api.post("/api/v1/me/sub-accounts/" + this.sub + "/transfers", Map.of("clientOid", "fund",
				"direction", "PARENT_TO_SUB", "currency", "USDT", "amount", "20", "from", "main", "to", "trade"),
				this.owner).status()).isEqualTo(201);
		ApiClient.Response down = this.api.post("/api/v1/teams/" + this.team + "/sub-accounts/" + this.sub
				+ "/transfers", Map.of("clientOid", "scoped-2", "direction", "PARENT_TO_SUB", "currency", "USDT", "amount",
				"5", "from", "main", "to", "trade"), p.token());
		assertThat(down.text("code")).as("from the main account: not theirs").isEqualTo("team_sub_account_not_assigned");
		ApiClient.Response up = this.api.post("/api/v1/teams/" + this.team + "/sub-accounts/" + this.sub + "/transfers",
				Map.of("clientOid", "scoped-3", "direction", "SUB_TO_PARENT", "currency", "USDT", "amount", "5", "from",
						"trade", "to", "main"), p.token());
		assertThat(up.status()).as(up.body()).isEqualTo(201);
		assertThat(this.api.get("/api/v1/teams/" + this.team + "/members", p.token()).status()).isEqualTo(403);
		assertThat(this.api.get("/api/v1/teams/" + this.team + "/withdrawals", p.token()).text("code"))
			.isEqualTo("team_sub_account_not_assigned");
		ApiClient.Response elsewhere = this.api.post("/api/v1/teams/" + this.team + "/sub-accounts/" + other
				+ "/transfers", Map.of("clientOid", "scoped-4", "direction", "SUB_TO_PARENT", "currency", "USDT", "amount",
				"5", "from", "main", "to", "trade"), p.token());
		assertThat(elsewhere.text("code")).isEqualTo("team_sub_account_not_assigned");

		// A member leaves on their own: at once, and the owner is told.
		assertThat(this.api.delete("/api/v1/teams/" + this.team + "/members/" + p.id(), p.token()).status())
			.isEqualTo(204);
		assertThat(this.api.get("/api/v1/teams/" + this.team, p.token()).text("code")).isEqualTo("team_unknown");
		assertThat(this.api.get("/api/v1/teams", p.token()).json().path("teams").size()).isZero();
		assertThat(io.gatehouse.testsupport.Await.until("the owner hears the member left", Duration.ofSeconds(10),
				() -> TestMail.to(this.ownerEmail, 1, Duration.ZERO).stream().map(TestMail::body)
					.filter(b -> b.contains("left your team")).findFirst())).contains("left");
	}

	@Test
	void removeWhenTransfersAreInFlightThenNoneCommitsAfterTheRemovalAndBothNodesRefuseAtOnce() throws Exception {
		Person trader = member("trader");
		try (SecondNode second = SecondNode.startLike(this.environment, this.clock)) {
			ApiClient onSecond = new ApiClient(second.port());
			assertThat(onSecond.get("/api/v1/teams/" + this.team, trader.token()).status()).isEqualTo(200);

			// Four clients, two per node, transfer until a request sent after the removal returned is refused. The
			// removal starts once each of them has made a transfer, so it lands among requests in flight.
			AtomicBoolean removed = new AtomicBoolean();
			AtomicInteger afterRemoval = new AtomicInteger();
			AtomicInteger refusedAfter = new AtomicInteger();
			CountDownLatch working = new CountDownLatch(4);
			ExecutorService pool = Executors.newFixedThreadPool(4);
			List<Future<?>> running = new ArrayList<>();
			AtomicInteger ids = new AtomicInteger();
			for (int t = 0; t < 4; t++) {
				ApiClient client = t % 2 == 0 ? this.api : onSecond;
				running.add(pool.submit(() -> {
					boolean counted = false;
					try {
						for (int i = 0; i < 200; i++) {
							boolean before = removed.get();
							int status = transfer2(client, trader.token(), "race-" + ids.incrementAndGet()).status();
							if (status == 201 && before) {
								afterRemoval.incrementAndGet();
							}
							if (status == 201 && !counted) {
								counted = true;
								working.countDown();
							}
							if (status != 201 && before) {
								refusedAfter.incrementAndGet();
								return;
							}
						}
					}
					finally {
						if (!counted) {
							working.countDown();
						}
					}
				}));
			}
			assertThat(working.await(60, TimeUnit.SECONDS)).as("every client made a transfer").isTrue();
			ApiClient.Response removal = this.api.delete("/api/v1/teams/" + this.team + "/members/" + trader.id(),
					this.owner);
			removed.set(true);
			assertThat(removal.status()).as(removal.body()).isEqualTo(204);
			for (Future<?> f : running) {
				f.get();
			}
			pool.shutdown();

			assertThat(refusedAfter.get()).as("each client reached the removal").isEqualTo(4);
			assertThat(afterRemoval.get()).as("transfers sent after the removal returned that were made").isZero();
			assertThat(this.api.get("/api/v1/teams/" + this.team, trader.token()).text("code")).isEqualTo("team_unknown");
			assertThat(onSecond.get("/api/v1/teams/" + this.team, trader.token()).text("code")).isEqualTo("team_unknown");
			assertThat(this.api.get("/api/v1/me", trader.token()).status()).as("their own account stays").isEqualTo(200);
			assertThat(this.check.run().conserved()).isTrue();
			assertThat(TestMail.body(TestMail.awaitSubject(trader.email(), "removed from a team"))).contains("removed");
		}
	}

	private ApiClient.Response transfer2(ApiClient client, String token, String clientOid) {
		return client.post("/api/v1/teams/" + this.team + "/transfers", Map.of("clientOid", clientOid, "currency",
				"USDT", "amount", "1", "from", "main", "to", "trade"), token);
	}

	private static final String TRADING_PASSWORD = "granite harbour 5150";

	/** Step-up with the member's next authenticator code; the proof and the rotated token. */
	private String[] stepUp(Person p, String token, String action, Map<String, String> params) {
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		String code = Totp.code(Base32.decode(p.secret()).orElseThrow(), Totp.step(this.clock.instant()), 6);
		ApiClient.Response r = this.api.post("/api/v1/me/step-up", Map.of("action", action, "params", params, "code",
				code), token);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		return new String[] { r.text("proof"), r.json().path("session").path("token").asString() };
	}

	/** Sets the member's own trading password; returns their rotated session token. */
	private String tradingPassword(Person p) {
		String[] up = stepUp(p, p.token(), "set_trading_password", Map.of());
		ApiClient.Response set = this.api.put("/api/v1/me/trading-password", Map.of("password", TRADING_PASSWORD),
				up[1], "X-Step-Up-Proof", up[0]);
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		return up[1];
	}

	/** Checks the settings, steps up for them and creates the key for the team; the answer and the rotated token. */
	private Object[] teamKey(Person p, String token, @org.jspecify.annotations.Nullable String sub,
			List<String> permissions) {
		Map<String, Object> settings = new LinkedHashMap<>();
		if (sub != null) {
			settings.put("subAccountId", sub);
		}
		settings.put("name", "desk bot");
		settings.put("permissions", permissions);
		settings.put("ipAllowList", "");
		ApiClient.Response checked = this.api.post("/api/v1/teams/" + this.team + "/api-keys/check", settings, token);
		assertThat(checked.status()).as(checked.body()).isEqualTo(200);
		Map<String, String> params = new LinkedHashMap<>();
		checked.json().path("stepUpParams").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
		String[] up = stepUp(p, token, "create_api_key", params);
		Map<String, Object> body = new LinkedHashMap<>(settings);
		body.put("passphrase", "desk-pass-1");
		body.put("tradingPassword", TRADING_PASSWORD);
		return new Object[] { this.api.post("/api/v1/teams/" + this.team + "/api-keys", body, up[1], "X-Step-Up-Proof",
				up[0]), up[1] };
	}

	@Test
	void keysWhenATraderMakesOneForTheirSubAccountThenTradingOnlyListedWithThemAndKeptAfterTheyGo() {
		Person trader = member("trader", this.sub);
		Person viewer = member("viewer");
		String token = tradingPassword(trader);

		Object[] made = teamKey(trader, token, this.sub, List.of("Spot", "Futures"));
		ApiClient.Response created = (ApiClient.Response) made[0];
		token = (String) made[1];
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("secret")).isNotBlank();
		assertThat(this.jdbc.sql("select account_id from api_keys where api_key = ?").param(created.text("apiKey"))
			.query(UUID.class).single()).isEqualTo(UUID.fromString(this.sub));
		assertThat(TestMail.body(TestMail.awaitSubject(this.ownerEmail, "API key desk bot created"))).contains("desk bot");
		assertThat(this.jdbc.sql("select actor from security_events where account_id = ? and type = 'api_key_created'")
			.param(this.team).query(String.class).single()).isEqualTo("member:" + trader.id());

		Object[] moving = teamKey(trader, token, this.sub, List.of("InnerTransfer"));
		assertThat(((ApiClient.Response) moving[0]).text("code")).isEqualTo("team_role_insufficient");
		token = (String) moving[1];
		Object[] onMain = teamKey(trader, token, null, List.of("Spot"));
		assertThat(((ApiClient.Response) onMain[0]).text("code")).isEqualTo("team_sub_account_not_assigned");
		ApiClient.Response byViewer = this.api.post("/api/v1/teams/" + this.team + "/api-keys", Map.of("subAccountId",
				this.sub, "name", "x", "permissions", List.of("Spot"), "passphrase", "desk-pass-1"), viewer.token());
		assertThat(byViewer.text("code")).isIn("team_role_insufficient", "team_sub_account_not_assigned");
		assertThat(this.jdbc.sql("select count(*) from api_keys where account_id in (?, ?)").params(this.team,
				UUID.fromString(this.sub)).query(Integer.class).single()).isEqualTo(1);

		assertThat(this.api.delete("/api/v1/teams/" + this.team + "/members/" + trader.id(), this.owner).status())
			.isEqualTo(204);
		var listed = this.api.get("/api/v1/teams/" + this.team + "/api-keys", viewer.token()).json().path("apiKeys");
		assertThat(listed.size()).isEqualTo(1);
		assertThat(listed.get(0).path("createdBy").asString()).isEqualTo("member:" + trader.id());
		assertThat(listed.get(0).path("subAccountName").asString()).isEqualTo("desk0001");
		assertThat(listed.get(0).has("secret")).isFalse();
		assertThat(listed.get(0).path("state").asString()).as("its maker took the secret along").isEqualTo("suspended");
		assertThat(listed.get(0).path("stateReason").asString()).isEqualTo("maker_left_team");
		assertThat(TestMail.body(TestMail.awaitSubject(this.ownerEmail, "API key desk bot suspended")))
			.contains("left your team");
	}
}
