package io.gatehouse.factor.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.CooldownService;
import io.gatehouse.factor.BackupCodeService;
import io.gatehouse.factor.PasskeyService;
import io.gatehouse.factor.SecurityCentreRow;
import io.gatehouse.factor.SecurityLevel;
import io.gatehouse.factor.SmsFactorService;
import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.TotpService;
import io.gatehouse.factor.TradingPasswordService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.session.SessionService;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * The security centre's model: the overview (every protection as a row with its state and one action, and the
 * security level), and each focused page's state and why its last step was refused, if it was.
 */
@Component
class SecurityOverview {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

	private final TotpService totp;

	private final TradingPasswordService tradingPasswords;

	private final CooldownService cooldowns;

	private final Accounts accounts;

	private final BackupCodeService backupCodes;

	private final PasskeyService passkeys;

	private final SmsFactorService sms;

	private final StepUp stepUp;

	private final SessionService sessions;

	private final List<SecurityCentreRow> extraRows;

	SecurityOverview(TotpService totp, TradingPasswordService tradingPasswords, CooldownService cooldowns,
			Accounts accounts, BackupCodeService backupCodes, PasskeyService passkeys, SmsFactorService sms,
			StepUp stepUp, SessionService sessions, List<SecurityCentreRow> extraRows) {
		this.sessions = sessions;
		this.extraRows = extraRows;
		this.totp = totp;
		this.tradingPasswords = tradingPasswords;
		this.cooldowns = cooldowns;
		this.accounts = accounts;
		this.backupCodes = backupCodes;
		this.passkeys = passkeys;
		this.sms = sms;
		this.stepUp = stepUp;
	}

	/** A focused page again, explaining why its last step was refused. */
	String withError(SecuritySection section, Actor.Customer session, Model model, @Nullable String error) {
		model.addAttribute("error", Objects.requireNonNull(error));
		return show(section, session, model);
	}

	/** One focused page of the security centre. */
	String show(SecuritySection section, Actor.Customer session, Model model) {
		state(session, model);
		model.addAttribute("sectionTitle", section.title());
		model.addAttribute("securitySection", section.slug());
		return "factor/security-section";
	}

	/** The security centre's overview: every protection as a row with its state and one action, and the level. */
	String overview(Actor.Customer session, Model model) {
		UUID accountId = session.accountId();
		Account account = this.accounts.find(accountId).orElseThrow();
		List<PasskeyService.Passkey> passkeys = this.passkeys.list(accountId);
		boolean totp = this.totp.hasActive(accountId);
		Optional<String> smsPhone = this.sms.maskedPhone(accountId);
		int backupCodes = this.backupCodes.remaining(accountId);
		boolean tradingPassword = this.tradingPasswords.isSet(accountId);
		boolean antiPhishing = account.antiPhishingCode() != null;
		int sessionCount = this.sessions.list(accountId).size();

		List<SecurityCentreRow.Row> rows = new ArrayList<>();
		rows.add(new SecurityCentreRow.Row("Password", "Last changed " + DAY.format(account.passwordChangedAt()), true,
				"Change", "/account/password"));
		rows.add(new SecurityCentreRow.Row("Email", account.email() == null ? "Not added"
				: account.email().masked() + ", verified", account.email() != null,
				account.email() == null ? "Add" : "Change", "/account/contact"));
		rows.add(new SecurityCentreRow.Row("Phone", account.phone() == null ? "Not added"
				: account.phone().masked() + ", verified", account.phone() != null,
				account.phone() == null ? "Add" : "Change", "/account/contact"));
		rows.add(new SecurityCentreRow.Row("Passkeys", passkeys.isEmpty() ? "None: the strongest way to sign in"
				: passkeys.size() == 1 ? "1 passkey" : passkeys.size() + " passkeys", !passkeys.isEmpty(),
				passkeys.isEmpty() ? "Add" : "Manage", "/account/security/passkeys"));
		rows.add(new SecurityCentreRow.Row("Authenticator app", totp ? "On" : "Off", totp, totp ? "Manage" : "Set up",
				"/account/security/authenticator"));
		rows.add(new SecurityCentreRow.Row("SMS codes", (smsPhone.isPresent() ? "On, to " + smsPhone.get() : "Off")
				+ " (the weakest option)", smsPhone.isPresent(), smsPhone.isPresent() ? "Manage" : "Turn on",
				"/account/security/sms"));
		if (totp || !passkeys.isEmpty()) {
			rows.add(new SecurityCentreRow.Row("Backup codes", backupCodes + " unused", backupCodes > 0,
					backupCodes > 0 ? "Replace" : "Generate", "/account/security/backup-codes"));
		}
		rows.add(new SecurityCentreRow.Row("Trading password", tradingPassword ? "Set" : "Not set", tradingPassword,
				tradingPassword ? "Change" : "Set", "/account/security/trading-password"));
		rows.add(new SecurityCentreRow.Row("Anti-phishing code", antiPhishing ? "Set" : "Not set", antiPhishing,
				antiPhishing ? "Change" : "Set", "/account/security/anti-phishing"));
		this.extraRows.stream()
			.sorted(Comparator.comparingInt(SecurityCentreRow::order))
			.forEach(extra -> rows.add(extra.row(accountId)));
		rows.add(new SecurityCentreRow.Row("Sessions", sessionCount == 1 ? "1 signed in (this one)"
				: sessionCount + " signed in", true, "Review", "/account/sessions"));

		model.addAttribute("rows", rows);
		model.addAttribute("assessment", SecurityLevel.of(new SecurityLevel.Protections(passkeys.size(), totp,
				backupCodes, antiPhishing, tradingPassword)));
		model.addAttribute("withdrawalsLockedUntil", this.cooldowns.lockedUntil(accountId).orElse(null));
		return "factor/security";
	}

	private void state(Actor.Customer session, Model model) {
		model.addAttribute("totpActive", this.totp.hasActive(session.accountId()));
		model.addAttribute("tradingPasswordSet", this.tradingPasswords.isSet(session.accountId()));
		model.addAttribute("withdrawalsLockedUntil", this.cooldowns.lockedUntil(session.accountId()).orElse(null));
		model.addAttribute("antiPhishingSet", this.accounts.find(session.accountId())
			.map(a -> a.antiPhishingCode() != null)
			.orElse(false));
		model.addAttribute("backupCodesRemaining", this.backupCodes.remaining(session.accountId()));
		model.addAttribute("passkeys", this.passkeys.list(session.accountId()));
		model.addAttribute("smsPhone", this.sms.maskedPhone(session.accountId()).orElse(null));
		model.addAttribute("accountHasPhone", this.accounts.find(session.accountId()).map(a -> a.phone() != null)
			.orElse(false));
		model.addAttribute("stepUpFactors", this.stepUp.allowedFactors(session.accountId()));
	}

	/** How the account appears in an authenticator app or passkey manager: its first identifier. */
	String label(Actor.Customer session) {
		return this.accounts.find(session.accountId()).orElseThrow().identifiers().getFirst().value();
	}
}
