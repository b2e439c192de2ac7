package io.gatehouse.recovery.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.kernel.Actor;
import io.gatehouse.recovery.cases.CaseResult;
import io.gatehouse.recovery.cases.CaseReviewService;
import io.gatehouse.recovery.cases.RecoveryCase;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * The recovery review queue in the staff console, for reviewers: the queue, a case with its evidence, and
 * the decision with its mandatory reason. Identity photos are served only here, to reviewers, with
 * {@code no-store}, {@code nosniff} and a sandboxing CSP, by an id that only works within its case.
 */
@Controller
class ReviewPages {

	private final CaseReviewService cases;

	private final RequestContexts contexts;

	ReviewPages(CaseReviewService cases, RequestContexts contexts) {
		this.cases = cases;
		this.contexts = contexts;
	}

	@GetMapping("/staff/recovery")
	String queue(@AuthenticationPrincipal Actor.Staff staff, HttpServletResponse response, Model model) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Optional<List<RecoveryCase>> queue = this.cases.queue(staff);
		if (queue.isEmpty()) {
			response.setStatus(403);
			model.addAttribute("error", "Only reviewers see the recovery queue.");
			model.addAttribute("cases", List.of());
			return "recovery/review-queue";
		}
		model.addAttribute("cases", queue.get());
		return "recovery/review-queue";
	}

	@GetMapping("/staff/recovery/{id}")
	String open(@AuthenticationPrincipal Actor.Staff staff, @PathVariable String id, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Optional<CaseReviewService.CaseView> view = uuid(id)
			.flatMap(caseId -> this.cases.open(staff, caseId, this.contexts.of(request)));
		if (view.isEmpty()) {
			response.setStatus(404);
			model.addAttribute("error", "No such case, or your role does not include reviewing.");
			model.addAttribute("cases", List.of());
			return "recovery/review-queue";
		}
		model.addAttribute("view", view.get());
		model.addAttribute("staff", staff);
		return "recovery/review-case";
	}

	/** The reviewer takes the case: submitted becomes under review, with their name on it. */
	@PostMapping("/staff/recovery/{id}/review")
	String startReview(@AuthenticationPrincipal Actor.Staff staff, @PathVariable UUID id, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		CaseResult result = this.cases.startReview(staff, id, this.contexts.of(request));
		if (result instanceof CaseResult.Refused r) {
			return refused(staff, id, r, response, model);
		}
		return "redirect:/staff/recovery/" + id;
	}

	@PostMapping("/staff/recovery/{id}/decision")
	String decide(@AuthenticationPrincipal Actor.Staff staff, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String decision, @RequestParam(defaultValue = "") String reason,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		CaseResult result = this.cases.decide(staff, id, decision.equals("approve"), reason,
				this.contexts.of(request));
		if (result instanceof CaseResult.Refused r) {
			return refused(staff, id, r, response, model);
		}
		return "redirect:/staff/recovery/" + id;
	}

	private String refused(Actor.Staff staff, UUID id, CaseResult.Refused refused,
			HttpServletResponse response, Model model) {
		response.setStatus(Problems.status(refused.rejection()).value());
		model.addAttribute("decisionError", refused.rejection().message());
		Optional<CaseReviewService.CaseView> view = this.cases.current(staff, id);
		if (view.isEmpty()) {
			model.addAttribute("error", refused.rejection().message());
			model.addAttribute("cases", List.of());
			return "recovery/review-queue";
		}
		model.addAttribute("view", view.get());
		model.addAttribute("staff", staff);
		return "recovery/review-case";
	}

	/** RC-05: evidence for reviewers only, within its own case; never cached, never rendered as anything but an image. */
	@GetMapping("/staff/recovery/{id}/documents/{documentId}")
	ResponseEntity<byte[]> document(@AuthenticationPrincipal Actor.Staff staff, @PathVariable String id,
			@PathVariable String documentId, HttpServletRequest request) {
		Optional<CaseReviewService.Evidence> evidence = uuid(id).flatMap(caseId -> uuid(documentId)
			.flatMap(doc -> this.cases.document(staff, caseId, doc, this.contexts.of(request))));
		if (evidence.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body(
					"Not found.".getBytes(StandardCharsets.UTF_8));
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(evidence.get().contentType()))
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; sandbox")
			.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
			.body(evidence.get().bytes());
	}

	private static Optional<UUID> uuid(String text) {
		try {
			return Optional.of(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
