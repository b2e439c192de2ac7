package io.gatehouse.e2e;

import java.nio.file.Path;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's TOTP journey in Chromium: set up an authenticator app by reading the key from the page,
 * confirm it with a computed code, sign out, and sign in again with password and code.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class TotpBrowserJourneyTests {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static Chromium.Session chromium;

	@LocalServerPort
	int port;

	@Autowired
	MutableClock clock;

	@BeforeAll
	static void launch() {
		chromium = Chromium.launch();
	}

	@AfterAll
	static void close() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@Test
	void journeyWhenAuthenticatorSetUpThenSignInAsksForItsCode() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		String base = "http://localhost:" + this.port;
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(base + "/signin");
			page.getByLabel("Email or phone number").fill(email);
			page.getByLabel("Password").fill(TestAccounts.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
			page.navigate(base + "/account/security");
			page.locator("#totp-step-up").fill(TestAccounts.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Set up an authenticator app")).click();

			assertThat(page.locator(".qr svg")).isVisible();
			String secret = page.locator("#totp-secret").textContent().replace(" ", "");
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("11-totp-setup.png")).setFullPage(true));
			page.getByLabel("Code from the app").fill(code(secret));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn on")).click();
			assertThat(page.getByText("Your authenticator app is set up")).isVisible();

			page.locator("header").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
				.setName("Sign out")).click();
			this.clock.advance(java.time.Duration.ofSeconds(Totp.STEP_SECONDS));
			page.getByLabel("Email or phone number").fill(email);
			page.getByLabel("Password").fill(TestAccounts.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();

			assertThat(page.getByText("Step 2 of 2")).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("12-totp-step.png")).setFullPage(true));
			page.getByLabel("Code from your authenticator app").fill("000000".equals(code(secret)) ? "111111" : "000000");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("13-totp-wrong-code.png")).setFullPage(true));
			assertThat(page.getByRole(AriaRole.ALERT)).containsText("The code is wrong");
			page.getByLabel("Code from your authenticator app").fill(code(secret));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();

			assertThat(page).hasURL(base + "/account");
			assertThat(page.getByText(email)).isVisible();

			// Backup codes: generated on the security page, shown once, then one signs in instead of the app.
			// Anti-phishing code behind security verification; the next email shows it.
			page.navigate(base + "/account/security");
			this.clock.advance(java.time.Duration.ofSeconds(Totp.STEP_SECONDS));
			page.getByLabel("Anti-phishing code").fill("Blue Heron 42");
			page.locator("#anti-phishing-step-up").fill(code(secret));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save anti-phishing code")).click();
			assertThat(page.getByText("Your anti-phishing code is set")).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("15-security.png")).setFullPage(true));

			this.clock.advance(java.time.Duration.ofSeconds(Totp.STEP_SECONDS));
			page.locator("#backup-step-up").fill(code(secret));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Generate new backup codes")).click();
			assertThat(page.locator(".backup-codes li")).hasCount(10);
			assertThat(page.getByText("Download as a text file")).isVisible();
			String backupCode = page.locator(".backup-codes li code").first().textContent();
			org.assertj.core.api.Assertions.assertThat(io.gatehouse.testsupport.TestMail.body(
					io.gatehouse.testsupport.TestMail.awaitSubject(email, "New backup codes")))
				.startsWith("Your anti-phishing code: Blue Heron 42");
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("14-backup-codes.png")).setFullPage(true));
			page.locator("header").getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
				.setName("Sign out")).click();
			page.getByLabel("Email or phone number").fill(email);
			page.getByLabel("Password").fill(TestAccounts.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
			page.getByText("Use a backup code instead").click();
			page.getByLabel("Backup code").fill(backupCode);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Use backup code")).click();
			assertThat(page).hasURL(base + "/account");
		}
	}

	private String code(String secret) {
		return Totp.code(Base32.decode(secret).orElseThrow(), Totp.step(this.clock.instant()), 6);
	}
}
