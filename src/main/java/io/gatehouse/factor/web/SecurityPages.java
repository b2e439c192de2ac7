package io.gatehouse.factor.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.account.Accounts;
import io.gatehouse.account.AntiPhishingCodeService;
import io.gatehouse.account.CooldownService;
import io.gatehouse.factor.BackupCodeService;
import io.gatehouse.factor.FactorRejection;
import io.gatehouse.factor.PasskeyAssertions;
import io.gatehouse.factor.PasskeyRegistration;
import io.gatehouse.factor.PasskeyService;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.factor.SmsFactorService;
import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.StepUpRejection;
import io.gatehouse.factor.TotpService.EnrolmentResult;
import io.gatehouse.factor.TotpService;
import io.gatehouse.factor.TradingPasswordService;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.session.SessionService;
import io.gatehouse.session.web.SessionCookies;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/** The security page: second factors, and setting up an authenticator app. */
@Controller
class SecurityPages {

	private final TotpService totp;

	private final BackupCodeService backupCodes;

	private final StepUp stepUp;

	private final AntiPhishingCodeService antiPhishing;

	private final SessionCookies cookies;

	private final Accounts accounts;

	private final RequestContexts contexts;

	private final CooldownService cooldowns;

	private final TradingPasswordService tradingPasswords;

	private final PasskeyService passkeys;

	private final PasskeyAssertions assertions;

	private final PasskeyRegistration registration;

	private final SecondFactorService secondFactors;

	private final JsonMapper json;

	private final SessionService sessions;

	private final SmsFactorService sms;

	SecurityPages(TotpService totp, BackupCodeService backupCodes, StepUp stepUp, AntiPhishingCodeService antiPhishing,
			SessionCookies cookies, Accounts accounts, RequestContexts contexts, CooldownService cooldowns,
			TradingPasswordService tradingPasswords, PasskeyService passkeys, PasskeyAssertions assertions, PasskeyRegistration registration, SecondFactorService secondFactors,
			JsonMapper json, SessionService sessions, SmsFactorService sms) {
		this.sms = sms;
		this.sessions = sessions;
		this.passkeys = passkeys;
		this.assertions = assertions;
		this.registration = registration;
		this.secondFactors = secondFactors;
		this.json = json;
		this.cooldowns = cooldowns;
		this.tradingPasswords = tradingPasswords;
		this.totp = totp;
		this.backupCodes = backupCodes;
		this.stepUp = stepUp;
		this.antiPhishing = antiPhishing;
		this.cookies = cookies;
		this.accounts = accounts;
		this.contexts = contexts;
	}

	@GetMapping("/account/security")
	String security(@AuthenticationPrincipal Actor.Customer session, Model model) {
		return overview(session, model);
	}

	/** New backup codes after security verification, shown on this page only; a download link carries the same text. */
	@PostMapping("/account/security/backup-codes")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String backupCodes(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (!this.secondFactors.anyStrong(session.accountId())) {
			return withError(session, model, FactorRejection.SECOND_FACTOR_REQUIRED.message());
		}
		Verification refused = verifyAndConsume(session, StepUpAction.REGENERATE_BACKUP_CODES, Map.of(), code,
				password, request, response);
		if (refused.failed()) {
			return withError(session, model, refused.error());
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
			return withError(session, model, AntiPhishingCodeService.INVALID.message());
		}
		Verification refused = verifyAndConsume(session, StepUpAction.SET_ANTI_PHISHING_CODE,
				Map.of("code", canonical.get()), code, password, request, response);
		if (refused.failed()) {
			return withError(session, model, refused.error());
		}
		this.antiPhishing.set(session.accountId(), canonical.get(), this.contexts.of(request));
		return "redirect:/account/security?antiPhishingSet";
	}

	@PostMapping("/account/security/trading-password")
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	String tradingPassword(@AuthenticationPrincipal Actor.Customer session,
			@RequestParam(defaultValue = "") String tradingPassword, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Verification refused = verifyAndConsume(session, StepUpAction.SET_TRADING_PASSWORD, Map.of(), code, password,
				request, response);
		if (refused.failed()) {
			return withError(session, model, refused.error());
		}
		var rejected = this.tradingPasswords.set(session.accountId(), tradingPassword, this.contexts.of(request));
		if (rejected.isPresent()) {
			return withError(session, model, rejected.get().message());
		}
		return "redirect:/account/security?tradingPasswordSet";
	}

	@PostMapping("/account/security/totp/remove")
	String removeTotp(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Verification refused = verifyAndConsume(session, StepUpAction.REMOVE_TOTP, Map.of(), code, password, request,
				response);
		if (refused.failed()) {
			return withError(session, model, refused.error());
		}
		// The rotated session spent the proof; it is the one that stays signed in.
		this.totp.remove(refused.rotated(), this.contexts.of(request));
		return "redirect:/account/security?totpRemoved";
	}

	/**
	 * A page does step-up and action in one request: verify the proof the server asks for, move the
	 * browser to the rotated session, and spend the proof on this action at once.
	 */
	private Verification verifyAndConsume(Actor.Customer session, StepUpAction action, Map<String, String> params,
			String code, String password, HttpServletRequest request, HttpServletResponse response) {
		StepUp.Spent spent = this.stepUp.verifyAndSpend(session, action, params, code, password,
				passkeyAnswer(request), this.contexts.of(request));
		if (spent.issued() != null) {
			this.cookies.writeRotated(response, spent.issued());
		}
		return new Verification(spent.refused() == null ? null : spent.refused().message(), spent.session());
	}

	private static StepUp.@org.jspecify.annotations.Nullable PasskeyAnswer passkeyAnswer(HttpServletRequest request) {
		return StepUp.PasskeyAnswer.fromForm(request.getParameter("challengeId"), request.getParameter("credential"));
	}

	/** Signs out every other session, after security verification ("revoke all sessions" is sensitive). */
	@PostMapping("/account/sessions/revoke-others")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String revokeOthers(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Verification verification = verifyAndConsume(session, StepUpAction.REVOKE_ALL_SESSIONS, Map.of(), code,
				password, request, response);
		if (verification.failed()) {
			return withError(session, model, verification.error());
		}
		this.sessions.revokeOthers(session.accountId(), verification.rotated().sessionId(), "revoked_by_user",
				this.contexts.of(request));
		return "redirect:/account/sessions?revokedOthers";
	}

	/** Turning SMS codes on: security verification, then a code to the phone, confirmed on the next page. */
	@PostMapping("/account/security/sms/start")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String startSms(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String phone,
			@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Verification verification = verifyAndConsume(session, StepUpAction.ENABLE_SMS, Map.of(), code, password,
				request, response);
		if (verification.failed()) {
			return withError(session, model, verification.error());
		}
		return switch (this.sms.startEnrolment(verification.rotated(), phone, this.contexts.of(request))) {
			case SmsFactorService.Sent.Done d -> {
				model.addAttribute("sentTo", d.destination());
				yield "factor/sms-confirm";
			}
			case SmsFactorService.Sent.Refused r -> {
				yield withError(verification.rotated(), model, r.rejection().message());
			}
		};
	}

	@PostMapping("/account/security/sms/confirm")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String confirmSms(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, Model model) {
		var refused = this.sms.confirmEnrolment(session, code, this.contexts.of(request));
		if (refused.isEmpty()) {
			return "redirect:/account/security?smsEnabled";
		}
		return withError(session, model, refused.get().message());
	}

	@PostMapping("/account/security/sms/remove")
	String removeSms(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Verification verification = verifyAndConsume(session, StepUpAction.REMOVE_SMS, Map.of(), code, password,
				request, response);
		if (verification.failed()) {
			return withError(session, model, verification.error());
		}
		this.sms.remove(verification.rotated(), this.contexts.of(request));
		return "redirect:/account/security?smsRemoved";
	}

	/** A step-up challenge for passkey.js, in this session. */
	@PostMapping("/account/security/step-up/passkey-options")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	@org.springframework.web.bind.annotation.ResponseBody
	ResponseEntity<?> stepUpPasskeyOptions(@AuthenticationPrincipal Actor.Customer session) {
		if (!this.passkeys.hasAny(session.accountId())) {
			return Problems.of(StepUpRejection.FACTOR_NOT_ALLOWED);
		}
		PasskeyService.Options options = this.assertions.stepUpOptions(session);
		return ResponseEntity
			.ok(Map.of("challengeId", options.challengeId(), "publicKey", options.publicKey()));
	}

	/** Adding a passkey: security verification first, then the browser's create() on the page it renders. */
	@PostMapping("/account/security/passkeys/start")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String startPasskey(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Verification verification = verifyAndConsume(session, StepUpAction.ADD_PASSKEY, Map.of(), code, password,
				request, response);
		if (verification.failed()) {
			return withError(session, model, verification.error());
		}
		String label = this.accounts.find(session.accountId()).orElseThrow().identifiers().getFirst().value();
		PasskeyService.Options options = this.registration.registrationOptions(verification.rotated(), label);
		model.addAttribute("challengeId", options.challengeId());
		model.addAttribute("options", this.json.writeValueAsString(options.publicKey()));
		return "factor/passkey-setup";
	}

	@PostMapping("/account/security/passkeys")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String registerPasskey(@AuthenticationPrincipal Actor.Customer session, @RequestParam UUID challengeId,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String credential,
			HttpServletRequest request, Model model) {
		return switch (this.registration.register(session, challengeId, name, credential, this.contexts.of(request))) {
			case PasskeyService.Registered.Done d -> "redirect:/account/security?passkeyAdded";
			case PasskeyService.Registered.Refused r -> {
				yield withError(session, model, r.rejection().message());
			}
		};
	}

	@PostMapping("/account/security/passkeys/{passkeyId}/remove")
	String removePasskey(@AuthenticationPrincipal Actor.Customer session, @org.springframework.web.bind.annotation.PathVariable UUID passkeyId,
			@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Verification verification = verifyAndConsume(session, StepUpAction.REMOVE_PASSKEY,
				Map.of("passkeyId", passkeyId.toString()), code, password, request, response);
		if (verification.failed()) {
			return withError(session, model, verification.error());
		}
		var refused = this.passkeys.remove(verification.rotated(), passkeyId, this.contexts.of(request));
		if (refused.isPresent()) {
			return withError(verification.rotated(), model, refused.get().message());
		}
		return "redirect:/account/security?passkeyRemoved";
	}

	/**
	 * @param error why verification failed, or null when the proof was issued and spent
	 * @param rotated the session the browser holds now
	 */
	private record Verification(@org.jspecify.annotations.Nullable String error, Actor.Customer rotated) {

		boolean failed() {
			return this.error != null;
		}
	}

	/** The security page again, explaining why the last step was refused. */
	private String withError(Actor.Customer session, Model model, @org.jspecify.annotations.Nullable String error) {
		model.addAttribute("error", Objects.requireNonNull(error));
		return overview(session, model);
	}

	private String overview(Actor.Customer session, Model model) {
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

	/**
	 * A POST, because it creates the pending factor, after security verification (adding a factor is a
	 * sensitive action); the page it renders shows the secret this once.
	 */
	@PostMapping("/account/security/totp")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String start(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		if (this.totp.hasActive(session.accountId())) {
			return withError(session, model, FactorRejection.ALREADY_ENROLLED.message());
		}
		Verification verification = verifyAndConsume(session, StepUpAction.ENROL_TOTP, Map.of(), code, password,
				request, response);
		if (verification.failed()) {
			return withError(session, model, verification.error());
		}
		String label = this.accounts.find(session.accountId()).orElseThrow().identifiers().getFirst().value();
		return switch (this.totp.start(session.accountId(), label)) {
			case EnrolmentResult.Started started -> {
				model.addAttribute("factorId", started.enrolment().factorId());
				model.addAttribute("secret", grouped(started.enrolment().secret()));
				model.addAttribute("otpauthUri", started.enrolment().otpauthUri());
				model.addAttribute("qr", QrCodes.svg(started.enrolment().otpauthUri()));
				yield "factor/totp-setup";
			}
			case EnrolmentResult.Refused refused -> {
				yield withError(session, model, refused.rejection().message());
			}
		};
	}

	@PostMapping("/account/security/totp/confirm")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String confirm(@AuthenticationPrincipal Actor.Customer session, @RequestParam UUID factorId,
			@RequestParam(defaultValue = "") String code, HttpServletRequest request, Model model) {
		var refusal = this.totp.confirm(session.accountId(), factorId, code, this.contexts.of(request));
		if (refusal.isEmpty()) {
			return "redirect:/account/security?totpEnabled";
		}
		model.addAttribute("error", refusal.get().message() + " Set up the app again to get a new key.");
		return overview(session, model);
	}

	/** {@code ABCDEFGH…} → {@code ABCD EFGH …}, easier to type into an app by hand. */
	private static String grouped(String secret) {
		return secret.replaceAll("(.{4})(?!$)", "$1 ");
	}
}
