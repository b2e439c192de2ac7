package io.gatehouse.factor.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.gatehouse.account.Accounts;
import io.gatehouse.factor.BackupCodes;
import io.gatehouse.factor.FactorRejection;
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
import org.springframework.web.util.UriUtils;

/** The security page: second factors, and setting up an authenticator app. */
@Controller
class SecurityPages {

	private final TotpFactors totp;

	private final BackupCodes backupCodes;

	private final Accounts accounts;

	private final RequestContexts contexts;

	SecurityPages(TotpFactors totp, BackupCodes backupCodes, Accounts accounts, RequestContexts contexts) {
		this.totp = totp;
		this.backupCodes = backupCodes;
		this.accounts = accounts;
		this.contexts = contexts;
	}

	@GetMapping("/account/security")
	String security(@AuthenticationPrincipal CurrentSession session, Model model) {
		return overview(session, model);
	}

	/** New backup codes, shown on this page only; a download link carries the same text. */
	@PostMapping("/account/security/backup-codes")
	String backupCodes(@AuthenticationPrincipal CurrentSession session, HttpServletRequest request, Model model) {
		if (!this.totp.hasActive(session.accountId())) {
			model.addAttribute("error", FactorRejection.SECOND_FACTOR_REQUIRED.message());
			return overview(session, model);
		}
		List<String> codes = this.backupCodes.regenerate(session.accountId(), this.contexts.of(request));
		String text = "Gatehouse backup codes. Each works once.\n\n" + String.join("\n", codes) + "\n";
		model.addAttribute("codes", codes);
		model.addAttribute("download", "data:text/plain;charset=utf-8," + UriUtils.encode(text, StandardCharsets.UTF_8));
		return "factor/backup-codes";
	}

	private String overview(CurrentSession session, Model model) {
		model.addAttribute("totpActive", this.totp.hasActive(session.accountId()));
		model.addAttribute("backupCodesRemaining", this.backupCodes.remaining(session.accountId()));
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
				model.addAttribute("error", refused.rejection().message());
				yield overview(session, model);
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
		model.addAttribute("error", refusal.get().message() + " Set up the app again to get a new key.");
		return overview(session, model);
	}

	/** {@code ABCDEFGH…} → {@code ABCD EFGH …}, easier to type into an app by hand. */
	private static String grouped(String secret) {
		return secret.replaceAll("(.{4})(?!$)", "$1 ");
	}
}
