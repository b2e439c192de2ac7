package io.gatehouse.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.testsupport.Screens;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole web journey in a real, headless Chromium: sign up, read the code from the development mailbox,
 * verify, sign in, revoke another session, change the password and sign out. Email goes to the development
 * mailbox here (not SMTP), so the browser reads the code the way a newcomer would.
 */
@IntegrationTest
@TestPropertySource(properties = "gatehouse.notify.email=dev-mailbox")
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class BrowserJourneyTests {


	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private static final String PASSWORD = "violet tractor anchors the moon";

	private static final String NEW_PASSWORD = "seven quiet lanterns drift north";

	private static final String OTHER_DEVICE = "GatehouseTest/1.0 (X11; Linux x86_64)";

	private static final String SESSION_COOKIE = "__Host-gh_session";

	private static final double TIMEOUT_MS = 30_000;

	private static Chromium.Session chromium;

	private static Browser browser;

	@LocalServerPort
	int port;

	private BrowserContext context;

	private Page page;

	private ApiClient api;

	private TestAccounts accounts;

	@BeforeAll
	static void launchBrowser() {
		chromium = Chromium.launch();
		browser = chromium.browser();
	}

	@AfterAll
	static void closeBrowser() {
		if (chromium != null) {
			chromium.close();
			chromium = null;
			browser = null;
		}
	}

	@BeforeEach
	void openPage() {
		this.api = new ApiClient(this.port);
		this.accounts = new TestAccounts(this.api);
		this.context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
		this.context.setDefaultTimeout(TIMEOUT_MS);
		this.page = this.context.newPage();
	}

	@AfterEach
	void closePage() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void journeyWhenNewcomerSignsUpAndManagesSessionsThenEveryStepWorksInTheBrowser() {
		String email = TestAccounts.newEmail();

		// Sign up: every field has a label, and focus starts in the first one.
		this.page.navigate(url("/signup"));
		assertThat(this.page).hasTitle("Create an account · Gatehouse");
		assertThat(this.page.getByText("Step 1 of 2")).isVisible();
		assertThat(this.page.getByLabel("Email or phone number")).isFocused();
		this.page.keyboard().type(email);
		this.page.keyboard().press("Tab");
		assertThat(this.page.getByLabel("Password")).isFocused();
		this.page.getByLabel("Password").fill(PASSWORD);
		this.page.getByLabel("Country of residence").selectOption("GB");
		screenshot("01-signup");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();

		// Verify with the code from the development mailbox.
		this.page.waitForURL(url -> url.contains("/signup/verify?registration="));
		assertThat(this.page.getByText("Step 2 of 2")).isVisible();
		assertThat(this.page.getByLabel("Verification code")).isFocused();
		String verifyUrl = this.page.url();
		String code = codeFromMailbox(email);
		screenshot("02-mailbox");
		this.page.navigate(verifyUrl);
		this.page.getByLabel("Verification code").fill(code);
		screenshot("03-verify");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();

		// Sign in.
		this.page.waitForURL(url -> url.endsWith("/signin?verified"));
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasText("Your account is ready. Sign in to continue.");
		assertThat(this.page.getByText("Step 1 of 1")).isVisible();
		assertThat(this.page.getByLabel("Email or phone number")).isFocused();
		this.page.getByLabel("Email or phone number").fill(email);
		this.page.getByLabel("Password").fill(PASSWORD);
		this.page.getByLabel("Keep me signed in for 7 days").check();
		screenshot("04-signin");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
		this.page.waitForURL(url -> url.endsWith("/account"));
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your account")))
			.isVisible();
		assertThat(this.page.locator("dl.facts")).containsText(email);
		assertThat(this.context.cookies()).extracting(cookie -> cookie.name)
			.contains(SESSION_COOKIE, "__Host-gh_device", "__Host-gh_csrf");
		assertThat(this.context.cookies()).allSatisfy(cookie -> {
			assertThat(cookie.name).startsWith("__Host-");
			assertThat(cookie.secure).isTrue();
			assertThat(cookie.httpOnly).isTrue();
			assertThat(cookie.path).isEqualTo("/");
		});

		// A second session for the same account, from another device, through the API.
		ApiClient.Response other = this.accounts.signInResponse(email, PASSWORD, "User-Agent", OTHER_DEVICE);
		assertThat(other.status()).as(other.body()).isEqualTo(200);
		String otherToken = other.json().path("session").path("token").asString();
		assertThat(this.api.get("/api/v1/me", otherToken).status()).isEqualTo(200);

		// Sessions page: ours is marked, the other one can be signed out.
		this.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Account"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Security"))
			.click();
		this.page.waitForURL(url -> url.endsWith("/account/security"));
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Review: Sessions")).click();
		this.page.waitForURL(url -> url.endsWith("/account/sessions"));
		Locator rows = this.page.locator("tr[data-session]");
		assertThat(rows).hasCount(2);
		Locator current = rows.filter(new Locator.FilterOptions().setHasText("This session"));
		Locator otherRow = rows.filter(new Locator.FilterOptions().setHasNotText("This session"));
		assertThat(current).hasCount(1);
		assertThat(otherRow).hasCount(1);
		assertThat(current.getByRole(AriaRole.BUTTON)).hasCount(0);
		String otherSessionId = otherRow.getAttribute("data-session");
		screenshot("05-sessions");

		// At phone width the sessions page fits without sideways scrolling and its buttons stay reachable.
		// At phone width the navigation folds behind a Menu button that opens it.
		this.page.setViewportSize(390, 844);
		assertThat(this.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))
			.as("horizontal overflow at 390 px, in px")
			.isEqualTo(0);
		assertThat(otherRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out"))).isVisible();
		Locator headerSignOut = this.page.locator("header")
			.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out"));
		Locator menu = this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Menu"));
		assertThat(headerSignOut).isHidden();
		assertThat(menu).hasAttribute("aria-expanded", "false");
		screenshot("05b-sessions-phone");
		menu.click();
		assertThat(menu).hasAttribute("aria-expanded", "true");
		assertThat(headerSignOut).isVisible();
		screenshot("05c-menu-phone");
		this.page.keyboard().press("Escape");
		assertThat(headerSignOut).isHidden();
		assertThat(menu).isFocused();
		this.page.setViewportSize(1280, 900);

		otherRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out")).click();
		this.page.waitForURL(url -> url.endsWith("/account/sessions?revoked"));
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasText("The session was signed out.");
		assertThat(rows).hasCount(1);
		assertThat(this.page.locator("tr[data-session='" + otherSessionId + "']")).hasCount(0);
		assertThat(rows.first()).containsText("This session");
		assertThat(this.api.get("/api/v1/me", otherToken).status()).isEqualTo(401);

		// Change the password.
		this.page.navigate(url("/account"));
		this.page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change password")).click();
		this.page.waitForURL(url -> url.endsWith("/account/password"));
		assertThat(this.page.getByLabel("Current password")).isFocused();
		this.page.getByLabel("Current password").fill(PASSWORD);
		this.page.getByLabel("New password").fill(NEW_PASSWORD);
		screenshot("06-change-password");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password")).click();
		this.page.waitForURL(url -> url.endsWith("/account/sessions?passwordChanged"));
		assertThat(this.page.getByRole(AriaRole.STATUS))
			.hasText("Your password was changed. Every other session was signed out.");
		assertThat(rows).hasCount(1);
		screenshot("07-password-changed");
		ApiClient.Response oldPassword = this.accounts.signInResponse(email, PASSWORD, "User-Agent", OTHER_DEVICE);
		assertThat(oldPassword.status()).as(oldPassword.body()).isEqualTo(401);
		ApiClient.Response newPassword = this.accounts.signInResponse(email, NEW_PASSWORD, "User-Agent", OTHER_DEVICE);
		assertThat(newPassword.status()).as(newPassword.body()).isEqualTo(200);

		// The password change was told by email, and lands in the notification list too, without its body.
		Locator activity = this.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Account"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Activity")));
		assertThat(activity.locator(".unread-count")).hasText(Pattern.compile("[1-9]\\d*"));
		activity.click();
		this.page.waitForURL(url -> url.endsWith("/account/history"));
		this.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Activity"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(Pattern.compile("^Notifications")))
			.click();
		this.page.waitForURL(url -> url.endsWith("/account/notifications"));
		Locator notices = this.page.locator("ul.notifications li");
		assertThat(notices.filter(new Locator.FilterOptions().setHasText("Your Gatehouse password was changed")))
			.hasCount(1);
		assertThat(notices.first()).hasClass(Pattern.compile("unread"));
		screenshot("07a-notifications");
		this.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark all as read")).click();
		this.page.waitForURL(url -> url.endsWith("/account/notifications?read"));
		assertThat(this.page.locator("ul.notifications li.unread")).hasCount(0);
		assertThat(activity.locator(".unread-count")).hasCount(0);

		// History reads in plain words and local times, and narrows by what it shows.
		this.page.navigate(url("/account/history"));
		Locator events = this.page.locator("main table tbody tr");
		assertThat(events.filter(new Locator.FilterOptions().setHasText("Password changed"))).hasCount(1);
		assertThat(events.filter(new Locator.FilterOptions().setHasText("Signed in")).first()).isVisible();
		assertThat(this.page.locator("main")).not().containsText("risk_assessed");
		assertThat(events.first().locator("time")).hasText(Pattern.compile("ago|now"));
		screenshot("07b-history");
		this.page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Show"))
			.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Security changes"))
			.click();
		this.page.waitForURL(url -> url.endsWith("/account/history?show=security"));
		assertThat(this.page.locator("nav.filters a[aria-current=page]")).hasText("Security changes");
		assertThat(events.filter(new Locator.FilterOptions().setHasText("Password changed"))).hasCount(1);
		assertThat(events.filter(new Locator.FilterOptions().setHasText("Signed in"))).hasCount(0);
		this.page.setViewportSize(390, 844);
		assertThat(this.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))
			.as("horizontal overflow of the history at 390 px, in px")
			.isEqualTo(0);
		screenshot("07c-history-phone");
		this.page.setViewportSize(1280, 900);

		// Sign out, and the account pages are closed again.
		headerSignOut.click();
		this.page.waitForURL(url -> url.endsWith("/signin?signedOut"));
		assertThat(this.page.getByRole(AriaRole.STATUS)).hasText("You are signed out.");
		assertThat(this.context.cookies()).extracting(cookie -> cookie.name).doesNotContain(SESSION_COOKIE);
		screenshot("08-signed-out");
		this.page.navigate(url("/account"));
		this.page.waitForURL(url -> url.endsWith("/signin"));
		assertThat(this.page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Sign in").setExact(true))).isVisible();
	}

	/**
	 * Reloads the development mailbox until the verification code for {@code address} has arrived (delivery is
	 * asynchronous), waiting at most {@link #TIMEOUT_MS} in all.
	 */
	private String codeFromMailbox(String address) {
		Locator message = this.page.locator("article.message[data-to='" + address + "']")
			.filter(new Locator.FilterOptions().setHas(
					this.page.locator("h2", new Page.LocatorOptions().setHasText("Your Gatehouse verification code"))))
			.first();
		long deadline = System.nanoTime() + (long) TIMEOUT_MS * 1_000_000L;
		this.page.navigate(url("/dev/mailbox"));
		while (true) {
			try {
				message.waitFor(new Locator.WaitForOptions().setTimeout(250));
				break;
			}
			catch (TimeoutError ex) {
				if (System.nanoTime() > deadline) {
					throw new AssertionError("no verification code for " + address + " in the development mailbox", ex);
				}
				this.page.reload();
			}
		}
		assertThat(this.page).hasTitle("Development mailbox · Gatehouse");
		Matcher matcher = CODE.matcher(message.locator("pre").textContent());
		assertThat(matcher.find()).as("a 6-digit code in the message to " + address).isTrue();
		return matcher.group(1);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private void screenshot(String name) {
		Screens.save(this.page, name);
	}
}
