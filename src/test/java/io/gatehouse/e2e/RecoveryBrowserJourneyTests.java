package io.gatehouse.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Forgot password as a person meets it in Chromium: the link on the sign-in page, the emailed link (whose
 * token leaves the address bar at once), a new password, and signing in with it — never signed in by the
 * reset itself.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class RecoveryBrowserJourneyTests extends BrowserJourney {

	private static final Pattern LINK = Pattern.compile("(http\\S+/reset-password\\?token=\\S+)");

	private static final String NEW_PASSWORD = "seven quiet lanterns drift north";

	@Test
	void journeyWhenPasswordForgottenThenResetByEmailedLinkAndSignInWithTheNewOne() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(base() + "/signin");
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Forgot password?")).click();
			page.getByLabel("Email or phone number of the account").fill(email);
			press(page, "Send me a reset link or code");
			assertThat(page.getByRole(AriaRole.STATUS)).containsText("reset link is on its way");

			Matcher link = LINK.matcher(TestMail.body(TestMail.awaitSubject(email, "Reset your Gatehouse password")));
			Assertions.assertThat(link.find()).isTrue();
			page.navigate(link.group(1));
			assertThat(page).hasURL(base() + "/reset-password");
			assertThat(page.getByText("Step 2 of 2")).isVisible();
			screenshot(page, "reset-new-password");
			page.getByLabel("New password").fill(NEW_PASSWORD);
			press(page, "Set new password");

			assertThat(page).hasURL(base() + "/signin?passwordReset");
			assertThat(page.getByRole(AriaRole.STATUS)).containsText("every session was signed out");
			page.getByLabel("Email or phone number").fill(email);
			page.getByLabel("Password").fill(NEW_PASSWORD);
			press(page, "Sign in");
			assertThat(page).hasURL(base() + "/account");

			page.navigate(link.group(1));
			assertThat(page.getByRole(AriaRole.ALERT)).containsText("does not work");
		}
		Assertions.assertThat(TestMail.body(TestMail.awaitSubject(email, "password was reset")))
			.contains("Every session was signed out");
	}

	@Test
	void journeyWhenEmailChangedThenConfirmedByCodeAndUndoneFromTheLinkSentToTheOldAddress() {
		String oldEmail = new TestAccounts(new ApiClient(this.port)).create();
		String newEmail = TestAccounts.newEmail();
		try (BrowserContext owner = chromium.browser().newContext();
				BrowserContext mailbox = chromium.browser().newContext()) {
			Page page = owner.newPage();
			signIn(page, oldEmail);
			assertThat(page).hasURL(base() + "/account");
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Change email or phone")).click();
			page.getByLabel("New email address").fill(newEmail);
			page.locator("#step-up-email").fill(TestAccounts.PASSWORD);
			press(page, "Send code to the new email address");
			assertThat(page.locator("#confirm-email")).containsText("We sent a code to");
			screenshot(page, "contact-change-code");

			page.getByLabel("Code sent to the new address").fill(TestMail.latestCode(newEmail, 1));
			press(page, "Change email address");
			assertThat(page.locator("#changed")).containsText("Your email address is changed");
			assertThat(page.getByText("Now: " + newEmail)).isVisible();

			Matcher link = Pattern.compile("(http\\S+/contact/revert\\?token=\\S+)")
				.matcher(TestMail.body(TestMail.awaitSubject(oldEmail, "email address was changed")));
			Assertions.assertThat(link.find()).isTrue();
			Page undo = mailbox.newPage();
			undo.navigate(link.group(1));
			assertThat(undo).hasURL(base() + "/contact/revert");
			screenshot(undo, "contact-change-revert");
			press(undo, "Undo the change");
			assertThat(undo.locator("#reverted")).containsText("is the email address of your account again");

			page.navigate(base() + "/account");
			assertThat(page).hasURL(base() + "/signin");
		}
	}
}
