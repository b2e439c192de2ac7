package io.gatehouse.factor.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.account.AntiPhishingCodeService;
import io.gatehouse.factor.BackupCodeService;
import io.gatehouse.factor.FactorRejection;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.TradingPasswordService;
import io.gatehouse.factor.web.StepUpForms.Verification;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.session.SessionService;
import io.gatehouse.web.RequestContexts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriUtils;

/**
 * The security page, and the protections on it that are not a factor of their own: backup codes, the
 * anti-phishing code, the trading password, and signing out every other session. Passkeys, the
 * authenticator app and SMS codes have pages of their own ({@link PasskeyPages}, {@link TotpPages},
 * {@link SmsPages}).
 */
@Controller
class SecurityPages {

	private final SecurityOverview overview;

	private final StepUpForms forms;

	private final BackupCodeService backupCodes;

	private final AntiPhishingCodeService antiPhishing;

	private final TradingPasswordService tradingPasswords;

	private final SecondFactorService secondFactors;

	private final SessionService sessions;

	private final RequestContexts contexts;

	SecurityPages(SecurityOverview overview, StepUpForms forms, BackupCodeService backupCodes,
			AntiPhishingCodeService antiPhishing, TradingPasswordService tradingPasswords,
			SecondFactorService secondFactors, SessionService sessions, RequestContexts contexts) {
		this.overview = overview;
		this.forms = forms;
		this.backupCodes = backupCodes;
		this.antiPhishing = antiPhishing;
		this.tradingPasswords = tradingPasswords;
		this.secondFactors = secondFactors;
		this.sessions = sessions;
		this.contexts = contexts;
	}

	@GetMapping("/account/security")
	String security(@AuthenticationPrincipal Actor.Customer session, Model model) {
		return this.overview.overview(session, model);
	}

	/** One focused page of the security centre; an unknown one is a 404 page. */
	@GetMapping("/account/security/{slug:[a-z-]+}")
	String section(@AuthenticationPrincipal Actor.Customer session, @PathVariable String slug, Model model) {
		SecuritySection section = SecuritySection.of(slug)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return this.overview.show(section, session, model);
	}

	/** New backup codes after security verification, shown on this page only; a download link carries the same text. */
	@PostMapping("/account/security/backup-codes")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String backupCodes(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (!this.secondFactors.anyStrong(session.accountId())) {
			return this.overview.withError(SecuritySection.BACKUP_CODES, session, model, FactorRejection.SECOND_FACTOR_REQUIRED.message());
		}
		Verification refused = this.forms.verifyAndConsume(session, StepUpAction.REGENERATE_BACKUP_CODES, Map.of(),
				code, password, request, response);
		if (refused.failed()) {
			return this.overview.withError(SecuritySection.BACKUP_CODES, session, model, refused.error());
		}
		List<String> codes = this.backupCodes.regenerate(session.accountId(), this.contexts.of(request));
		String text = "Gatehouse backup codes. Each works once.\n\n" + String.join("\n", codes) + "\n";
		model.addAttribute("codes", codes);
		model.addAttribute("download", "data:text/plain;charset=utf-8," + UriUtils.encode(text, StandardCharsets.UTF_8));
		return "factor/backup-codes";
	}

	@PostMapping("/account/security/anti-phishing-code")
	String antiPhishingCode(@AuthenticationPrincipal Actor.Customer session,
			@RequestParam(defaultValue = "") String antiPhishingCode, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<String> canonical = AntiPhishingCodeService.canonical(antiPhishingCode);
		if (canonical.isEmpty()) {
			return this.overview.withError(SecuritySection.ANTI_PHISHING, session, model, AntiPhishingCodeService.INVALID.message());
		}
		Verification refused = this.forms.verifyAndConsume(session, StepUpAction.SET_ANTI_PHISHING_CODE,
				Map.of("code", canonical.get()), code, password, request, response);
		if (refused.failed()) {
			return this.overview.withError(SecuritySection.ANTI_PHISHING, session, model, refused.error());
		}
		this.antiPhishing.set(session.accountId(), canonical.get(), this.contexts.of(request));
		return SecuritySection.ANTI_PHISHING.redirect("antiPhishingSet");
	}

	@PostMapping("/account/security/trading-password")
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	String tradingPassword(@AuthenticationPrincipal Actor.Customer session,
			@RequestParam(defaultValue = "") String tradingPassword, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Verification refused = this.forms.verifyAndConsume(session, StepUpAction.SET_TRADING_PASSWORD, Map.of(), code,
				password, request, response);
		if (refused.failed()) {
			return this.overview.withError(SecuritySection.TRADING_PASSWORD, session, model, refused.error());
		}
		var rejected = this.tradingPasswords.set(session.accountId(), tradingPassword, this.contexts.of(request));
		if (rejected.isPresent()) {
			return this.overview.withError(SecuritySection.TRADING_PASSWORD, session, model, rejected.get().message());
		}
		return SecuritySection.TRADING_PASSWORD.redirect("tradingPasswordSet");
	}

	/** Signs out every other session, after security verification ("revoke all sessions" is sensitive). */
	@PostMapping("/account/sessions/revoke-others")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String revokeOthers(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Verification verification = this.forms.verifyAndConsume(session, StepUpAction.REVOKE_ALL_SESSIONS, Map.of(),
				code, password, request, response);
		if (verification.failed()) {
			return this.overview.withError(SecuritySection.SESSIONS, session, model, verification.error());
		}
		this.sessions.revokeOthers(session.accountId(), verification.rotated().sessionId(), "revoked_by_user",
				this.contexts.of(request));
		return "redirect:/account/sessions?revokedOthers";
	}
}
