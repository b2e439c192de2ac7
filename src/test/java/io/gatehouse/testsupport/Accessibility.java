package io.gatehouse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.microsoft.playwright.Page;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * axe-core (from npm, pinned in {@code a11y/package.json}) run inside the page a journey is on: no violation of
 * serious or critical impact. The script goes in through the DevTools protocol, as a test tool's does, so the page's
 * own Content-Security-Policy stays as strict as in production. Without {@code a11y/node_modules} (a developer
 * machine that has not run {@code npm ci --prefix a11y}) the check is skipped with a message, unless
 * GATEHOUSE_REQUIRE_BROWSER=1 (as in CI).
 */
public final class Accessibility {

	private static final Path AXE = Path.of("a11y", "node_modules", "axe-core", "axe.min.js");

	private static final String RUN = """
			async () => {
			  const result = await axe.run(document, { resultTypes: ['violations'] });
			  return JSON.stringify(result.violations
			    .filter(v => v.impact === 'serious' || v.impact === 'critical')
			    .map(v => ({ rule: v.id, impact: v.impact, help: v.help,
			                 where: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })));
			}""";

	private static volatile @Nullable String source;

	private Accessibility() {
	}

	/** Fails with the rules broken and where, if the page has serious or critical violations. */
	public static void check(Page page, String name) {
		String axe = source();
		if (axe == null) {
			return;
		}
		if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
			page.evaluate(axe + "\n;true");
		}
		String violations = (String) page.evaluate(RUN);
		assertThat(violations).as("axe-core: serious or critical accessibility violations on " + name + " ("
				+ page.url() + ")").isEqualTo("[]");
	}

	private static @Nullable String source() {
		if (source == null) {
			if (!Files.isReadable(AXE)) {
				assertThat("1".equals(System.getenv("GATEHOUSE_REQUIRE_BROWSER")))
					.as("axe-core is required (GATEHOUSE_REQUIRE_BROWSER=1) but missing at " + AXE
							+ ": run npm ci --prefix a11y")
					.isFalse();
				System.err.println("axe-core not installed at " + AXE + ": accessibility checks skipped; "
						+ "npm ci --prefix a11y installs it");
				return null;
			}
			try {
				source = Files.readString(AXE);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return source;
	}
}
