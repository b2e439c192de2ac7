package io.gatehouse.staff.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kyc.Kyc;
import io.gatehouse.kyc.KycReviews;
import io.gatehouse.staff.StaffSupport;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.withdraw.WithdrawalReviews;
import io.gatehouse.withdraw.WithdrawalViews;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The reviewers' queues in the staff JSON API: KYC applications and withdrawals waiting for review, with the
 * decisions. Roles are checked by {@link KycReviews} and {@link WithdrawalReviews}; reading an application's
 * personal data is recorded as a staff action.
 */
@RestController
@RequestMapping(path = "/staff/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class StaffQueueApi {

	private final KycReviews kyc;

	private final WithdrawalReviews withdrawals;

	private final WithdrawalViews views;

	private final StaffSupport support;

	private final RequestContexts contexts;

	StaffQueueApi(KycReviews kyc, WithdrawalReviews withdrawals, WithdrawalViews views, StaffSupport support,
			RequestContexts contexts) {
		this.kyc = kyc;
		this.withdrawals = withdrawals;
		this.views = views;
		this.support = support;
		this.contexts = contexts;
	}

	@GetMapping("/kyc")
	ResponseEntity<?> kycQueue(@AuthenticationPrincipal Actor.Staff member) {
		StaffSupport.requireRole(member, Actor.Staff.Role.REVIEWER);
		return ResponseEntity.ok(Map.of("applications", this.kyc.waiting(member).stream().map(StaffQueueApi::view).toList()));
	}

	@GetMapping("/kyc/{id}")
	ResponseEntity<?> kycApplication(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			HttpServletRequest request) {
		StaffSupport.requireRole(member, Actor.Staff.Role.REVIEWER);
		return this.kyc.review(member, id).<ResponseEntity<?>>map(r -> {
			this.support.recordView(member, r.application().accountId(), "viewed_kyc", this.contexts.of(request));
			Map<String, @Nullable Object> out = view(r.application());
			out.put("legalName", r.legalName());
			out.put("birthDate", r.birthDate());
			return ResponseEntity.ok(out);
		}).orElseGet(() -> ResponseEntity.notFound().build());
	}

	@PostMapping(path = "/kyc/{id}/approve", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> approveKyc(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestBody KycApproval body, HttpServletRequest request) {
		return decided(this.kyc.approve(member, id, body.level(), body.reason(), this.contexts.of(request)));
	}

	@PostMapping(path = "/kyc/{id}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> rejectKyc(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestBody Reason body, HttpServletRequest request) {
		return decided(this.kyc.reject(member, id, body.reason(), this.contexts.of(request)));
	}

	@GetMapping("/withdrawals/review")
	ResponseEntity<?> withdrawalQueue(@AuthenticationPrincipal Actor.Staff member) {
		StaffSupport.requireRole(member, Actor.Staff.Role.REVIEWER);
		return ResponseEntity.ok(Map.of("withdrawals", this.withdrawals.queue(member).stream().map(this.views::full).toList()));
	}

	@GetMapping("/withdrawals/{id}")
	ResponseEntity<?> withdrawal(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			HttpServletRequest request) {
		return this.withdrawals.find(member, id).<ResponseEntity<?>>map(r -> {
			this.support.recordView(member, r.withdrawal().accountId(), "viewed_withdrawal", this.contexts.of(request));
			Map<String, @Nullable Object> out = this.views.full(r.withdrawal());
			out.put("decisions", r.decisions());
			return ResponseEntity.ok(out);
		}).orElseGet(() -> ResponseEntity.notFound().build());
	}

	@GetMapping("/accounts/{accountId}/withdrawals")
	ResponseEntity<?> ofAccount(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID accountId) {
		StaffSupport.requireRole(member, Actor.Staff.Role.SUPPORT);
		return ResponseEntity.ok(Map.of("withdrawals",
				this.withdrawals.ofAccount(member, accountId).stream().map(this.views::full).toList()));
	}

	@PostMapping(path = "/withdrawals/{id}/approve", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> approveWithdrawal(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestBody Reason body, HttpServletRequest request) {
		return decided(this.withdrawals.approve(member, id, body.reason(), this.contexts.of(request)));
	}

	@PostMapping(path = "/withdrawals/{id}/reject", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> rejectWithdrawal(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestBody Reason body, HttpServletRequest request) {
		return decided(this.withdrawals.reject(member, id, body.reason(), this.contexts.of(request)));
	}

	@ExceptionHandler(StaffSupport.RoleMissing.class)
	ResponseEntity<?> roleMissing() {
		return Problems.of(StaffRejection.ROLE_MISSING);
	}

	private static ResponseEntity<?> decided(Optional<Rejection> refused) {
		return refused.<ResponseEntity<?>>map(Problems::of).orElseGet(() -> ResponseEntity.ok(Map.of("status", "decided")));
	}

	private static Map<String, @Nullable Object> view(Kyc.Application a) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("id", a.id().toString());
		out.put("accountId", a.accountId().toString());
		out.put("country", a.country());
		out.put("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
		out.put("level", a.level());
		out.put("reason", a.reason());
		out.put("submittedAt", a.submittedAt().toString());
		out.put("decidedBy", a.decidedBy());
		out.put("decidedAt", a.decidedAt() == null ? null : a.decidedAt().toString());
		return out;
	}

	record KycApproval(int level, @Nullable String reason) {
	}

	record Reason(@Nullable String reason) {
	}
}
