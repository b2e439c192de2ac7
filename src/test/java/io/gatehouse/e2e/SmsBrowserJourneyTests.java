package io.gatehouse.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * SMS codes in Chromium: the security page warns that SMS is the weakest option, binds a phone with a
 * texted code, and the next sign-in asks for a texted code after the password.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class SmsBrowserJourneyTests {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final String PHONE = validPhone();

	private static String validPhone() {
		while (true) {
			String candidate = "+447911" + String.format("%06d",
					java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000));
			if (io.gatehouse.account.PhoneNumber.parse(candidate).isPresent()) {
				return candidate;
			}
		}
	}

	private static Chromium.Session chromium;

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

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
	void journeyWhenPhoneBoundThenSignInAsksForTextedCode() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		String base = "http://localhost:" + this.port;
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(base + "/signin");
			page.getByLabel("Email or phone number").fill(email);
			page.getByLabel("Password").fill(TestAccounts.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();

			page.navigate(base + "/account/security");
			assertThat(page.getByText("SMS is the weakest option.")).isVisible();
			page.getByLabel("Mobile number").fill(PHONE);
			page.locator("#sms-step-up").fill(TestAccounts.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn on SMS codes")).click();
			page.getByLabel("Code from the text message").fill(code(1));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Turn on")).click();
			assertThat(page.getByText("SMS codes are on.")).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("31-sms-on.png")).setFullPage(true));

			page.locator("header").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign out")).click();
			page.getByLabel("Email or phone number").fill(email);
			page.getByLabel("Password").fill(TestAccounts.PASSWORD);
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
			assertThat(page.getByText("Step 2 of 2")).isVisible();
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Text me a code")).click();
			assertThat(page.getByText("We sent a code to")).isVisible();
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("32-sms-step.png")).setFullPage(true));
			page.getByLabel("Code from the text message").fill(code(2));
			page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
			assertThat(page).hasURL(base + "/account");
		}
	}

	/** The n-th code texted to the phone (notices to the same number are not codes). */
	private String code(int n) {
		return Await.until("code SMS number " + n, Duration.ofSeconds(10), () -> {
			var bodies = this.jdbc.sql("select body from dev_mailbox where destination = ? and channel = 'SMS' "
					+ "and body like 'Gatehouse code: %' order by id").param(PHONE).query(String.class).list();
			return bodies.size() >= n ? Optional.of(bodies.get(n - 1).replaceAll("(?s).*code: (\\d{6}).*", "$1"))
					: Optional.empty();
		});
	}
}
