package io.gatehouse.e2e;

import java.time.Duration;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's TOTP journey in Chromium: set up an authenticator app by reading the key from the page,
 * confirm it with a computed code, sign out, and sign in again with password and code.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class TotpBrowserJourneyTests extends BrowserJourney {

	@Autowired
	MutableClock clock;

	@Test
	void journeyWhenAuthenticatorSetUpThenSignInAsksForItsCode() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		String base = base();
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(base + "/signin");
			signIn(page, email);
			// The security centre opens on an overview: a password alone is weak, and each row has one action.
			page.navigate(base + "/account/security");
			assertThat(page.locator("#level-heading")).hasText("Security level: weak");
			assertThat(page.locator("tr[data-protection='Authenticator app'] .state")).hasText("Off");
			screenshot(page, "10-security-overview");
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Set up: Authenticator app")).click();
			assertThat(page).hasURL(base + "/account/security/authenticator");
			assertThat(page.locator("main form")).hasCount(1);
			page.locator("#totp-step-up").fill(TestAccounts.PASSWORD);
			press(page, "Set up an authenticator app");

			assertThat(page.locator(".qr svg")).isVisible();
			String secret = page.locator("#totp-secret").textContent().replace(" ", "");
			screenshot(page, "11-totp-setup");
			page.getByLabel("Code from the app").fill(code(secret));
			press(page, "Turn on");
			assertThat(page.getByText("Your authenticator app is set up")).isVisible();

			signOut(page);
			this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
			signIn(page, email);

			assertThat(page.getByText("Step 2 of 2")).isVisible();
			screenshot(page, "12-totp-step");
			page.getByLabel("Code from your authenticator app").fill("000000".equals(code(secret)) ? "111111" : "000000");
			press(page, "Verify");
			screenshot(page, "13-totp-wrong-code");
			assertThat(page.getByRole(AriaRole.ALERT)).containsText("The code is wrong");
			page.getByLabel("Code from your authenticator app").fill(code(secret));
			press(page, "Verify");

			assertThat(page).hasURL(base + "/account");
			assertThat(page.getByText(email)).isVisible();

			// Backup codes: generated on the security page, shown once, then one signs in instead of the app.
			// Anti-phishing code behind security verification; the next email shows it.
			page.navigate(base + "/account/security/anti-phishing");
			this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
			page.getByLabel("Anti-phishing code").fill("Blue Heron 42");
			page.locator("#anti-phishing-step-up").fill(code(secret));
			press(page, "Save anti-phishing code");
			assertThat(page.getByText("Your anti-phishing code is set")).isVisible();
			screenshot(page, "15-security");

			page.navigate(base + "/account/security");
			assertThat(page.locator("#level-heading")).hasText("Security level: fair");
			assertThat(page.locator("tr[data-protection='Authenticator app'] .state")).hasText("On");
			page.locator("tr[data-protection='Backup codes'] a").click();
			assertThat(page).hasURL(base + "/account/security/backup-codes");
			this.clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS));
			page.locator("#backup-step-up").fill(code(secret));
			press(page, "Generate new backup codes");
			assertThat(page.locator(".backup-codes li")).hasCount(10);
			assertThat(page.getByText("Download as a text file")).isVisible();
			String backupCode = page.locator(".backup-codes li code").first().textContent();
			Assertions.assertThat(TestMail.body(
					TestMail.awaitSubject(email, "New backup codes")))
				.startsWith("Your anti-phishing code: Blue Heron 42");
			screenshot(page, "14-backup-codes");
			signOut(page);
			signIn(page, email);
			page.getByText("Use a backup code instead").click();
			page.getByLabel("Backup code").fill(backupCode);
			press(page, "Use backup code");
			assertThat(page).hasURL(base + "/account");
		}
	}

	private String code(String secret) {
		return Totp.code(Base32.decode(secret).orElseThrow(), Totp.step(this.clock.instant()), 6);
	}
}
