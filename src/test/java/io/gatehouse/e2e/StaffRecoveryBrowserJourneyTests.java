package io.gatehouse.e2e;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.kernel.Actor;
import io.gatehouse.staff.StaffMemberService;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Issue 5's journeys in Chromium: a lost second factor recovered end to end, with a reviewer approving in the
 * staff console from a second browser (registering and signing in with a passkey on a virtual authenticator)
 * and the clock moved past the waiting period; and a freeze from the link in a security email.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class StaffRecoveryBrowserJourneyTests extends BrowserJourney {

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	private static final Pattern FREEZE = Pattern.compile("(http\\S+/freeze\\?token=\\S+)");

	@Autowired
	StaffMemberService staff;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Test
	void journeyWhenSecondFactorLostThenCaseReviewedInTheConsoleAndCompletedAfterTheWait() {
		ApiClient api = new ApiClient(this.port);
		TestAccounts accounts = new TestAccounts(api);
		String email = accounts.create();
		TestAccounts.Enrolment enrolment = accounts.startTotpEnrolment(accounts.signIn(email, TestAccounts.PASSWORD));
		String code = Totp.code(Base32.decode(enrolment.secret()).orElseThrow(), Totp.step(this.clock.instant()), 6);
		Assertions.assertThat(api.post("/api/v1/me/factors/totp/" + enrolment.factorId() + "/confirm",
				Map.of("code", code), enrolment.token()).status()).isEqualTo(200);
		String reviewerName = "rev" + System.nanoTime() % 1_000_000;
		String enrolmentLink = this.staff.create(reviewerName, "Rita Reviewer", Set.of(Actor.Staff.Role.REVIEWER,
				Actor.Staff.Role.SUPPORT, Actor.Staff.Role.ADMIN), "test").orElseThrow().enrolmentLink();

		try (BrowserContext owner = chromium.browser().newContext();
				BrowserContext reviewer = chromium.browser().newContext()) {
			Page page = owner.newPage();
			signIn(page, email);
			page.locator("#lost-factor").click();
			assertThat(page).hasURL(base() + "/recovery");
			page.getByLabel("Email or phone number of the account").fill(email);
			page.getByLabel("Password").fill(TestAccounts.PASSWORD);
			press(page, "Start recovery");
			assertThat(page).hasURL(base() + "/recovery/case");
			assertThat(page.locator("#step")).hasText("Step 2 of 4: Code sent to your email");
			Matcher m = CODE.matcher(TestMail.body(TestMail.awaitSubject(email, "recovery code")));
			Assertions.assertThat(m.find()).isTrue();
			page.getByLabel("Code sent to your email").fill(m.group(1));
			press(page, "Confirm email code");
			assertThat(page.locator("#step")).hasText("Step 3 of 4: Review by our team");
			press(page, "Send for review");
			assertThat(page.locator("#status")).containsText("Sent for review");
			screenshot(page, "recovery-case-submitted");

			Page console = reviewer.newPage();
			addVirtualAuthenticator(reviewer.newCDPSession(console));
			console.navigate(enrolmentLink);
			assertThat(console).hasURL(base() + "/staff/enrol");
			press(console, "Register passkey");
			assertThat(console).hasURL(base() + "/staff/signin?enrolled");
			press(console, "Sign in with passkey");
			assertThat(console).hasURL(base() + "/staff");
			console.locator("#queue").click();
			// Other tests' cases may wait in the same queue: open this owner's.
			String caseId = this.jdbc.sql("""
					select c.id::text from recovery_cases c join accounts a on a.id = c.account_id
					 where a.email = ? and c.status = 'SUBMITTED'""").param(email).query(String.class).single();
			console.locator(".open-case[href='/staff/recovery/" + caseId + "']").click();
			screenshot(console, "staff-case-submitted");
			// Opening a case only reads it.
			assertThat(console.locator("#case-status")).hasText("submitted");
			press(console, "Start review");
			assertThat(console.locator("#case-status")).hasText("under_review");
			console.getByLabel("Reason").fill("Email code proven; sign-in history matches the owner.");
			console.locator("#approve").click();
			assertThat(console.locator("#case-status")).hasText("approved");
			screenshot(console, "staff-case-approved");
			console.navigate(base() + "/staff");
			console.locator("#members").click();
			assertThat(console.getByRole(AriaRole.CELL, new Page.GetByRoleOptions().setName(reviewerName).setExact(true)))
				.isVisible();
			screenshot(console, "staff-members");
			console.navigate(base() + "/staff");
			console.getByLabel("Find an account by email or phone").fill(email);
			press(console, "Find account");
			assertThat(console.locator("#account-lock")).hasText("open");
			screenshot(console, "staff-account");

			page.reload();
			assertThat(page.locator("#status")).containsText("Approved");
			this.clock.advance(Duration.ofHours(72).plusSeconds(1));
			try {
				page.waitForCondition(() -> {
					page.reload();
					return page.locator("#status").textContent().contains("Done");
				}, new Page.WaitForConditionOptions().setTimeout(15_000));
				screenshot(page, "recovery-case-completed");
			}
			finally {
				this.clock.advance(Duration.ofHours(72).plusSeconds(1).negated());
			}
		}
		Assertions.assertThat(TestMail.body(TestMail.awaitSubject(email, "recovery is complete")))
			.contains("Every second factor and backup code was removed");
		Assertions.assertThat(this.jdbc.sql("""
				select count(*) from factors f join accounts a on a.id = f.account_id where a.email = ?""")
			.param(email).query(Integer.class).single()).isZero();
	}

	@Test
	void journeyWhenFreezeLinkInASecurityEmailIsFollowedThenTheAccountIsFrozenAtOnce() {
		ApiClient api = new ApiClient(this.port);
		TestAccounts accounts = new TestAccounts(api);
		String email = accounts.create();
		String token = accounts.signIn(email, TestAccounts.PASSWORD);
		api.post("/api/v1/me/password", Map.of("currentPassword", TestAccounts.PASSWORD, "newPassword",
				"seven quiet lanterns drift north"), token);
		Matcher link = FREEZE.matcher(TestMail.body(TestMail.awaitSubject(email, "password was changed")));
		Assertions.assertThat(link.find()).isTrue();
		try (BrowserContext context = chromium.browser().newContext()) {
			Page page = context.newPage();
			page.navigate(link.group(1));
			assertThat(page).hasURL(base() + "/freeze");
			screenshot(page, "freeze-confirm");
			press(page, "Freeze my account now");
			assertThat(page.locator("#frozen")).containsText("Your account is frozen");
			page.navigate(base() + "/signin");
			page.getByLabel("Email or phone number").fill(email);
			page.getByLabel("Password").fill("seven quiet lanterns drift north");
			press(page, "Sign in");
			assertThat(page.getByRole(AriaRole.ALERT)).containsText("This account is frozen");
			assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Unfreeze account"))).isVisible();
		}
		Assertions.assertThat(api.get("/api/v1/me", token).status()).isEqualTo(401);
	}
}
