package io.gatehouse.e2e;

import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.assets.TestFunds;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/** Issue 24's sub-accounts in Chromium: create one, fund it from the master, see it, freeze it. */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class TeamBrowserJourneyTests extends BrowserJourney {

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	Currencies currencies;

	@Autowired
	TransactionTemplate tx;

	@Test
	void journeyWhenMasterCreatesAndFundsASubAccountThenItsBalanceShowsAndItCanBeFrozen() {
		ApiClient api = new ApiClient(this.port);
		String email = new TestAccounts(api).create();
		String token = new TestAccounts(api).signIn(email, TestAccounts.PASSWORD);
		UUID master = UUID.fromString(api.get("/api/v1/me", token).text("id"));
		new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx).deposit(master, "USDT", "100");

		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			signIn(page, email);
			page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Account"))
				.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Team"))
				.click();
			assertThat(page).hasURL(base() + "/account/team");
			page.getByLabel("Name").fill("trader01");
			press(page, "Create sub-account");
			assertThat(page.getByRole(AriaRole.STATUS)).hasText("Sub-account trader01 created.");

			Locator sub = page.locator("section[data-sub='trader01']");
			sub.getByText("Move funds with trader01").click();
			sub.getByLabel("Direction").selectOption("PARENT_TO_SUB");
			sub.getByLabel("Currency").selectOption("USDT");
			sub.getByLabel("Amount").fill("25");
			press(page, "Move funds");
			assertThat(page.getByRole(AriaRole.STATUS)).hasText("Moved 25.000000 USDT.");
			assertThat(sub.locator("tbody tr").first()).containsText("25");
			sub.getByText("Open futures on trader01").click();
			sub.getByLabel("I have read and understood the risks of futures trading").check();
			press(page, "Open futures");
			assertThat(page.getByRole(AriaRole.STATUS)).hasText("Futures are open on the sub-account.");
			assertThat(sub.getByText("Open futures on trader01")).hasCount(0);
			screenshot(page, "70-team");

			// Its own API key, made by the master with security verification and the trading password; no Transfer.
			page.navigate(base() + "/account/security/trading-password");
			page.getByLabel("New trading password").fill("harbour lights 42");
			page.locator("#trading-step-up").fill(TestAccounts.PASSWORD);
			press(page, "Set trading password");
			page.navigate(base() + "/account/team");
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API keys of trader01")).click();
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
				.hasText("API keys of sub-account trader01");
			assertThat(page.locator("#perm-transfer")).hasCount(0);
			page.getByLabel("Name").fill("desk bot");
			page.locator("#perm-spot").check();
			page.getByLabel("Passphrase (8 to 32 characters, no spaces)").fill("desk-pass-1");
			page.locator("#key-step-up").fill(TestAccounts.PASSWORD);
			page.getByLabel("Trading password").fill("harbour lights 42");
			press(page, "Create key");
			assertThat(page.locator("#new-secret")).not().isEmpty();
			assertThat(page.locator("tr.api-key")).hasCount(1);
			screenshot(page, "71-sub-account-key");
			page.navigate(base() + "/account/team");

			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Freeze trader01")).click();
			assertThat(page.getByRole(AriaRole.STATUS)).containsText("frozen");
			assertThat(sub.locator("h2")).containsText("Frozen");
		}
	}
}
