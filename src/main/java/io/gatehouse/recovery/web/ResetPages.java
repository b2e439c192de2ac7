package io.gatehouse.recovery.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.CaptchaService;
import io.gatehouse.abuse.RequestGate;
import io.gatehouse.recovery.RecoveryRejection;
import io.gatehouse.recovery.reset.PasswordResetService;
import io.gatehouse.recovery.reset.ResetProperties;
import io.gatehouse.recovery.reset.ResetRequests;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.web.SecretCookies;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The forgot-password pages. The emailed link's token leaves the address bar at once (RP-07): the first
 * load moves it into a short-lived, HttpOnly, SameSite=Strict cookie and redirects to the bare page, which
 * like every page here is sent with {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}
 * and loads nothing from other origins.
 */
@Controller
class ResetPages {

	static final String COOKIE = "__Host-gh_reset";

	private final PasswordResetService resets;

	private final ResetRequests requests;

	private final RequestContexts contexts;

	private final ResetProperties properties;

	private final CaptchaService captchas;

	ResetPages(PasswordResetService resets, ResetRequests requests, RequestContexts contexts,
			ResetProperties properties, CaptchaService captchas) {
		this.captchas = captchas;
		this.resets = resets;
		this.requests = requests;
		this.contexts = contexts;
		this.properties = properties;
	}

	@GetMapping("/forgot-password")
	String form(HttpServletResponse response, Model model) {
		noStore(response);
		model.addAttribute("stage", "request");
		return "recovery/reset";
	}

	@PostMapping("/forgot-password")
	String request(@RequestParam(defaultValue = "") String identifier,
			@RequestParam(required = false) @Nullable String captcha, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		noStore(response);
		String shown = identifier.length() > 320 ? "" : identifier;
		model.addAttribute("identifier", shown);
		switch (this.requests.request(identifier, captcha, this.contexts.of(request))) {
			case RequestGate.Answer.Wait wait -> {
				response.setStatus(429);
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.retryAfter().toSeconds()));
				model.addAttribute("error", AbuseRejection.RATE_LIMITED.message());
				model.addAttribute("stage", "request");
				return "recovery/reset";
			}
			case RequestGate.Answer.Captcha needed -> {
				model.addAttribute("error", needed.rejection().message());
				model.addAttribute("captchaRequired", true);
				model.addAttribute("captchaWidget", this.captchas.widget());
				model.addAttribute("stage", "request");
				return "recovery/reset";
			}
			case RequestGate.Answer.Pass pass -> {
			}
		}
		// Email: the link does the rest. Phone: the code and the new password go in here.
		model.addAttribute("stage", shown.contains("@") ? "sent" : "code");
		return "recovery/reset";
	}

	/** The emailed link: its token moves into a cookie and out of the address bar. */
	@GetMapping(path = "/reset-password", params = "token")
	String fromLink(@RequestParam String token, HttpServletResponse response) {
		noStore(response);
		if (token.length() <= 64 && this.resets.linkIsLive(token)) {
			SecretCookies.set(response, COOKIE, token, this.properties.linkValidity());
		}
		return "redirect:/reset-password";
	}

	@GetMapping("/reset-password")
	String newPasswordForm(HttpServletRequest request, HttpServletResponse response, Model model) {
		noStore(response);
		Optional<String> token = cookie(request);
		if (token.isEmpty() || !this.resets.linkIsLive(token.get())) {
			model.addAttribute("stage", "request");
			model.addAttribute("error", RecoveryRejection.RESET_INVALID.message());
			return "recovery/reset";
		}
		model.addAttribute("stage", "new_password");
		return "recovery/reset";
	}

	/** The new password, with the link's token from the cookie or with the texted code. */
	@PostMapping("/reset-password")
	String reset(@RequestParam(defaultValue = "") String newPassword, @RequestParam(defaultValue = "") String identifier,
			@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		noStore(response);
		boolean byCode = !code.isBlank();
		String token = byCode ? null : cookie(request).orElse("");
		var result = this.resets.reset(token, byCode ? identifier : null, byCode ? code : null, newPassword,
				this.contexts.of(request));
		switch (result) {
			case PasswordResetService.Result.Done d -> {
				clearCookie(response);
				return "redirect:/signin?passwordReset";
			}
			case PasswordResetService.Result.Refused r -> {
				model.addAttribute("error", r.rejection().message());
				boolean tokenDead = r.rejection() == RecoveryRejection.RESET_INVALID;
				model.addAttribute("stage", tokenDead ? "request" : byCode ? "code" : "new_password");
				model.addAttribute("identifier", identifier.length() > 320 ? "" : identifier);
				response.setStatus(Problems.status(r.rejection()).value());
				return "recovery/reset";
			}
			case PasswordResetService.Result.Limited l -> {
				response.setStatus(429);
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(l.retryAfter().toSeconds()));
				model.addAttribute("error", AbuseRejection.RATE_LIMITED.message());
				model.addAttribute("stage", "request");
				return "recovery/reset";
			}
		}
	}

	private static Optional<String> cookie(HttpServletRequest request) {
		return SecretCookies.read(request, COOKIE);
	}

	private static void clearCookie(HttpServletResponse response) {
		SecretCookies.clear(response, COOKIE);
	}

	private static void noStore(HttpServletResponse response) {
		SecretCookies.noStore(response);
	}
}
