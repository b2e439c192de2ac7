package io.gatehouse.e2e;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.account.PhoneNumber;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * SMS codes in Chromium: the security page warns that SMS is the weakest option, binds a phone with a
 * texted code, and the next sign-in asks for a texted code after the password.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class SmsBrowserJourneyTests extends BrowserJourney {

	private static final String PHONE = validPhone();

	private static String validPhone() {
		while (true) {
			String candidate = "+447911" + String.format("%06d",
					ThreadLocalRandom.current().nextInt(1_000_000));
			if (PhoneNumber.parse(candidate).isPresent()) {
				return candidate;
			}
		}
	}

	@Autowired
	JdbcClient jdbc;

	@Test
	void journeyWhenPhoneBoundThenSignInAsksForTextedCode() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		String base = base();
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(base + "/signin");
			signIn(page, email);

			page.navigate(base + "/account/security/sms");
			assertThat(page.getByText("SMS is the weakest option.")).isVisible();
			page.getByLabel("Mobile number").fill(PHONE);
			page.locator("#sms-step-up").fill(TestAccounts.PASSWORD);
			press(page, "Turn on SMS codes");
			page.getByLabel("Code from the text message").fill(code(1));
			press(page, "Turn on");
			assertThat(page.getByText("SMS codes are on.")).isVisible();
			screenshot(page, "31-sms-on");

			signOut(page);
			signIn(page, email);
			assertThat(page.getByText("Step 2 of 2")).isVisible();
			press(page, "Text me a code");
			assertThat(page.getByText("We sent a code to")).isVisible();
			screenshot(page, "32-sms-step");
			page.getByLabel("Code from the text message").fill(code(2));
			press(page, "Verify");
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
