package io.gatehouse.factor.web;

import java.util.Locale;
import java.util.Optional;

/**
 * The security centre's focused pages: each one protection and its actions, with one security verification per
 * action. The overview ({@code /account/security}) links each; {@code /account/security/<slug>} shows it.
 */
enum SecuritySection {

	PASSKEYS("Passkeys"), AUTHENTICATOR("Authenticator app"), SMS("SMS codes"), BACKUP_CODES("Backup codes"),
	ANTI_PHISHING("Anti-phishing code"), TRADING_PASSWORD("Trading password"), SESSIONS("Sign out everywhere"),
	FREEZE("Freeze account");

	private final String title;

	SecuritySection(String title) {
		this.title = title;
	}

	String slug() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	String title() {
		return this.title;
	}


	/** Where a step on this page sends the person after it worked, with the word the page shows a notice for. */
	String redirect(String notice) {
		return "redirect:/account/security/" + slug() + "?" + notice;
	}

	static Optional<SecuritySection> of(String slug) {
		for (SecuritySection s : values()) {
			if (s.slug().equals(slug)) {
				return Optional.of(s);
			}
		}
		return Optional.empty();
	}
}
