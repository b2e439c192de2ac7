package io.gatehouse.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.assets.TestFunds;
import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Issue 24's members in Chromium: the owner invites a trader, who accepts with their authenticator app set up,
 * switches to the team and moves funds for it; an admin removes them, and their next page in the team is refused.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class TeamMembersBrowserJourneyTests extends BrowserJourney {

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	Currencies currencies;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	MutableClock clock;

	@Autowired
	io.gatehouse.account.Accounts repository;

	/** A person with an authenticator app: their email, secret and API session. */
	private record Person(String email, String secret, String token) {
	}

	private Person withAuthenticator(ApiClient api) {
		TestAccounts accounts = new TestAccounts(api);
		String email = accounts.create();
		TestAccounts.Enrolment enrolment = accounts.startTotpEnrolment(accounts.signIn(email, TestAccounts.PASSWORD));
		api.post("/api/v1/me/factors/totp/" + enrolment.factorId() + "/confirm",
				Map.of("code", code(enrolment.secret())), enrolment.token());
		return new Person(email, enrolment.secret(), enrolment.token());
	}

	private static final String TRADING_PASSWORD = "granite harbour 5150";

	/** The member's own trading password, set through the API with their next authenticator code; the session rotates. */
	private Person tradingPassword(ApiClient api, Person person) {
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		ApiClient.Response up = api.post("/api/v1/me/step-up", Map.of("action", "set_trading_password", "code",
				code(person.secret())), person.token());
		String rotated = up.json().path("session").path("token").asString();
		api.put("/api/v1/me/trading-password", Map.of("password", TRADING_PASSWORD), rotated, "X-Step-Up-Proof",
				up.text("proof"));
		return new Person(person.email(), person.secret(), rotated);
	}

	private String code(String secret) {
		return Totp.code(Base32.decode(secret).orElseThrow(), Totp.step(this.clock.instant()), 6);
	}

	private void signInWithCode(Page page, Person person) {
		this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
		signIn(page, person.email());
		page.getByLabel("Code from your authenticator app").fill(code(person.secret()));
		press(page, "Verify");
		assertThat(page).hasURL(base() + "/account");
	}

	@Test
	void journeyWhenOwnerInvitesATraderThenTheyMoveFundsForTheTeamUntilAnAdminRemovesThem() {
		ApiClient api = new ApiClient(this.port);
		TestAccounts accounts = new TestAccounts(api);
		String ownerEmail = accounts.create();
		String ownerToken = accounts.signIn(ownerEmail, TestAccounts.PASSWORD);
		UUID team = UUID.fromString(api.get("/api/v1/me", ownerToken).text("id"));
		new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx).deposit(team, "USDT", "100");
		api.post("/api/v1/me/sub-accounts", Map.of("name", "desk0001"), ownerToken);
		Person trader = tradingPassword(api, withAuthenticator(api));
		Person admin = tradingPassword(api, withAuthenticator(api));
		this.repository.setKycLevel(team, 1);

		try (BrowserContext owner = chromium.browser().newContext();
				BrowserContext member = chromium.browser().newContext();
				BrowserContext adminContext = chromium.browser().newContext()) {
			// The owner invites the trader from their team's page.
			Page o = owner.newPage();
			signIn(o, ownerEmail);
			o.navigate(base() + "/account/team");
			o.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Members, invitations and the team's history"))
				.click();
			assertThat(o).hasURL(base() + "/account/teams/" + team);
			o.getByLabel("Their email address").fill(trader.email());
			o.getByLabel("Role").selectOption("trader");
			press(o, "Send invitation");
			assertThat(o.getByRole(AriaRole.STATUS)).hasText("Invitation sent. It can be accepted for 72 hours.");
			screenshot(o, "72-team-invite");

			// The trader accepts, lands in the team, and sees whose team they act for.
			Page m = member.newPage();
			signInWithCode(m, trader);
			m.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Account"))
				.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Team"))
				.click();
			press(m, "Accept");
			assertThat(m).hasURL(base() + "/account/teams/" + team);
			assertThat(m.locator(".team-context")).containsText("as trader");
			assertThat(m.locator(".switcher summary")).containsText("Acting for: team of");
			// What a trader's role does not allow is not offered: no members, no withdrawal.
			assertThat(m.locator("#members-h")).hasCount(0);
			assertThat(m.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Withdraw from the team")))
				.hasCount(0);
			m.getByText("Move funds in the main account").click();
			m.getByLabel("Currency").first().selectOption("USDT");
			m.locator("#m-from").selectOption("main");
			m.locator("#m-to").selectOption("trade");
			m.locator("#m-amount").fill("10");
			press(m, "Move funds");
			assertThat(m.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Moved")))
				.hasText("Moved 10.000000 USDT.");
			assertThat(m.locator("table.history")).containsText("Funds moved between your accounts");
			screenshot(m, "73-team-member");

			// A trading-only key for the sub-account, with the trader's own verification and trading password.
			m.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("The team's API keys")).click();
			m.getByLabel("For").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("sub-account desk0001"));
			m.locator("#key-name").fill("desk bot");
			m.locator("#perm-spot").check();
			assertThat(m.locator("#perm-inner_transfer")).hasCount(0);
			m.locator("#key-passphrase").fill("desk-pass-1");
			this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
			m.locator("#key-step-up").fill(code(trader.secret()));
			m.locator("#key-trading-password").fill(TRADING_PASSWORD);
			press(m, "Create key");
			assertThat(m.locator("#new-secret")).isVisible();
			assertThat(m.locator("tr.api-key")).containsText("desk0001");
			screenshot(m, "75-team-member-key");
			m.navigate(base() + "/account/teams/" + team);

			// An admin (invited by the owner) removes the trader.
			// Making an admin is the owner's, with their verification and trading password.
			ApiClient.Response set = api.post("/api/v1/me/step-up", Map.of("action", "set_trading_password", "password",
					TestAccounts.PASSWORD), ownerToken);
			String ownerSession = set.json().path("session").path("token").asString();
			api.put("/api/v1/me/trading-password", Map.of("password", TRADING_PASSWORD), ownerSession,
					"X-Step-Up-Proof", set.text("proof"));
			ApiClient.Response grant = api.post("/api/v1/me/step-up", Map.of("action", "grant_team_admin", "params",
					io.gatehouse.team.Members.inviteParams(team, admin.email()), "password", TestAccounts.PASSWORD),
					ownerSession);
			String invitation = api.post("/api/v1/teams/" + team + "/invitations", Map.of("email", admin.email(), "role",
					"admin", "tradingPassword", TRADING_PASSWORD), grant.json().path("session").path("token").asString(),
					"X-Step-Up-Proof", grant.text("proof")).text("id");
			api.post("/api/v1/teams/invitations/" + invitation + "/accept", null, admin.token());
			Page a = adminContext.newPage();
			signInWithCode(a, admin);
			a.locator(".switcher summary").click();
			a.locator(".switcher").getByRole(AriaRole.LINK).last().click();
			assertThat(a).hasURL(base() + "/account/teams/" + team);
			Locator row = a.locator("tr[data-member]").filter(new Locator.FilterOptions().setHasText("trader"));
			assertThat(row).hasCount(1);
			row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Remove")).click();
			assertThat(a.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("removed")))
				.hasText("Member removed: their access ended at once.");
			screenshot(a, "74-team-admin");

			// The trader's next page in the team is refused; their own account is as it was.
			m.reload();
			assertThat(m.locator("main")).containsText("You are not a member of this team");
			assertThat(m.locator(".switcher")).hasCount(0);
			m.navigate(base() + "/account");
			assertThat(m).hasURL(base() + "/account");

			// The admin withdraws from the team's main account with their own code, trading password and email
			// code, once the day of cooldowns their own new authenticator and trading password started is over.
			this.clock.advance(Duration.ofHours(25));
			signInWithCode(a, admin);
			a.navigate(base() + "/account/teams/" + team);
			a.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Withdraw from the team")).click();
			a.getByLabel("Currency and network").selectOption("USDT|TRC20");
			a.getByLabel("Address", new Page.GetByLabelOptions().setExact(true)).fill("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
			a.getByLabel("Amount").fill("10");
			press(a, "Review");
			assertThat(a.getByRole(AriaRole.ALERT)).hasCount(0);
			java.util.regex.Matcher mail = java.util.regex.Pattern.compile("(?m)^\\s+(\\d{6})\\s*$").matcher(
					io.gatehouse.testsupport.TestMail.body(io.gatehouse.testsupport.TestMail.awaitSubject(admin.email(),
							"Your code to confirm a withdrawal")));
			org.assertj.core.api.Assertions.assertThat(mail.find()).isTrue();
			this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
			a.locator("#withdraw-step-up").fill(code(admin.secret()));
			a.getByLabel("Trading password").fill(TRADING_PASSWORD);
			a.getByLabel("Code from the email we just sent").fill(mail.group(1));
			screenshot(a, "76-team-admin-withdraw");
			press(a, "Withdraw");
			assertThat(a).hasURL(base() + "/account/teams/" + team + "?withdrawn");
			assertThat(a.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Withdrawal")))
				.hasText("Withdrawal requested. The owner is told.");
			org.assertj.core.api.Assertions.assertThat(io.gatehouse.testsupport.TestMail.body(
					io.gatehouse.testsupport.TestMail.awaitSubject(ownerEmail, "Withdrawal requested: 10.000000 USDT")))
				.contains("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t");
		}
	}
}
