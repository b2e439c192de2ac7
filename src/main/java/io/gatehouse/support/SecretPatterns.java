package io.gatehouse.support;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What looks like a secret in free text: Gatehouse's own tokens, one-time codes (a run of 6 to 8 digits standing
 * alone, not part of a larger number or a decimal), API-secret-shaped UUIDs, long hex or base64 runs (keys, seeds, private keys) and words after
 * "password"/"passphrase". Staff replies with one are refused; customers' words are shown to staff with each masked.
 */
final class SecretPatterns {

	private static final List<Pattern> PATTERNS = List.of(Pattern.compile("\\bgh[a-z]_[A-Za-z0-9_-]{16,}"),
			Pattern.compile("(?<![\\d,]|\\d\\.)\\d{6,8}(?![\\d,]|\\.\\d)"),
			Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"),
			Pattern.compile("\\b[0-9a-fA-F]{32,}\\b"), Pattern.compile("[A-Za-z0-9+/_-]{40,}={0,2}"),
			Pattern.compile("(?i)\\b(pass(?:word|phrase)|pin)\\b\\s*(?:is|:|=)\\s*\\S+"));

	static final String MASK = "[hidden]";

	private SecretPatterns() {
	}

	/** A transaction id that is really a one-time code or one of Gatehouse's tokens. */
	static boolean looksLikeCode(String id) {
		return id.matches("\\d{6,8}") || id.matches("gh[a-z]_.*");
	}

	static boolean containsSecret(String text) {
		return PATTERNS.stream().anyMatch(p -> p.matcher(text).find());
	}

	static String masked(String text) {
		String out = text;
		for (Pattern p : PATTERNS) {
			out = p.matcher(out).replaceAll(MASK);
		}
		return out;
	}
}
