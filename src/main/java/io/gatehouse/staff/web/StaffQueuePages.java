package io.gatehouse.staff.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kyc.KycReviews;
import io.gatehouse.staff.StaffSupport;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.withdraw.WithdrawalReviews;
import io.gatehouse.withdraw.WithdrawalViews;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reviewers' queues in the staff console: KYC applications (the photos are served only here, to a
 * reviewer, never cached) and withdrawals waiting for review (four-eyes above the second threshold). Viewing
 * an application's personal data is recorded as a staff action; every decision is a security event.
 */
@Controller
class StaffQueuePages {

	private final KycReviews kyc;

	private final WithdrawalReviews withdrawals;

	private final WithdrawalViews views;

	private final StaffSupport support;

	private final RequestContexts contexts;

	StaffQueuePages(KycReviews kyc, WithdrawalReviews withdrawals, WithdrawalViews views, StaffSupport support,
			RequestContexts contexts) {
		this.kyc = kyc;
		this.withdrawals = withdrawals;
		this.views = views;
		this.support = support;
		this.contexts = contexts;
	}

	@GetMapping("/staff/kyc")
	String kycQueue(@AuthenticationPrincipal Actor.Staff member, HttpServletResponse response, Model model) {
		if (!member.has(Actor.Staff.Role.REVIEWER)) {
			return Forbidden.page(member, response, model);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		model.addAttribute("member", member);
		model.addAttribute("applications", this.kyc.waiting(member));
		return "staff/kyc-queue";
	}

	@GetMapping("/staff/kyc/{id}")
	String kycApplication(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		return kycPage(member, id, request, response, model, null, null);
	}

	@GetMapping("/staff/kyc/{id}/photos/{kind}")
	ResponseEntity<byte[]> photo(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@PathVariable String kind) {
		return this.kyc.photo(member, id, kind)
			.map(p -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(p.contentType()))
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.header("Content-Disposition", "inline")
				.body(p.bytes()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@PostMapping("/staff/kyc/{id}/approve")
	String approveKyc(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestParam(defaultValue = "0") int level, @RequestParam(defaultValue = "") String reason,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<Rejection> refused = this.kyc.approve(member, id, level, reason, this.contexts.of(request));
		return kycPage(member, id, request, response, model, refused.isEmpty() ? "Approved: level " + level + "." : null,
				refused.map(Rejection::message).orElse(null));
	}

	@PostMapping("/staff/kyc/{id}/reject")
	String rejectKyc(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<Rejection> refused = this.kyc.reject(member, id, reason, this.contexts.of(request));
		return kycPage(member, id, request, response, model, refused.isEmpty() ? "Rejected." : null,
				refused.map(Rejection::message).orElse(null));
	}

	private String kycPage(Actor.Staff member, UUID id, HttpServletRequest request, HttpServletResponse response,
			Model model, @Nullable String notice, @Nullable String error) {
		Optional<KycReviews.Review> review = this.kyc.review(member, id);
		if (review.isEmpty()) {
			return Forbidden.page(member, response, model);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		this.support.recordView(member, review.get().application().accountId(), "viewed_kyc", this.contexts.of(request));
		model.addAttribute("member", member);
		model.addAttribute("review", review.get());
		model.addAttribute("notice", notice);
		model.addAttribute("error", error);
		return "staff/kyc-application";
	}

	@GetMapping("/staff/withdrawals")
	String withdrawalQueue(@AuthenticationPrincipal Actor.Staff member, HttpServletResponse response, Model model) {
		if (!member.has(Actor.Staff.Role.REVIEWER)) {
			return Forbidden.page(member, response, model);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		model.addAttribute("member", member);
		model.addAttribute("withdrawals", this.withdrawals.queue(member).stream().map(this.views::full).toList());
		return "staff/withdrawal-queue";
	}

	@GetMapping("/staff/withdrawals/{id}")
	String withdrawal(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return withdrawalPage(member, id, request, response, model, null, null);
	}

	@PostMapping("/staff/withdrawals/{id}/approve")
	String approveWithdrawal(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<Rejection> refused = this.withdrawals.approve(member, id, reason, this.contexts.of(request));
		return withdrawalPage(member, id, request, response, model, refused.isEmpty() ? "Approval recorded." : null,
				refused.map(Rejection::message).orElse(null));
	}

	@PostMapping("/staff/withdrawals/{id}/reject")
	String rejectWithdrawal(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<Rejection> refused = this.withdrawals.reject(member, id, reason, this.contexts.of(request));
		return withdrawalPage(member, id, request, response, model,
				refused.isEmpty() ? "Rejected: the funds are released." : null, refused.map(Rejection::message).orElse(null));
	}

	private String withdrawalPage(Actor.Staff member, UUID id, HttpServletRequest request, HttpServletResponse response,
			Model model, @Nullable String notice, @Nullable String error) {
		Optional<WithdrawalReviews.Reviewed> found = this.withdrawals.find(member, id);
		if (found.isEmpty()) {
			return Forbidden.page(member, response, model);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		this.support.recordView(member, found.get().withdrawal().accountId(), "viewed_withdrawal",
				this.contexts.of(request));
		model.addAttribute("member", member);
		model.addAttribute("w", this.views.full(found.get().withdrawal()));
		model.addAttribute("accountId", found.get().withdrawal().accountId());
		model.addAttribute("decisions", found.get().decisions());
		model.addAttribute("canDecide", member.has(Actor.Staff.Role.REVIEWER)
				&& found.get().withdrawal().status() == io.gatehouse.withdraw.Withdrawal.Status.REVIEW);
		model.addAttribute("notice", notice);
		model.addAttribute("error", error);
		return "staff/withdrawal";
	}
}
