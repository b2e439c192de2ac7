package io.gatehouse.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Lockout as a person meets it in Chromium: wrong passwords bring a wait, then the ALTCHA proof-of-work
 * (solved by the widget Gatehouse serves itself, under the app's strict CSP), then the lock page with
 * its remaining time and the "Unlock account" flow by an emailed code.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class LockoutBrowserJourneyTests extends BrowserJourney {

	@Autowired
	MutableClock clock;

	@Test
	void journeyWhenPasswordGuessedTenTimesThenWaitCaptchaLockAndUnlockByEmail() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			List<String> cspViolations = new ArrayList<>();
			page.onConsoleMessage(m -> {
				if (m.text().contains("Content Security Policy")) {
					cspViolations.add(m.text());
				}
			});
			page.navigate(base() + "/signin");
			for (int i = 0; i < 5; i++) {
				wrongPassword(page, email);
			}
			assertThat(page.getByRole(AriaRole.ALERT))
				.containsText("Try again in 30 seconds");

			for (int failure = 6; failure <= 11; failure++) {
				// A person comes back after the wait: the page asks for the verification, the widget solves it.
				this.clock.advance(Duration.ofHours(1));
				page.navigate(base() + "/signin");
				wrongPassword(page, email);
				assertThat(page.getByRole(AriaRole.ALERT)).containsText("verification");
				assertThat(page.locator("altcha-widget")).isVisible();
				if (failure == 6) {
					screenshot(page, "lockout-captcha");
				}
				page.getByLabel("Password").fill("not the password");
				awaitSolved(page);
				press(page, "Sign in");
				if (failure == 10) {
					assertThat(page.getByRole(AriaRole.ALERT))
						.containsText("Try again in 15 minutes");
					this.clock.advance(Duration.ofMinutes(1));
					page.getByLabel("Password").fill(TestAccounts.PASSWORD);
					awaitSolved(page);
					press(page, "Sign in");
					break;
				}
			}
			assertThat(page.getByRole(AriaRole.ALERT))
				.containsText("temporarily locked");
			assertThat(page.getByRole(AriaRole.ALERT)).containsText("14 minutes");
			screenshot(page, "lockout-locked");
			Assertions.assertThat(cspViolations).as("the widget runs under the CSP").isEmpty();

			page.getByText("Unlock account").click();
			page.getByLabel("Email or phone number of the account").fill(email);
			press(page, "Send me a code");
			page.getByLabel("Code from the message").fill(unlockCode(email));
			press(page, "Continue");
			assertThat(page.getByText("Your account is unlocked.")).isVisible();
			signIn(page, email);
			Assertions.assertThat(page.url()).endsWith("/account");
		}
	}

	private void wrongPassword(Page page, String email) {
		page.getByLabel("Email or phone number").fill(email);
		page.getByLabel("Password").fill("not the password");
		press(page, "Sign in");
	}

	/** The widget fills its hidden field once the proof-of-work is done. */
	private static void awaitSolved(Page page) {
		Await.until("the CAPTCHA solved", Duration.ofSeconds(20), () -> {
			Object value = page.evaluate("() => document.querySelector('input[name=captcha]')?.value || ''");
			return value instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
		});
	}

	private static String unlockCode(String email) {
		MimeMessage message = TestMail.awaitSubject(email, "code to unlock");
		Matcher m = Pattern.compile("(\\d{6})").matcher(TestMail.body(message));
		Assertions.assertThat(m.find()).isTrue();
		return m.group(1);
	}
}
