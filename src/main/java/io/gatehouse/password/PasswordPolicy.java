package io.gatehouse.password;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import io.gatehouse.kernel.Background;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What a new password must satisfy (NIST SP 800-63B §3.1.1.2, ASVS 5 §6.2): 8 to 256 characters, no
 * composition rules, not on the blocklist, free of context words (the service name, the person's own
 * identifier), and a zxcvbn strength score at or above the configured minimum. Checks run cheapest
 * first; the length cap comes before anything that costs time.
 */
@Component
public class PasswordPolicy {

	private static final int MIN_CONTEXT_TOKEN = 4;

	private static final int STRENGTH_SAMPLE = 100;

	private final PasswordBlocklist blocklist;

	private final PasswordProperties properties;

	/** zxcvbn builds its dictionaries in the background once the application is ready. */
	private final Background<Zxcvbn> zxcvbn = Background.load("zxcvbn", Zxcvbn::new);

	public PasswordPolicy(PasswordBlocklist blocklist, PasswordProperties properties) {
		this.blocklist = blocklist;
		this.properties = properties;
	}

	/** Checks only what can be judged without context: length and characters. */
	public Optional<PasswordRejection> checkShape(String password) {
		if (password.length() > Passwords.MAX_LENGTH * 2 || Passwords.length(password) > Passwords.MAX_LENGTH) {
			return Optional.of(PasswordRejection.TOO_LONG);
		}
		if (password.codePoints().anyMatch(Character::isISOControl)) {
			return Optional.of(PasswordRejection.INVALID_CHARACTERS);
		}
		if (Passwords.length(Passwords.normalize(password)) < Passwords.MIN_LENGTH) {
			return Optional.of(PasswordRejection.TOO_SHORT);
		}
		return Optional.empty();
	}

	/**
	 * @param identifiers the person's own identifiers (email, phone), whose parts must not appear
	 */
	public Optional<PasswordRejection> check(String password, List<String> identifiers) {
		Optional<PasswordRejection> shape = checkShape(password);
		if (shape.isPresent()) {
			return shape;
		}
		if (this.blocklist.contains(password)) {
			return Optional.of(PasswordRejection.COMMON);
		}
		List<String> context = contextTokens(identifiers);
		String lower = Passwords.normalize(password).toLowerCase(Locale.ROOT);
		for (String token : context) {
			if (lower.contains(token)) {
				return Optional.of(PasswordRejection.CONTAINS_CONTEXT);
			}
		}
		Strength strength = this.zxcvbn.get().measure(strengthSample(Passwords.normalize(password)), context);
		if (strength.getScore() < this.properties.minStrengthScore()) {
			return Optional.of(PasswordRejection.TOO_WEAK);
		}
		return Optional.empty();
	}

	/**
	 * zxcvbn's matching grows steeply with length (a crafted 256-character password costs seconds of
	 * CPU); its estimate has long saturated by 100 characters, so only those are measured.
	 */
	static String strengthSample(String password) {
		if (password.codePointCount(0, password.length()) <= STRENGTH_SAMPLE) {
			return password;
		}
		return password.substring(0, password.offsetByCodePoints(0, STRENGTH_SAMPLE));
	}

	/** The context words, plus each identifier whole and split at punctuation (local part, domain labels). */
	private List<String> contextTokens(List<String> identifiers) {
		List<String> tokens = new ArrayList<>();
		for (String word : this.properties.contextWords()) {
			tokens.add(word.toLowerCase(Locale.ROOT));
		}
		for (String identifier : identifiers) {
			String lower = identifier.toLowerCase(Locale.ROOT);
			addToken(tokens, lower);
			int at = lower.indexOf('@');
			if (at > 0) {
				addToken(tokens, lower.substring(0, at));
				String domain = lower.substring(at + 1);
				int dot = domain.lastIndexOf('.');
				addToken(tokens, dot > 0 ? domain.substring(0, dot) : domain);
			}
			if (lower.startsWith("+")) {
				addToken(tokens, lower.substring(1));
				if (lower.length() > 8) {
					addToken(tokens, lower.substring(lower.length() - 8));
				}
			}
		}
		return tokens;
	}

	private static void addToken(List<String> tokens, String token) {
		if (token.length() >= MIN_CONTEXT_TOKEN && !tokens.contains(token)) {
			tokens.add(token);
		}
	}

	@EventListener(ApplicationReadyEvent.class)
	void loadWhenReady() {
		this.zxcvbn.start();
	}
}
