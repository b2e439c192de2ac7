package io.gatehouse.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium driven by Playwright, offline: no browser download, no background networking.
 * Without Chromium, browser journeys skip with a message unless GATEHOUSE_REQUIRE_BROWSER=1 (as in CI).
 */
public final class Chromium {

	public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

	public static final String MISSING = "Chromium not installed at /usr/bin/chromium: browser journeys skipped; "
			+ ".ci/run installs it";

	private Chromium() {
	}

	public static boolean installedOrRequired() {
		return Files.isExecutable(EXECUTABLE) || required();
	}

	/** Starts Playwright and a headless Chromium; fails if required and missing, else skips. */
	public static Session launch() {
		boolean installed = Files.isExecutable(EXECUTABLE);
		if (required()) {
			assertThat(installed).as("Chromium is required (GATEHOUSE_REQUIRE_BROWSER=1) but missing at " + EXECUTABLE)
				.isTrue();
		}
		Assumptions.assumeTrue(installed, MISSING);
		Playwright playwright = Playwright
			.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
		Browser browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
						"--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic")));
		return new Session(playwright, browser);
	}

	private static boolean required() {
		return "1".equals(System.getenv("GATEHOUSE_REQUIRE_BROWSER"));
	}

	/** Closes browser and Playwright together. */
	public record Session(Playwright playwright, Browser browser) implements AutoCloseable {

		@Override
		public void close() {
			this.browser.close();
			this.playwright.close();
		}
	}
}
