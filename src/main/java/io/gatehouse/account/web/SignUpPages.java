package io.gatehouse.account.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.CaptchaService;
import io.gatehouse.account.Country;
import io.gatehouse.account.SignUpService.SignUpResult;
import io.gatehouse.account.SignUpService.VerifyResult;
import io.gatehouse.account.SignUpService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.web.RequestContexts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-up pages: the form, then "enter the code we sent". */
@Controller
class SignUpPages {

	private static final List<Country> COUNTRIES = Arrays.stream(Locale.getISOCountries())
		.map(Country::new)
		.sorted(Comparator.comparing(Country::displayName))
		.toList();

	private final SignUpService signUps;

	private final RequestContexts contexts;

	private final CaptchaService captchas;

	SignUpPages(SignUpService signUps, RequestContexts contexts, CaptchaService captchas) {
		this.captchas = captchas;
		this.signUps = signUps;
		this.contexts = contexts;
	}

	@GetMapping("/signup")
	String form(Model model) {
		model.addAttribute("countries", COUNTRIES);
		return "account/signup";
	}

	@PostMapping("/signup")
	String signUp(@RequestParam(defaultValue = "") String identifier, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "") String country, @RequestParam(required = false) @Nullable String captcha,
			HttpServletRequest request, Model model) {
		SignUpResult result = this.signUps.signUp(identifier, password, country, captcha, this.contexts.of(request));
		if (result instanceof SignUpResult.Started started) {
			return "redirect:/signup/verify?registration=" + started.registrationId();
		}
		SignUpResult.Refused refused = (SignUpResult.Refused) result;
		model.addAttribute("error", refused.rejection().message());
		if (refused.rejection().kind() == Rejection.Kind.CHALLENGE_REQUIRED || refused.rejection() == AbuseRejection.CAPTCHA_INVALID) {
			model.addAttribute("captchaRequired", true);
			model.addAttribute("captchaWidget", this.captchas.widget());
		}
		model.addAttribute("identifier", identifier.length() > 320 ? "" : identifier);
		model.addAttribute("country", country);
		model.addAttribute("countries", COUNTRIES);
		return "account/signup";
	}

	@GetMapping("/signup/verify")
	String verifyForm(@RequestParam UUID registration, Model model) {
		model.addAttribute("registration", registration);
		model.addAttribute("destination", this.signUps.maskedDestination(registration).orElse("your address"));
		return "account/verify";
	}

	@PostMapping("/signup/verify")
	String verify(@RequestParam UUID registration, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, Model model) {
		VerifyResult result = this.signUps.verify(registration, code, this.contexts.of(request));
		if (result instanceof VerifyResult.Verified) {
			return "redirect:/signin?verified";
		}
		model.addAttribute("registration", registration);
		model.addAttribute("destination", this.signUps.maskedDestination(registration).orElse("your address"));
		model.addAttribute("error", ((VerifyResult.Refused) result).rejection().message());
		return "account/verify";
	}

	@PostMapping("/signup/resend")
	String resend(@RequestParam UUID registration, HttpServletRequest request) {
		boolean limited = this.signUps.resend(registration, this.contexts.of(request)).isPresent();
		return "redirect:/signup/verify?registration=" + registration + (limited ? "&limited" : "&resent");
	}
}
