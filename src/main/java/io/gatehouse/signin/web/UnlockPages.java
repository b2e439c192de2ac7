package io.gatehouse.signin.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.CaptchaService;
import io.gatehouse.abuse.RequestGate;
import io.gatehouse.signin.AccountUnlock.Confirmed;
import io.gatehouse.signin.AccountUnlock;
import io.gatehouse.signin.UnlockRejection;
import io.gatehouse.signin.UnlockRequests;
import io.gatehouse.web.RequestContexts;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The "Unlock account" pages: ask for a code, enter it, then the second factor when the account has one. */
@Controller
class UnlockPages {

	private final AccountUnlock unlock;

	private final UnlockRequests requests;

	private final RequestContexts contexts;

	private final CaptchaService captchas;

	UnlockPages(AccountUnlock unlock, UnlockRequests requests, RequestContexts contexts, CaptchaService captchas) {
		this.captchas = captchas;
		this.unlock = unlock;
		this.requests = requests;
		this.contexts = contexts;
	}

	@GetMapping("/unlock")
	String form(Model model) {
		model.addAttribute("stage", "request");
		return "signin/unlock";
	}

	@PostMapping("/unlock")
	String request(@RequestParam(defaultValue = "") String identifier,
			@RequestParam(required = false) @Nullable String captcha, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		String shown = identifier.length() > 320 ? "" : identifier;
		switch (this.requests.request(identifier, captcha, this.contexts.of(request))) {
			case RequestGate.Answer.Wait wait -> {
				response.setStatus(429);
				response.setHeader("Retry-After", Long.toString(wait.retryAfter().toSeconds()));
				model.addAttribute("error", AbuseRejection.RATE_LIMITED.message() + SignInPages.waitText(wait.retryAfter()));
				model.addAttribute("stage", "request");
				model.addAttribute("identifier", shown);
				return "signin/unlock";
			}
			case RequestGate.Answer.Captcha needed -> {
				model.addAttribute("error", needed.rejection().message());
				model.addAttribute("captchaRequired", true);
				model.addAttribute("captchaWidget", this.captchas.widget());
				model.addAttribute("stage", "request");
				model.addAttribute("identifier", shown);
				return "signin/unlock";
			}
			case RequestGate.Answer.Pass pass -> {
			}
		}
		model.addAttribute("stage", "code");
		model.addAttribute("identifier", shown);
		return "signin/unlock";
	}

	@PostMapping("/unlock/confirm")
	String confirm(@RequestParam(defaultValue = "") String identifier, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, Model model) {
		String shown = identifier.length() > 320 ? "" : identifier;
		return switch (this.unlock.confirmCode(identifier, code, this.contexts.of(request))) {
			case Confirmed.Unlocked u -> "redirect:/signin?unlocked";
			case Confirmed.SecondFactorRequired next -> {
				model.addAttribute("stage", "second_factor");
				model.addAttribute("ticket", next.ticket());
				model.addAttribute("allowedFactors", next.allowedFactors());
				yield "signin/unlock";
			}
			case Confirmed.Refused r -> {
				model.addAttribute("stage", "code");
				model.addAttribute("identifier", shown);
				model.addAttribute("error", r.rejection().message());
				yield "signin/unlock";
			}
		};
	}

	@PostMapping("/unlock/second-factor")
	String secondFactor(@RequestParam(defaultValue = "") String ticket,
			@RequestParam(defaultValue = "totp") String factor, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, Model model) {
		return switch (this.unlock.confirmSecondFactor(ticket, factor, code, this.contexts.of(request))) {
			case Confirmed.Unlocked u -> "redirect:/signin?unlocked";
			case Confirmed.SecondFactorRequired next -> throw new IllegalStateException("one second step only");
			case Confirmed.Refused r -> {
				boolean expired = r.rejection() == UnlockRejection.TICKET_INVALID;
				model.addAttribute("stage", expired ? "request" : "second_factor");
				model.addAttribute("ticket", ticket.length() > 64 ? "" : ticket);
				model.addAttribute("allowedFactors", List.of("totp", "backup_code"));
				model.addAttribute("error", r.rejection().message());
				yield "signin/unlock";
			}
		};
	}
}
