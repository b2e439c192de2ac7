package io.gatehouse.factor.web;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.factor.FactorRejection;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.TotpService.EnrolmentResult;
import io.gatehouse.factor.TotpService;
import io.gatehouse.factor.web.StepUpForms.Verification;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.QrCodes;
import io.gatehouse.web.RequestContexts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The authenticator app on the security page: setting it up (the secret shown once) and turning it off. */
@Controller
class TotpPages {

	private final SecurityOverview overview;

	private final StepUpForms forms;

	private final TotpService totp;

	private final RequestContexts contexts;

	TotpPages(SecurityOverview overview, StepUpForms forms, TotpService totp, RequestContexts contexts) {
		this.overview = overview;
		this.forms = forms;
		this.totp = totp;
		this.contexts = contexts;
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
			return this.overview.withError(SecuritySection.AUTHENTICATOR, session, model, FactorRejection.ALREADY_ENROLLED.message());
		}
		Verification verification = this.forms.verifyAndConsume(session, StepUpAction.ENROL_TOTP, Map.of(), code,
				password, request, response);
		if (verification.failed()) {
			return this.overview.withError(SecuritySection.AUTHENTICATOR, session, model, verification.error());
		}
		return switch (this.totp.start(session.accountId(), this.overview.label(session))) {
			case EnrolmentResult.Started started -> {
				model.addAttribute("factorId", started.enrolment().factorId());
				model.addAttribute("secret", grouped(started.enrolment().secret()));
				model.addAttribute("otpauthUri", started.enrolment().otpauthUri());
				model.addAttribute("qr", QrCodes.svg(started.enrolment().otpauthUri(), "QR code for your authenticator app"));
				yield "factor/totp-setup";
			}
			case EnrolmentResult.Refused refused -> this.overview.withError(SecuritySection.AUTHENTICATOR, session, model, refused.rejection().message());
		};
	}

	@PostMapping("/account/security/totp/confirm")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String confirm(@AuthenticationPrincipal Actor.Customer session, @RequestParam UUID factorId,
			@RequestParam(defaultValue = "") String code, HttpServletRequest request, Model model) {
		var refusal = this.totp.confirm(session.accountId(), factorId, code, this.contexts.of(request));
		if (refusal.isEmpty()) {
			return SecuritySection.AUTHENTICATOR.redirect("totpEnabled");
		}
		model.addAttribute("error", refusal.get().message() + " Set up the app again to get a new key.");
		return this.overview.show(SecuritySection.AUTHENTICATOR, session, model);
	}

	@PostMapping("/account/security/totp/remove")
	String removeTotp(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Verification refused = this.forms.verifyAndConsume(session, StepUpAction.REMOVE_TOTP, Map.of(), code, password,
				request, response);
		if (refused.failed()) {
			return this.overview.withError(SecuritySection.AUTHENTICATOR, session, model, refused.error());
		}
		// The rotated session spent the proof; it is the one that stays signed in.
		this.totp.remove(refused.rotated(), this.contexts.of(request));
		return SecuritySection.AUTHENTICATOR.redirect("totpRemoved");
	}

	/** {@code ABCDEFGH…} → {@code ABCD EFGH …}, easier to type into an app by hand. */
	private static String grouped(String secret) {
		return secret.replaceAll("(.{4})(?!$)", "$1 ");
	}
}
