package io.gatehouse.recovery.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.recovery.RecoveryRejection;
import io.gatehouse.recovery.cases.CaseResult;
import io.gatehouse.recovery.cases.CaseReviewService;
import io.gatehouse.recovery.cases.RecoveryCase;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The recovery review queue as JSON, for reviewers (staff session as {@code Authorization: Bearer}; see
 * {@code staff/api/StaffApi}): the queue, a case with its evidence list, taking a case for review, and the
 * decision with its mandatory reason. Reading a case changes nothing; {@code POST …/review} takes it.
 */
@RestController
@RequestMapping(path = "/staff/api/v1/recovery-cases", produces = MediaType.APPLICATION_JSON_VALUE)
class ReviewApi {

	private final CaseReviewService cases;

	private final RequestContexts contexts;

	ReviewApi(CaseReviewService cases, RequestContexts contexts) {
		this.cases = cases;
		this.contexts = contexts;
	}

	/** Submitted and under-review cases, oldest first. */
	@GetMapping
	ResponseEntity<?> queue(@AuthenticationPrincipal Actor.Staff staff) {
		return this.cases.queue(staff)
			.<ResponseEntity<?>>map(q -> noStore(Map.of("cases", q.stream().map(ReviewApi::summary).toList())))
			.orElseGet(() -> Problems.of(RecoveryRejection.REVIEW_FORBIDDEN));
	}

	@GetMapping("/{id}")
	ResponseEntity<?> open(@AuthenticationPrincipal Actor.Staff staff, @PathVariable UUID id,
			HttpServletRequest request) {
		if (!staff.has(Actor.Staff.Role.REVIEWER)) {
			return Problems.of(RecoveryRejection.REVIEW_FORBIDDEN);
		}
		return this.cases.open(staff, id, this.contexts.of(request))
			.<ResponseEntity<?>>map(v -> noStore(detail(v)))
			.orElseGet(() -> Problems.of(RecoveryRejection.CASE_INVALID));
	}

	/**
	 * Takes a submitted case for review (it shows as under review, with the reviewer in the audit log). On a
	 * case already under review (a second reviewer of a high-value case) it changes nothing and answers the case.
	 */
	@PostMapping("/{id}/review")
	ResponseEntity<?> startReview(@AuthenticationPrincipal Actor.Staff staff, @PathVariable UUID id,
			HttpServletRequest request) {
		return answer(staff, id, this.cases.startReview(staff, id, this.contexts.of(request)));
	}

	/** {@code {decision: "approve" | "reject", reason}}: each reviewer decides once; the reason is kept. */
	@PostMapping(path = "/{id}/decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> decide(@AuthenticationPrincipal Actor.Staff staff, @PathVariable UUID id,
			@Valid @RequestBody DecisionRequest body, HttpServletRequest request) {
		boolean approve = body.decision().equals("approve");
		if (!approve && !body.decision().equals("reject")) {
			return Problems.of(RecoveryRejection.DECISION_INVALID);
		}
		return answer(staff, id, this.cases.decide(staff, id, approve, body.reason(), this.contexts.of(request)));
	}

	/** RC-05: an evidence photo, for reviewers, within its own case; never cached, never anything but an image. */
	@GetMapping(path = "/{id}/documents/{documentId}", produces = MediaType.ALL_VALUE)
	ResponseEntity<?> document(@AuthenticationPrincipal Actor.Staff staff, @PathVariable UUID id,
			@PathVariable UUID documentId, HttpServletRequest request) {
		return this.cases.document(staff, id, documentId, this.contexts.of(request))
			.<ResponseEntity<?>>map(e -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(e.contentType()))
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.header("Content-Security-Policy", "default-src 'none'; sandbox")
				.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
				.body(e.bytes()))
			.orElseGet(() -> Problems.of(RecoveryRejection.DOCUMENT_NOT_FOUND));
	}

	private ResponseEntity<?> answer(Actor.Staff staff, UUID id, CaseResult result) {
		if (result instanceof CaseResult.Refused r) {
			return Problems.of(r.rejection());
		}
		return this.cases.current(staff, id)
			.<ResponseEntity<?>>map(v -> noStore(detail(v)))
			.orElseGet(() -> Problems.of(RecoveryRejection.CASE_INVALID));
	}

	private static Map<String, @Nullable Object> summary(RecoveryCase c) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("id", c.id());
		out.put("kind", c.kind().wireName());
		out.put("status", c.status().wireName());
		out.put("submittedAt", text(c.submittedAt()));
		out.put("approvalsRequired", c.approvalsRequired());
		return out;
	}

	private static Map<String, @Nullable Object> detail(CaseReviewService.CaseView v) {
		RecoveryCase c = v.recoveryCase();
		Map<String, @Nullable Object> out = summary(c);
		Map<String, @Nullable Object> account = new LinkedHashMap<>();
		account.put("id", v.account().id());
		account.put("email", v.account().email() == null ? null : v.account().email().masked());
		account.put("phone", v.account().phone() == null ? null : v.account().phone().masked());
		account.put("status", v.account().status().name().toLowerCase(Locale.ROOT));
		account.put("kycLevel", v.account().kycLevel());
		account.put("highValue", v.highValue());
		out.put("account", account);
		out.put("createdAt", c.createdAt().toString());
		out.put("emailProvedAt", c.emailRequired() ? text(c.emailProvedAt()) : null);
		out.put("phoneProvedAt", c.phoneRequired() ? text(c.phoneProvedAt()) : null);
		out.put("completesAt", text(c.waitingUntil()));
		out.put("documents", v.documents().stream().map(d -> {
			Map<String, Object> doc = new LinkedHashMap<>();
			doc.put("id", d.id());
			doc.put("kind", d.kind());
			doc.put("contentType", d.contentType());
			doc.put("size", d.size());
			doc.put("width", d.width());
			doc.put("height", d.height());
			return doc;
		}).toList());
		out.put("reviews", v.reviews().stream().map(r -> Map.of("staffId", r.staffId(), "staffName", r.staffName(),
				"decision", r.decision().toLowerCase(Locale.ROOT), "reason", r.reason(),
				"decidedAt", r.decidedAt().toString())).toList());
		return out;
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return instant == null ? null : instant.toString();
	}

	private static <T> ResponseEntity<T> noStore(T body) {
		return ResponseEntity.ok().header(HttpHeaders.CACHE_CONTROL, "no-store").body(body);
	}

	record DecisionRequest(@NotNull String decision, @NotNull String reason) {
	}
}
