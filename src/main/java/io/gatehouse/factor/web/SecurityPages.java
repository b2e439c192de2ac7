package io.gatehouse.factor.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.gatehouse.account.Accounts;
import io.gatehouse.factor.TotpFactors;
import io.gatehouse.factor.TotpFactors.EnrolmentResult;
import io.gatehouse.shared.CurrentSession;
import io.gatehouse.shared.RequestContexts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The security page: second factors, and setting up an authenticator app. */
@Controller
class SecurityPages {

	private final TotpFactors totp;

	private final Accounts accounts;

	private final RequestContexts contexts;

	SecurityPages(TotpFactors totp, Accounts accounts, RequestContexts contexts) {
		this.totp = totp;
		this.accounts = accounts;
		this.contexts = contexts;
	}

	@GetMapping("/account/security")
	String security(@AuthenticationPrincipal CurrentSession session, Model model) {
		model.addAttribute("totpActive", this.totp.hasActive(session.accountId()));
		return "factor/security";
	}

	/** A POST, because it creates the pending factor; the page it renders shows the secret this once. */
	@PostMapping("/account/security/totp")
	String start(@AuthenticationPrincipal CurrentSession session, Model model) {
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
				model.addAttribute("totpActive", true);
				model.addAttribute("error", refused.rejection().message());
				yield "factor/security";
			}
		};
	}

	@PostMapping("/account/security/totp/confirm")
	String confirm(@AuthenticationPrincipal CurrentSession session, @RequestParam UUID factorId,
			@RequestParam(defaultValue = "") String code, HttpServletRequest request, Model model) {
		var refusal = this.totp.confirm(session.accountId(), factorId, code, this.contexts.of(request));
		if (refusal.isEmpty()) {
			return "redirect:/account/security?totpEnabled";
		}
		model.addAttribute("totpActive", this.totp.hasActive(session.accountId()));
		model.addAttribute("error", refusal.get().message() + " Set up the app again to get a new key.");
		return "factor/security";
	}

	/** {@code ABCDEFGH…} → {@code ABCD EFGH …}, easier to type into an app by hand. */
	private static String grouped(String secret) {
		return secret.replaceAll("(.{4})(?!$)", "$1 ");
	}
}
