package io.gatehouse.withdraw.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.withdraw.WithdrawalViews;
import io.gatehouse.withdraw.Withdrawals;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The owner's withdrawal history, with a cancel button while a withdrawal waits. */
@Controller
class WithdrawalHistoryPages {

	private final Withdrawals withdrawals;

	private final WithdrawalViews views;

	private final RequestContexts contexts;

	WithdrawalHistoryPages(Withdrawals withdrawals, WithdrawalViews views, RequestContexts contexts) {
		this.withdrawals = withdrawals;
		this.views = views;
		this.contexts = contexts;
	}

	@GetMapping("/account/withdrawals")
	String history(@AuthenticationPrincipal Actor.Customer session,
			@RequestParam(required = false) @Nullable String requested, Model model) {
		return page(session, model, requested == null ? null
				: "Withdrawal requested. You can cancel it here until our wallet picks it up.", null);
	}

	@PostMapping("/account/withdrawals/{id}/cancel")
	String cancel(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id, HttpServletRequest request,
			Model model) {
		Optional<Rejection> refused = this.withdrawals.cancel(session, id, this.contexts.of(request));
		return page(session, model, refused.isEmpty() ? "Cancelled: the amount and fee are available again." : null,
				refused.map(Rejection::message).orElse(null));
	}

	private String page(Actor.Customer session, Model model, @Nullable String notice, @Nullable String error) {
		model.addAttribute("withdrawals",
				this.withdrawals.of(session.accountId(), 200).stream().map(this.views::view).toList());
		model.addAttribute("notice", notice);
		model.addAttribute("error", error);
		return "withdraw/withdrawals";
	}
}
