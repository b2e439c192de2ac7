package io.gatehouse.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ccxt harness ({@code ccxt/run.mjs}, ccxt from npm as pinned in {@code ccxt/package.json}), run with the
 * machine's Node. Without Node or {@code npm ci --prefix ccxt} the ccxt tests skip with a message; with
 * {@code GATEHOUSE_REQUIRE_CCXT=1} (CI) they run and fail instead.
 */
public final class Ccxt {

	public static final Path HARNESS = Path.of("ccxt", "run.mjs");

	public static final String MISSING = "Node or ccxt missing (run: npm ci --prefix ccxt): ccxt tests skipped; "
			+ "CI sets GATEHOUSE_REQUIRE_CCXT=1 and runs them";

	private Ccxt() {
	}

	public static boolean installedOrRequired() {
		return "1".equals(System.getenv("GATEHOUSE_REQUIRE_CCXT"))
				|| Files.isDirectory(Path.of("ccxt", "node_modules", "ccxt")) && node() != null;
	}

	private static String node() {
		for (String candidate : List.of("/usr/bin/node", "/usr/local/bin/node")) {
			if (Files.isExecutable(Path.of(candidate))) {
				return candidate;
			}
		}
		return null;
	}

	/** Runs the harness with this configuration; its output lines, one JSON object per step. */
	public static List<String> run(String configJson) {
		String node = node();
		if (node == null) {
			throw new IllegalStateException("Node is not installed (apt-get install nodejs npm)");
		}
		try {
			Process process = new ProcessBuilder(node, HARNESS.toString(), configJson).redirectErrorStream(true).start();
			if (!process.waitFor(120, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("ccxt did not finish in 120 s");
			}
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new IllegalStateException("ccxt failed: " + out);
			}
			return out.lines().filter(l -> l.startsWith("{")).toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}
}
