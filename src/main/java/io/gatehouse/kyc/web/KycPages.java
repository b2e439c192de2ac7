package io.gatehouse.kyc.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Accounts;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kyc.Kyc;
import io.gatehouse.web.RequestContexts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.multipart.MultipartFile;

/** The owner's identity verification: the level, the latest application's status, and the form to apply. */
@Controller
class KycPages {

	private final Kyc kyc;

	private final Accounts accounts;

	private final RequestContexts contexts;

	KycPages(Kyc kyc, Accounts accounts, RequestContexts contexts) {
		this.kyc = kyc;
		this.accounts = accounts;
		this.contexts = contexts;
	}

	@GetMapping("/account/kyc")
	String page(@AuthenticationPrincipal Actor.Customer session, Model model) {
		return show(session, model, null, null);
	}

	@PostMapping("/account/kyc")
	String apply(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String legalName,
			@RequestParam(defaultValue = "") String birthDate, @RequestParam(defaultValue = "") String country,
			@RequestPart(name = "idDocument", required = false) @Nullable MultipartFile idDocument,
			@RequestPart(name = "selfie", required = false) @Nullable MultipartFile selfie, HttpServletRequest request,
			Model model) throws IOException {
		return switch (this.kyc.submit(session.accountId(), new Kyc.Submission(legalName, birthDate, country,
				KycPhotos.of(idDocument), KycPhotos.of(selfie)), this.contexts.of(request))) {
			case Kyc.Result.Submitted s -> show(session, model,
					"Thank you: your application is with our review team. You will be told by email.", null);
			case Kyc.Result.Refused r -> {
				model.addAttribute("legalName", legalName);
				model.addAttribute("birthDate", birthDate);
				model.addAttribute("country", country);
				yield show(session, model, null, r.rejection().message());
			}
		};
	}

	private String show(Actor.Customer session, Model model, @Nullable String notice, @Nullable String error) {
		model.addAttribute("level", this.accounts.find(session.accountId()).map(a -> a.kycLevel()).orElse(0));
		model.addAttribute("kycApplication", this.kyc.latest(session.accountId()).orElse(null));
		model.addAttribute("notice", notice);
		model.addAttribute("error", error);
		return "kyc/kyc";
	}
}
