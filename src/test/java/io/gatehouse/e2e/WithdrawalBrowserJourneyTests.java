package io.gatehouse.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.account.Accounts;
import io.gatehouse.assets.TestFunds;
import io.gatehouse.kernel.Actor;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.staff.StaffMemberService;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestContextInitializer;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Issue 22's journeys in Chromium: a KYC application approved by a reviewer in the staff console; and a
 * withdrawal to a whitelisted address from adding it (passkey and trading password) through the console's
 * approval and the wallet service's report to "Sent".
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class WithdrawalBrowserJourneyTests extends BrowserJourney {

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private static final String TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

	private static final String TRADING_PASSWORD = "harbour signal 5520";

	@Autowired
	StaffMemberService staff;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Accounts repository;

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	Currencies currencies;

	@Autowired
	TransactionTemplate tx;

	@Value("${gatehouse.internal.port}")
	int internalPort;

	@Test
	void journeyWhenKycAppliedThenAReviewerApprovesInTheConsoleAndTheLevelShows() throws IOException {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		Path document = photo("id-document", Color.WHITE);
		Path selfie = photo("selfie", Color.LIGHT_GRAY);
		try (BrowserContext owner = chromium.browser().newContext();
				BrowserContext reviewer = chromium.browser().newContext()) {
			Page page = owner.newPage();
			signIn(page, email);
			page.navigate(base() + "/account/assets");
			page.locator("a[href='/account/kyc']").click();
			assertThat(page.locator("#kyc-level")).containsText("0");
			page.getByLabel("Legal name, as on your ID document").fill("Ada Lovelace");
			page.getByLabel("Date of birth").fill("1990-12-10");
			page.getByLabel("Country of residence (two letters, e.g. DE)").fill("GB");
			page.getByLabel("Photo of your ID document (JPEG or PNG, up to 5 MB)").setInputFiles(document);
			page.getByLabel("A selfie holding the document").setInputFiles(selfie);
			screenshot(page, "60-kyc-form");
			press(page, "Submit for review");
			assertThat(page.locator("#kyc-status")).containsText("Being reviewed");
			screenshot(page, "61-kyc-submitted");

			Page console = staffConsole(reviewer);
			console.locator("#kyc-queue").click();
			String applicationId = this.jdbc.sql("""
					select k.id::text from kyc_applications k join accounts a on a.id = k.account_id
					where a.email = ? and k.status = 'SUBMITTED'""").param(email).query(String.class).single();
			console.locator("a.review-kyc[href='/staff/kyc/" + applicationId + "']").click();
			assertThat(console.locator("#legal-name")).hasText("Ada Lovelace");
			assertThat(console.locator("img[alt='ID document']")).isVisible();
			Assertions.assertThat((Boolean) console.locator("img[alt='Selfie']").evaluate("i => i.naturalWidth > 0"))
				.as("the photo is served to the reviewer").isTrue();
			screenshot(console, "62-staff-kyc-application");
			console.getByLabel("Level to grant").selectOption("1");
			console.locator("#approve-kyc").click();
			assertThat(console.locator("#kyc-status")).hasText("approved");

			page.reload();
			assertThat(page.locator("#kyc-level")).containsText("1");
			assertThat(page.locator("#kyc-status")).containsText("Approved: level 1");
			screenshot(page, "63-kyc-approved");
		}
		TestMail.awaitSubject(email, "Your identity is verified");
	}

	@Test
	void journeyWhenAnAddressIsWhitelistedThenAWithdrawalToItIsApprovedSentAndShownAsSent() {
		ApiClient api = new ApiClient(this.port);
		String email = new TestAccounts(api).create();
		try (BrowserContext owner = chromium.browser().newContext();
				BrowserContext reviewer = chromium.browser().newContext()) {
			Page page = owner.newPage();
			addVirtualAuthenticator(owner.newCDPSession(page));
			signIn(page, email);
			page.navigate(base() + "/account/security/passkeys");
			page.locator("#passkey-step-up").fill(TestAccounts.PASSWORD);
			press(page, "Add a passkey");
			page.getByLabel("Name").fill("Laptop");
			press(page, "Create passkey");
			assertThat(page.getByText("Your passkey is added")).isVisible();
			page.navigate(base() + "/account/security/trading-password");
			page.getByLabel("New trading password").fill(TRADING_PASSWORD);
			press(page, "Set trading password");
			assertThat(page.getByText("Your trading password is set")).isVisible();
			UUID id = UUID.fromString(this.jdbc.sql("select id::text from accounts where email = ?").param(email)
				.query(String.class).single());
			this.repository.setKycLevel(id, 1);
			new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx).deposit(id, "USDT", "500");

			this.clock.advance(Duration.ofHours(25));
			passkeySignIn(page);
			page.navigate(base() + "/account/addresses");
			page.getByLabel("Currency and network").selectOption("USDT|TRC20");
			page.getByLabel("Address", new Page.GetByLabelOptions().setExact(true)).fill(TRON);
			page.getByLabel("Label").fill("My cold wallet");
			page.locator("#add-trading-password").fill(TRADING_PASSWORD);
			press(page, "Add address");
			assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).containsText("Added");
			page.locator("#whitelist-trading-password").fill(TRADING_PASSWORD);
			press(page, "Turn on");
			assertThat(page.locator("#whitelist-state")).containsText("On");
			screenshot(page, "64-address-book");

			this.clock.advance(Duration.ofHours(24));
			passkeySignIn(page);
			page.navigate(base() + "/account/withdraw");
			assertThat(page.locator("#limit-remaining")).containsText("10000.000000 USDT");
			page.getByLabel("A saved address (or leave empty and type one below)").selectOption(
					new com.microsoft.playwright.options.SelectOption().setLabel(
							"My cold wallet — USDT TRC20 " + TRON));
			page.getByLabel("Amount").fill("120");
			screenshot(page, "65-withdraw-form");
			press(page, "Review");
			assertThat(page.locator("#withdrawal-summary")).containsText("120.000000 USDT");
			assertThat(page.locator("#withdrawal-summary")).containsText("1.000000 USDT");
			Matcher code = CODE.matcher(TestMail.body(TestMail.awaitSubject(email, "Your code to confirm a withdrawal")));
			Assertions.assertThat(code.find()).isTrue();
			page.getByLabel("Trading password").fill(TRADING_PASSWORD);
			page.getByLabel("Code from the email we just sent").fill(code.group(1));
			screenshot(page, "66-withdraw-confirm");
			press(page, "Withdraw");
			assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.STATUS)).containsText("Withdrawal requested");
			assertThat(page.locator("tr.withdrawal .status").first()).hasText("Being reviewed");
			screenshot(page, "67-withdrawal-in-review");

			Page console = staffConsole(reviewer);
			String withdrawalId = this.jdbc.sql("select id::text from withdrawals where account_id = ?").param(id)
				.query(String.class).single();
			console.locator("#withdrawal-queue").click();
			console.locator("a.review-withdrawal[href='/staff/withdrawals/" + withdrawalId + "']").click();
			console.getByLabel("Why it may go").fill("Whitelisted a day ago, small amount, owner's usual network.");
			console.locator("#approve-withdrawal").click();
			assertThat(console.locator("#withdrawal-status")).hasText("waiting");
			screenshot(console, "68-staff-withdrawal-approved");

			ApiClient wallet = new ApiClient(this.internalPort);
			ApiClient.Response claimed;
			do {
				claimed = wallet.post("/internal/v1/withdrawals/claim", null, TestContextInitializer.WALLET_TOKEN);
				Assertions.assertThat(claimed.status()).as("this journey's withdrawal is waiting").isEqualTo(200);
				if (!claimed.text("id").equals(withdrawalId)) {
					wallet.post("/internal/v1/withdrawals/" + claimed.text("id") + "/failure",
							Map.of("reason", "another test's"), TestContextInitializer.WALLET_TOKEN);
				}
			}
			while (!claimed.text("id").equals(withdrawalId));
			Assertions.assertThat(wallet.post("/internal/v1/withdrawals/" + withdrawalId + "/success",
					Map.of("txId", "a1b2c3d4e5"), TestContextInitializer.WALLET_TOKEN).status()).isEqualTo(200);

			page.navigate(base() + "/account/withdrawals");
			assertThat(page.locator("tr.withdrawal .status").first()).containsText("Sent (transaction a1b2c3d4e5)");
			screenshot(page, "69-withdrawal-sent");
			page.navigate(base() + "/account/assets");
			assertThat(page.locator("table.assets")).containsText("379.000000");
		}
		TestMail.awaitSubject(email, "Withdrawal completed");
	}

	/** Signs in again with the passkey alone (the clock moved past the session's life). */
	private void passkeySignIn(Page page) {
		page.navigate(base() + "/signin");
		press(page, "Sign in with a passkey");
		assertThat(page).hasURL(base() + "/account");
	}

	/** A reviewer enrolled from a link and signed in with a passkey in its own browser context. */
	private Page staffConsole(BrowserContext context) {
		String name = "rev" + System.nanoTime() % 1_000_000;
		String link = this.staff.create(name, "Rae Reviewer", Set.of(Actor.Staff.Role.REVIEWER, Actor.Staff.Role.SUPPORT),
				"test").orElseThrow().enrolmentLink();
		Page console = context.newPage();
		addVirtualAuthenticator(context.newCDPSession(console));
		console.navigate(link);
		press(console, "Register passkey");
		press(console, "Sign in with passkey");
		assertThat(console).hasURL(base() + "/staff");
		return console;
	}

	private static Path photo(String name, Color color) {
		try {
			BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
			Graphics2D g = image.createGraphics();
			g.setColor(color);
			g.fillRect(0, 0, 640, 480);
			g.setColor(Color.DARK_GRAY);
			g.drawString("SPECIMEN " + name, 60, 60);
			g.dispose();
			Path file = Files.createTempFile(name, ".jpg");
			ImageIO.write(image, "jpeg", file.toFile());
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
