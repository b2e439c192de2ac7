package io.gatehouse.factor;

import java.util.Optional;

/**
 * How well an account is protected, in three words, and the one step that would raise it (issue 25, the security
 * centre). A sign-in needs a strong second factor (passkey or authenticator app; SMS does not count, PRODUCT.md
 * §1.3) to be more than weak; it is strong once nothing else on this list is missing:
 * <ol>
 * <li>a strong second factor,</li>
 * <li>a way back in when it is lost: backup codes, or a second strong factor,</li>
 * <li>an anti-phishing code, so fake emails show,</li>
 * <li>a trading password, so a stolen session cannot move money.</li>
 * </ol>
 */
public final class SecurityLevel {

	public enum Level {

		WEAK, FAIR, STRONG
	}

	/** What the account has on. */
	public record Protections(int passkeys, boolean authenticatorApp, int backupCodes, boolean antiPhishingCode,
			boolean tradingPassword) {
	}

	/** One step that would raise the level: what to do, why, and the focused page for it. */
	public record Step(String action, String why, String section) {
	}

	public record Assessment(Level level, Optional<Step> next) {
	}

	private SecurityLevel() {
	}

	public static Assessment of(Protections p) {
		int strongFactors = p.passkeys() + (p.authenticatorApp() ? 1 : 0);
		if (strongFactors == 0) {
			return new Assessment(Level.WEAK, Optional.of(new Step("Add a passkey",
					"A password alone can be guessed, phished or leaked; a passkey cannot be phished.", "passkeys")));
		}
		if (p.backupCodes() == 0 && strongFactors < 2) {
			return fair(new Step("Generate backup codes",
					"If you lose your only second factor, a backup code lets you in without waiting for a review.",
					"backup-codes"));
		}
		if (!p.antiPhishingCode()) {
			return fair(new Step("Set an anti-phishing code",
					"Every real email from us shows it, so a fake one without it stands out.", "anti-phishing"));
		}
		if (!p.tradingPassword()) {
			return fair(new Step("Set a trading password",
					"It is asked before withdrawals and new API keys, so a stolen session cannot move money.",
					"trading-password"));
		}
		return new Assessment(Level.STRONG, Optional.empty());
	}

	private static Assessment fair(Step next) {
		return new Assessment(Level.FAIR, Optional.of(next));
	}
}
