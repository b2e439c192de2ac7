package io.gatehouse.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;
import io.gatehouse.testsupport.ThroughTrustedProxy;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Risk and region rules as a person meets them in Chromium. Each browser speaks through the trusted
 * proxy from an address of the test fixture: Germany, then — twenty minutes later, on another browser —
 * Japan (impossible travel: the sign-in waits for the code emailed to the owner), then North Korea (the
 * session may look and keep the account safe, and the page says why the rest is refused).
 */
@ThroughTrustedProxy
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class RiskBrowserJourneyTests extends BrowserJourney {

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	@Autowired
	MutableClock clock;

	@Test
	void journeyWhenSignInLooksImpossibleThenConfirmByEmailAndWhenBlockedRegionThenExplained() {
		String email = new TestAccounts(new ApiClient(this.port)).create();

		try (BrowserContext germany = from("198.51.100.7")) {
			Page page = germany.newPage();
			signIn(page, email);
			assertThat(page).hasURL(base() + "/account");
		}

		this.clock.advance(Duration.ofMinutes(20));
		try (BrowserContext japan = from("192.0.2.44")) {
			Page page = japan.newPage();
			signIn(page, email);
			assertThat(page.getByText("Step 2 of 2")).isVisible();
			assertThat(page.getByLabel("Confirmation code")).isVisible();
			screenshot(page, "risk-confirmation");
			String mail = TestMail.body(TestMail.awaitSubject(email, "Confirm your sign-in"));
			Assertions.assertThat(mail).contains("Japan (JP)");
			Matcher code = CODE.matcher(mail);
			Assertions.assertThat(code.find()).isTrue();

			page.getByLabel("Confirmation code").fill("000000".equals(code.group(1)) ? "111111" : "000000");
			press(page, "Confirm sign-in");
			assertThat(page.getByRole(AriaRole.ALERT)).containsText("confirmation code is wrong");
			page.getByLabel("Confirmation code").fill(code.group(1));
			press(page, "Confirm sign-in");
			assertThat(page).hasURL(base() + "/account");
			Assertions.assertThat(TestMail.body(TestMail.awaitSubject(email, "Unusual sign-in")))
				.contains("Japan (JP)");
		}

		this.clock.advance(Duration.ofDays(2));
		try (BrowserContext northKorea = from("203.0.113.9")) {
			Page page = northKorea.newPage();
			signIn(page, email);
			// A new country on a new browser is unusual too (score 40): confirmed by email first.
			assertThat(page.getByLabel("Confirmation code")).isVisible();
			Matcher code = CODE.matcher(TestMail.body(TestMail.awaitSubject(email, "Confirm your sign-in", 2)));
			Assertions.assertThat(code.find()).isTrue();
			page.getByLabel("Confirmation code").fill(code.group(1));
			press(page, "Confirm sign-in");
			assertThat(page).hasURL(base() + "/account");
			assertThat(page.locator("header")).containsText("not available in your region");

			page.navigate(base() + "/account/security/anti-phishing");
			page.getByLabel("Anti-phishing code").fill("blue heron");
			page.locator("#anti-phishing-step-up").fill(TestAccounts.PASSWORD);
			press(page, "Save anti-phishing code");
			assertThat(page).hasURL(base() + "/account/region?refused");
			assertThat(page.getByRole(AriaRole.ALERT)).containsText("nothing was changed");
			assertThat(page.locator("main")).containsText("North Korea (KP)");
			assertThat(page.locator("main")).containsText("Withdraw your funds");
			screenshot(page, "region-blocked");
		}
	}

	/** A browser whose requests the trusted proxy forwards from {@code ip}. */
	private static BrowserContext from(String ip) {
		return chromium.browser()
			.newContext(new Browser.NewContextOptions().setExtraHTTPHeaders(Map.of("X-Forwarded-For", ip)));
	}
}
