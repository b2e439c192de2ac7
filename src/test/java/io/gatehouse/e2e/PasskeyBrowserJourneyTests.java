package io.gatehouse.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's passkey journey in Chromium with a Chrome virtual authenticator (CDP
 * {@code WebAuthn.addVirtualAuthenticator}: CTAP2, internal, resident keys, user verification): add a
 * passkey behind step-up, sign out, sign in with the passkey alone, then confirm a sensitive change
 * (the anti-phishing code) with the passkey.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class PasskeyBrowserJourneyTests extends BrowserJourney {

	@Test
	void journeyWhenPasskeyAddedThenPasswordlessSignInAndPasskeyStepUp() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		String base = base();
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			addVirtualAuthenticator(context.newCDPSession(page));

			page.navigate(base + "/signin");
			signIn(page, email);
			assertThat(page).hasURL(base + "/account");

			page.navigate(base + "/account/security/passkeys");
			page.locator("#passkey-step-up").fill(TestAccounts.PASSWORD);
			press(page, "Add a passkey");
			page.getByLabel("Name").fill("Test laptop");
			screenshot(page, "21-passkey-setup");
			press(page, "Create passkey");
			assertThat(page.getByText("Your passkey is added")).isVisible();
			assertThat(page.locator(".passkeys li strong")).hasText("Test laptop");
			TestMail.awaitSubject(email, "A passkey was added");
			screenshot(page, "22-passkey-listed");
			page.getByText("Rename Test laptop").click();
			page.getByLabel("New name").fill("  Work laptop ");
			press(page, "Save name");
			assertThat(page.getByText("The passkey is renamed")).isVisible();
			assertThat(page.locator(".passkeys li strong")).hasText("Work laptop");

			signOut(page);
			page.navigate(base + "/signin");
			screenshot(page, "23-passkey-signin");
			press(page, "Sign in with a passkey");
			assertThat(page).hasURL(base + "/account");
			assertThat(page.getByText(email)).isVisible();

			// Step-up with the passkey: the account's strongest factor, so the password alone is not offered.
			page.navigate(base + "/account/security/anti-phishing");
			assertThat(page.locator("#anti-phishing-step-up")).hasCount(0);
			page.getByLabel("Anti-phishing code").fill("Quiet Otter 7");
			press(page, "Save anti-phishing code");
			assertThat(page.getByText("Your anti-phishing code is set")).isVisible();
			screenshot(page, "24-passkey-step-up");

			// "Revoke all sessions" is sensitive too: the passkey confirms it.
			page.navigate(base + "/account/security/sessions");
			press(page, "Sign out all other sessions");
			assertThat(page.getByText("All other sessions were signed out")).isVisible();
		}
	}
}
