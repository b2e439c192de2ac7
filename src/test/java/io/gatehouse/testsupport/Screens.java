package io.gatehouse.testsupport;

import java.nio.file.Path;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ViewportSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser journeys do at every page they show: check its accessibility ({@link Accessibility}), save a
 * screenshot at the journey's width and one at phone width (390 px, {@code <name>-phone.png}) under
 * {@code target/screenshots}, and check that a customer page fits a phone without sideways scrolling.
 */
public final class Screens {

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final int PHONE_WIDTH = 390;

	private Screens() {
	}

	public static void save(Page page, String name) {
		Accessibility.check(page, name);
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
		ViewportSize size = page.viewportSize();
		if (size == null || size.width <= PHONE_WIDTH) {
			return;
		}
		page.setViewportSize(PHONE_WIDTH, 844);
		try {
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-phone.png"))
				.setFullPage(true));
			String path = page.url().replaceFirst("^https?://[^/]+", "");
			if (!path.startsWith("/staff") && !path.startsWith("/dev/")) {
				assertThat(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))
					.as("sideways scrolling of " + name + " (" + path + ") at " + PHONE_WIDTH + " px, in px")
					.isEqualTo(0);
			}
		}
		finally {
			page.setViewportSize(size.width, size.height);
		}
	}
}
