package io.gatehouse.e2e;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestContextInitializer;

import org.springframework.beans.factory.annotation.Value;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The money side in Chromium: a deposit address shown as text and QR code with its network spelled out, a
 * deposit from the wallet service on the assets page, a transfer, futures refused then activated, the
 * ledger, and the assets page at phone width.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class MoneyBrowserJourneyTests extends BrowserJourney {

	@Value("${gatehouse.internal.port}")
	int internalPort;

	@Test
	void journeyWhenDepositedThenTransferredIntoSpotAndFuturesAndTheLedgerShowsIt() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		ApiClient wallet = new ApiClient(this.internalPort);
		String poolAddress = "0xJOURNEY" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		assertThat(wallet.post("/internal/v1/deposit-addresses",
				Map.of("chain", "ERC20", "addresses", List.of(Map.of("address", poolAddress))),
				TestContextInitializer.WALLET_TOKEN).status()).isEqualTo(200);
		String base = base();
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(base + "/signin");
			signIn(page, email);

			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Assets")).click();
			assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Assets"))).isVisible();
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Deposit")).click();
			page.getByLabel("Currency and network").selectOption("USDT:ERC20");
			press(page, "Show my deposit address");
			assertThat(page.getByText("Ethereum network (ERC20)").first()).isVisible();
			assertThat(page.locator(".qr svg")).isVisible();
			String address = page.locator("#deposit-address").textContent();
			screenshot(page, "40-deposit-address");

			String tx = "0x" + UUID.randomUUID().toString().replace("-", "");
			assertThat(wallet.post("/internal/v1/deposits",
					Map.of("currency", "USDT", "chain", "ERC20", "address", address, "transactionHash", tx,
							"outputIndex", 0, "amount", "120"),
					TestContextInitializer.WALLET_TOKEN).status()).isEqualTo(201);

			page.navigate(base + "/account/assets");
			assertThat(page.locator("table.assets")).containsText("120.000000");
			screenshot(page, "41-assets");

			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Transfer")).click();
			page.getByLabel("Currency").selectOption("USDT");
			page.getByLabel("From").selectOption("main");
			page.getByLabel("To").selectOption("contract");
			page.getByLabel("Amount").fill("20");
			press(page, "Transfer");
			assertThat(page.getByRole(AriaRole.ALERT)).containsText("Futures are not activated");
			screenshot(page, "42-futures-refused");
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Activate futures")).click();
			assertThat(page.getByText("Liquidation")).isVisible();
			page.getByLabel("I have read and understood the risks of futures trading.").check();
			press(page, "Activate futures");
			assertThat(page.getByText("Futures are active on your account")).isVisible();

			page.navigate(base + "/account/transfer");
			page.getByLabel("Currency").selectOption("USDT");
			page.getByLabel("From").selectOption("main");
			page.getByLabel("To").selectOption("trade");
			page.getByLabel("Amount").fill("40.5");
			press(page, "Transfer");
			assertThat(page.getByRole(AriaRole.STATUS)).containsText("Moved 40.500000 USDT");

			page.navigate(base + "/account/ledger?currency=USDT");
			assertThat(page.locator("table.list")).containsText("+40.500000 USDT");
			assertThat(page.locator("table.list")).containsText("Deposit");
			screenshot(page, "43-ledger");

			page.setViewportSize(390, 844);
			page.navigate(base + "/account/assets");
			assertThat(page.locator("table.assets")).containsText("79.500000");
			screenshot(page, "44-assets-phone");
		}
	}
}
