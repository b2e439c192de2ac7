package io.gatehouse.e2e;

import java.nio.file.Path;

import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.boot.test.web.server.LocalServerPort;

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
class PasskeyBrowserJourneyTests {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static Chromium.Session chromium;

	@LocalServerPort
	int port;

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
	void journeyWhenPasskeyAddedThenPasswordlessSignInAndPasskeyStepUp() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		String base = "http://localhost:" + this.port;
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			addVirtualAuthenticator(context.newCDPSession(page));

			page.navigate(base + "/signin");
			page.getByLabel("Email or phone number").fill(email);
			page.getByLabel("Password").fill(TestAccounts.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
			assertThat(page).hasURL(base + "/account");

			page.navigate(base + "/account/security");
			page.locator("#passkey-step-up").fill(TestAccounts.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a passkey")).click();
			page.getByLabel("Name").fill("Test laptop");
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("21-passkey-setup.png")).setFullPage(true));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create passkey")).click();
			assertThat(page.getByText("Your passkey is added")).isVisible();
			assertThat(page.locator(".passkeys li strong")).hasText("Test laptop");
			TestMail.awaitSubject(email, "A passkey was added");
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("22-passkey-listed.png")).setFullPage(true));

			page.locator("header").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out")).click();
			page.navigate(base + "/signin");
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("23-passkey-signin.png")).setFullPage(true));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in with a passkey")).click();
			assertThat(page).hasURL(base + "/account");
			assertThat(page.getByText(email)).isVisible();

			// Step-up with the passkey: the account's strongest factor, so the password alone is not offered.
			page.navigate(base + "/account/security");
			assertThat(page.locator("#anti-phishing-step-up")).hasCount(0);
			page.getByLabel("Anti-phishing code").fill("Quiet Otter 7");
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save anti-phishing code")).click();
			assertThat(page.getByText("Your anti-phishing code is set")).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("24-passkey-step-up.png")).setFullPage(true));

			// "Revoke all sessions" is sensitive too: the passkey confirms it.
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out all other sessions")).click();
			assertThat(page.getByText("All other sessions were signed out")).isVisible();
		}
	}

	private static void addVirtualAuthenticator(CDPSession cdp) {
		cdp.send("WebAuthn.enable");
		JsonObject options = new JsonObject();
		options.addProperty("protocol", "ctap2");
		options.addProperty("transport", "internal");
		options.addProperty("hasResidentKey", true);
		options.addProperty("hasUserVerification", true);
		options.addProperty("isUserVerified", true);
		options.addProperty("automaticPresenceSimulation", true);
		JsonObject params = new JsonObject();
		params.add("options", options);
		JsonObject result = cdp.send("WebAuthn.addVirtualAuthenticator", params);
		assertThat(result.get("authenticatorId").getAsString()).isNotBlank();
	}
}
