package io.gatehouse.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import io.gatehouse.kernel.Actor;
import io.gatehouse.staff.StaffMemberService;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Chromium;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Issue 25's support request from both sides in Chromium: the owner asks with a screenshot, a support agent reads
 * it in the console (the owner's code masked), a reply carrying a code is refused, the real reply reaches the owner
 * (told by email without its words), and the agent closes it.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Chromium#installedOrRequired", disabledReason = Chromium.MISSING)
class SupportBrowserJourneyTests extends BrowserJourney {

	private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

	@Autowired
	StaffMemberService staff;

	@Autowired
	JdbcClient jdbc;

	@Test
	void journeyWhenOwnerAsksThenAgentAnswersAndClosesAndEveryReadingIsInTheHistory() throws IOException {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		String agentName = "sup" + System.nanoTime() % 1_000_000;
		String enrolmentLink = this.staff.create(agentName, "Sam Support", Set.of(Actor.Staff.Role.SUPPORT), "test")
			.orElseThrow()
			.enrolmentLink();

		try (BrowserContext owner = chromium.browser().newContext();
				BrowserContext agent = chromium.browser().newContext()) {
			Page page = owner.newPage();
			signIn(page, email);
			page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Account"))
				.getByRole(AriaRole.LINK, new com.microsoft.playwright.Locator.GetByRoleOptions().setName("Support"))
				.click();
			assertThat(page).hasURL(base() + "/account/support");
			assertThat(page.getByRole(AriaRole.NOTE)).containsText("never ask for your password");
			page.getByLabel("What is it about?").selectOption("money");
			page.getByLabel("What happened?").fill("My withdrawal has not arrived. The app showed code 123456.");
			page.getByLabel("Transaction ids (optional)").fill("0xfeedbeef");
			// A file over the upload limit: a page that says so, not a forgery warning or an error.
			page.getByLabel("Screenshots (optional)")
				.setInputFiles(new FilePayload("huge.png", "image/png", new byte[7 * 1024 * 1024]));
			press(page, "Send request");
			assertThat(page.locator("main")).containsText("The files were too large");
			page.goBack();
			page.getByLabel("What is it about?").selectOption("money");
			page.getByLabel("What happened?").fill("My withdrawal has not arrived. The app showed code 123456.");
			page.getByLabel("Transaction ids (optional)").fill("0xfeedbeef");
			page.getByLabel("Screenshots (optional)").setInputFiles(new FilePayload("screen.png", "image/png", png()));
			org.assertj.core.api.Assertions.assertThat(png().length).as("a real screenshot's size").isGreaterThan(200_000);
			screenshot(page, "80-support-form");
			press(page, "Send request");
			assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your request is sent");
			assertThat(page.locator("#support-status")).hasText("Waiting for us");
			assertThat(page.locator("ol.thread li")).hasCount(1);
			assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Screenshot 1"))).isVisible();
			String requestId = page.url().replaceAll(".*/account/support/([0-9a-f-]{36}).*", "$1");
			screenshot(page, "81-support-sent");

			Page console = agent.newPage();
			addVirtualAuthenticator(agent.newCDPSession(console));
			console.navigate(enrolmentLink);
			press(console, "Register passkey");
			press(console, "Sign in with passkey");
			assertThat(console).hasURL(base() + "/staff");
			console.locator("#support-queue").click();
			console.locator("tr[data-request='" + requestId + "'] a").click();
			assertThat(console.locator("ol.thread li").first()).containsText("[hidden]");
			assertThat(console.locator("ol.thread li").first()).not().containsText("123456");
			console.getByLabel("Reply").fill("Please confirm with code 987654 so we can check.");
			press(console, "Send reply");
			assertThat(console.getByRole(AriaRole.ALERT)).containsText("looks like it contains a code");
			console.getByLabel("Reply").fill("It was sent; the network is slow today. It should arrive within the hour.");
			press(console, "Send reply");
			assertThat(console.getByRole(AriaRole.STATUS)).hasText("Reply sent.");
			screenshot(console, "82-staff-support-request");

			TestMail.awaitSubject(email, "Gatehouse support replied to your request");
			page.reload();
			assertThat(page.locator("#support-status")).hasText("Answered");
			assertThat(page.locator("ol.thread li.staff")).containsText("should arrive within the hour");
			page.getByLabel("Add a message").fill("It arrived now, thank you.");
			press(page, "Send");
			assertThat(page.locator("#support-status")).hasText("Waiting for us");
			screenshot(page, "83-support-answered");

			console.reload();
			press(console, "Close request");
			assertThat(console.locator("#support-status")).hasText("closed");
			page.reload();
			assertThat(page.locator("#support-status")).hasText("Closed");
			assertThat(page.getByLabel("Add a message")).hasCount(0);

			page.navigate(base() + "/account/history?show=security");
			assertThat(page.locator("main table")).containsText("Support request read by our staff");
		}
	}

	@Test
	void journeyWhenSignedOutThenACodeToTheAddressOpensARequestForThatAccount() {
		String email = new TestAccounts(new ApiClient(this.port)).create();
		try (BrowserContext visitor = chromium.browser().newContext()) {
			Page page = visitor.newPage();
			page.navigate(base() + "/signin");
			page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Contact support")).click();
			assertThat(page).hasURL(base() + "/support");
			page.getByLabel("Email or phone number of your account").fill(email);
			press(page, "Send me a code");
			assertThat(page.getByRole(AriaRole.STATUS)).containsText("we sent a code");
			screenshot(page, "84-support-signed-out-code");
			Matcher m = CODE.matcher(TestMail.body(TestMail.awaitSubject(email, "Your Gatehouse support code")));
			org.assertj.core.api.Assertions.assertThat(m.find()).isTrue();
			page.getByLabel("Code from the message").fill(m.group(1));
			press(page, "Continue");
			assertThat(page).hasURL(base() + "/support");
			page.getByLabel("What is it about?").selectOption("cannot_sign_in");
			page.getByLabel("What happened?").fill("My password stopped working after I changed phones.");
			press(page, "Send request");
			assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your request is sent");
			assertThat(page.locator("#support-status")).hasText("Waiting for us");
			screenshot(page, "85-support-signed-out-sent");
		}
		org.assertj.core.api.Assertions.assertThat(this.jdbc.sql("""
				select count(*) from support_requests r join accounts a on a.id = r.account_id where a.email = ?""")
			.param(email)
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	private static byte[] png() throws IOException {
		// Noisy pixels, so that the PNG is as large as a real screenshot (hundreds of kilobytes).
		BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
		java.util.Random noise = new java.util.Random(7);
		for (int y = 0; y < 600; y++) {
			for (int x = 0; x < 800; x++) {
				image.setRGB(x, y, noise.nextInt(0x1000000));
			}
		}
		Graphics2D g = image.createGraphics();
		g.setColor(Color.RED);
		g.drawString("Withdrawal pending", 40, 40);
		g.dispose();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}
}
