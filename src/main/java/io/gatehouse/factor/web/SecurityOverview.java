package io.gatehouse.factor.web;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Accounts;
import io.gatehouse.account.CooldownService;
import io.gatehouse.factor.BackupCodeService;
import io.gatehouse.factor.PasskeyService;
import io.gatehouse.factor.SmsFactorService;
import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.TotpService;
import io.gatehouse.factor.TradingPasswordService;
import io.gatehouse.kernel.Actor;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** The security page's model: every protection's state, and why the last step was refused, if it was. */
@Component
class SecurityOverview {

	private final TotpService totp;

	private final TradingPasswordService tradingPasswords;

	private final CooldownService cooldowns;

	private final Accounts accounts;

	private final BackupCodeService backupCodes;

	private final PasskeyService passkeys;

	private final SmsFactorService sms;

	private final StepUp stepUp;

	SecurityOverview(TotpService totp, TradingPasswordService tradingPasswords, CooldownService cooldowns,
			Accounts accounts, BackupCodeService backupCodes, PasskeyService passkeys, SmsFactorService sms,
			StepUp stepUp) {
		this.totp = totp;
		this.tradingPasswords = tradingPasswords;
		this.cooldowns = cooldowns;
		this.accounts = accounts;
		this.backupCodes = backupCodes;
		this.passkeys = passkeys;
		this.sms = sms;
		this.stepUp = stepUp;
	}

	/** The security page again, explaining why the last step was refused. */
	String withError(Actor.Customer session, Model model, @Nullable String error) {
		model.addAttribute("error", Objects.requireNonNull(error));
		return show(session, model);
	}

	String show(Actor.Customer session, Model model) {
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
		return "factor/security";
	}

	/** How the account appears in an authenticator app or passkey manager: its first identifier. */
	String label(Actor.Customer session) {
		return this.accounts.find(session.accountId()).orElseThrow().identifiers().getFirst().value();
	}
}
