package io.gatehouse.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 25, keyboard only: signing in, moving through the navigation, the security centre and one focused action
 * with its security verification, with Tab, typing and Enter alone; each stop shows a visible focus ring.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class KeyboardBrowserJourneyTests extends BrowserJourney {

	/** What a screen reader would call the focused element: its label, ARIA label or text. */
	private static final String FOCUSED_NAME = """
			() => {
			  const e = document.activeElement;
			  if (!e || e === document.body) return '';
			  const label = e.labels && e.labels.length ? e.labels[0].innerText : null;
			  return (e.getAttribute('aria-label') || label || e.innerText || e.value || '').trim();
			}""";

	private static final String FOCUS_VISIBLE = """
			() => {
			  const e = document.activeElement;
			  const s = getComputedStyle(e);
			  return e.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
			}""";

	@Test
	void journeyWhenOnlyTheKeyboardIsUsedThenEveryStepIsReachableWithAVisibleFocus() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(base() + "/signin");

			tabTo(page, "Skip to content");
			assertThat(page.locator("a.skip")).isInViewport();
			tabTo(page, "Email or phone number");
			page.keyboard().type(email);
			tabTo(page, "Password");
			page.keyboard().type(TestAccounts.PASSWORD);
			page.keyboard().press("Enter");
			assertThat(page).hasURL(base() + "/account");

			tabTo(page, "Security");
			page.keyboard().press("Enter");
			assertThat(page).hasURL(base() + "/account/security");
			tabTo(page, "Set: Anti-phishing code");
			page.keyboard().press("Enter");
			assertThat(page).hasURL(base() + "/account/security/anti-phishing");

			tabTo(page, "Anti-phishing code");
			page.keyboard().type("Quiet Lantern 9");
			tabTo(page, "Your password");
			page.keyboard().type(TestAccounts.PASSWORD);
			tabTo(page, "Save anti-phishing code");
			screenshot(page, "90-keyboard-focus");
			page.keyboard().press("Enter");
			assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Your anti-phishing code is set");

			tabTo(page, "Activity");
			page.keyboard().press("Enter");
			assertThat(page).hasURL(base() + "/account/history");
			tabTo(page, "Failures only");
			page.keyboard().press("Enter");
			assertThat(page).hasURL(base() + "/account/history?show=failures");
		}
	}

	/** Presses Tab until the element named {@code name} has the focus (at most 60 times), checking each ring. */
	private static void tabTo(Page page, String name) {
		for (int i = 0; i < 60; i++) {
			page.keyboard().press("Tab");
			String focused = (String) page.evaluate(FOCUSED_NAME);
			if (focused.isEmpty()) {
				continue;
			}
			assertThat((Boolean) page.evaluate(FOCUS_VISIBLE)).as("visible focus on \"" + focused + "\" at " + page.url())
				.isTrue();
			if (focused.equals(name) || focused.startsWith(name) && !Character.isLetter(focused.charAt(name.length()))) {
				return;
			}
		}
		throw new AssertionError("\"" + name + "\" cannot be reached with Tab on " + page.url());
	}
}
