package io.gatehouse.e2e;


import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.gatehouse.testsupport.Screens;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the factor journeys in Chromium share: one browser per test class, the app's address, and the
 * steps every journey takes (sign in with the password, press a button, sign out, save a screenshot).
 */
abstract class BrowserJourney {


	static Chromium.Session chromium;

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

	String base() {
		return "http://localhost:" + this.port;
	}

	/** The password step on the sign-in page (it may be the whole sign-in or its first step). */
	void signIn(Page page, String identifier) {
		if (!page.url().endsWith("/signin") && !page.url().contains("/signin?")) {
			page.navigate(base() + "/signin");
		}
		page.getByLabel("Email or phone number").fill(identifier);
		page.getByLabel("Password").fill(TestAccounts.PASSWORD);
		press(page, "Sign in");
	}

	/** Presses the one button with exactly this name. */
	static void press(Page page, String button) {
		page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
	}

	static void signOut(Page page) {
		page.locator("header").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out")).click();
	}

	/** Checks the page's accessibility and saves it at this width and at phone width ({@link Screens}). */
	static void screenshot(Page page, String name) {
		Screens.save(page, name);
	}

	/**
	 * A Chrome virtual authenticator on this page's browser context (CDP {@code WebAuthn.addVirtualAuthenticator}:
	 * CTAP2, internal, resident keys, user verification, presence simulated).
	 */
	static void addVirtualAuthenticator(CDPSession cdp) {
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
		if (result.get("authenticatorId").getAsString().isBlank()) {
			throw new IllegalStateException("no virtual authenticator");
		}
	}
}
