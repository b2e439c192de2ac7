package io.gatehouse.account.web;

import jakarta.servlet.http.HttpServletRequest;

import io.gatehouse.account.Accounts;
import io.gatehouse.account.PasswordChangeService;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.RequestContexts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The account overview and the change-password page. */
@Controller
class AccountPages {

	private final Accounts accounts;

	private final PasswordChangeService passwords;

	private final RequestContexts contexts;

	AccountPages(Accounts accounts, PasswordChangeService passwords, RequestContexts contexts) {
		this.accounts = accounts;
		this.passwords = passwords;
		this.contexts = contexts;
	}

	@GetMapping("/account")
	String overview(@AuthenticationPrincipal Actor.Customer session, Model model) {
		model.addAttribute("account", this.accounts.find(session.accountId()).orElseThrow());
		return "account/overview";
	}

	@GetMapping("/account/password")
	String passwordForm() {
		return "account/password";
	}

	@PostMapping("/account/password")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String changePassword(@AuthenticationPrincipal Actor.Customer session,
			@RequestParam(defaultValue = "") String currentPassword,
			@RequestParam(defaultValue = "") String newPassword, HttpServletRequest request, Model model) {
		var refusal = this.passwords.change(session, currentPassword, newPassword, this.contexts.of(request));
		if (refusal.isPresent()) {
			model.addAttribute("error", refusal.get().message());
			return "account/password";
		}
		return "redirect:/account/sessions?passwordChanged";
	}
}
