package io.gatehouse.recovery.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.recovery.RecoveryRejection;
import io.gatehouse.recovery.cases.CaseCancellation;
import io.gatehouse.recovery.cases.CaseDocuments;
import io.gatehouse.recovery.cases.CaseOpening;
import io.gatehouse.recovery.cases.CaseProofs;
import io.gatehouse.recovery.cases.CaseResult;
import io.gatehouse.recovery.cases.RecoveryCase;
import io.gatehouse.recovery.cases.RecoveryCaseProperties;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.web.SecretCookies;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The owner's recovery pages: start (lost second factor, or unfreeze), the case page with "step N of M"
 * and its status, and cancelling from the link in the messages. The case's secret lives in an HttpOnly
 * cookie; the pages are never cached and never send a Referer.
 */
@Controller
class CasePages {

	static final String CASE_COOKIE = "__Host-gh_case";

	static final String CANCEL_COOKIE = "__Host-gh_cancel";

	private final CaseOpening opening;

	private final CaseProofs proofs;

	private final CaseDocuments documents;

	private final CaseCancellation cancellation;

	private final RequestContexts contexts;

	private final RecoveryCaseProperties properties;

	CasePages(CaseOpening opening, CaseProofs proofs, CaseDocuments documents, CaseCancellation cancellation, RequestContexts contexts, RecoveryCaseProperties properties) {
		this.opening = opening;
		this.proofs = proofs;
		this.documents = documents;
		this.cancellation = cancellation;
		this.contexts = contexts;
		this.properties = properties;
	}

	@GetMapping("/recovery")
	String start(@RequestParam(defaultValue = "lost_factor") String kind, HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		model.addAttribute("kind", kind.equals("unfreeze") ? "unfreeze" : "lost_factor");
		return "recovery/start";
	}

	@PostMapping("/recovery")
	String start(@RequestParam(defaultValue = "") String identifier, @RequestParam(defaultValue = "") String password,
			@RequestParam(defaultValue = "lost_factor") String kind, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		RecoveryCase.Kind k = kind.equals("unfreeze") ? RecoveryCase.Kind.UNFREEZE : RecoveryCase.Kind.LOST_FACTOR;
		model.addAttribute("kind", k.wireName());
		model.addAttribute("identifier", identifier.length() > 320 ? "" : identifier);
		switch (this.opening.start(identifier, password, k, this.contexts.of(request))) {
			case CaseResult.Started s -> {
				SecretCookies.set(response, CASE_COOKIE, s.holder(), this.properties.collectingWindow()
					.plus(this.properties.waitingPeriod())
					.plus(Duration.ofDays(7)));
				return "redirect:/recovery/case";
			}
			case CaseResult.Refused r -> {
				response.setStatus(Problems.status(r.rejection()).value());
				model.addAttribute("error", r.rejection().message());
			}
			case CaseResult.Limited l -> limited(response, model, l.retryAfter());
			case CaseResult.Updated u -> {
			}
		}
		return "recovery/start";
	}

	@GetMapping("/recovery/case")
	String view(HttpServletRequest request, HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		Optional<RecoveryCase> c = this.proofs.view(holder(request));
		if (c.isEmpty()) {
			model.addAttribute("kind", "lost_factor");
			model.addAttribute("error", RecoveryRejection.CASE_INVALID.message());
			return "recovery/start";
		}
		model.addAttribute("recoveryCase", c.get());
		return "recovery/case";
	}

	@PostMapping("/recovery/case/proofs")
	String prove(@RequestParam(defaultValue = "") String channel, @RequestParam(defaultValue = "") String code,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		return after(this.proofs.prove(holder(request), channel, code, this.contexts.of(request)), request, response,
				model);
	}

	@PostMapping("/recovery/case/codes")
	String resend(HttpServletRequest request, HttpServletResponse response, Model model) {
		return after(this.proofs.resendCodes(holder(request), this.contexts.of(request)), request, response, model);
	}

	@PostMapping("/recovery/case/documents")
	String upload(@RequestParam(defaultValue = "") String kind, @RequestParam(required = false) MultipartFile file,
			HttpServletRequest request, HttpServletResponse response, Model model) throws IOException {
		byte[] bytes = file == null ? new byte[0] : file.getBytes();
		return after(this.documents.upload(holder(request), kind, bytes, file == null ? null : file.getContentType(),
				this.contexts.of(request)), request, response, model);
	}

	@PostMapping("/recovery/case/submit")
	String submit(HttpServletRequest request, HttpServletResponse response, Model model) {
		return after(this.proofs.submit(holder(request), this.contexts.of(request)), request, response, model);
	}

	@PostMapping("/recovery/case/cancel")
	String cancel(HttpServletRequest request, HttpServletResponse response, Model model) {
		return after(this.cancellation.byHolder(holder(request), this.contexts.of(request)), request, response, model);
	}

	/** The cancel link from the messages: its token moves into a cookie; a button confirms. */
	@GetMapping(path = "/recovery/cancel", params = "token")
	String cancelLink(@RequestParam String token, HttpServletResponse response) {
		SecretCookies.noStore(response);
		if (token.length() <= 64 && this.cancellation.linkIsLive(token)) {
			SecretCookies.set(response, CANCEL_COOKIE, token, Duration.ofMinutes(30));
		}
		return "redirect:/recovery/cancel";
	}

	@GetMapping("/recovery/cancel")
	String cancelConfirm(HttpServletRequest request, HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		boolean live = SecretCookies.read(request, CANCEL_COOKIE).filter(this.cancellation::linkIsLive).isPresent();
		model.addAttribute("stage", live ? "confirm" : "invalid");
		return "recovery/cancel";
	}

	@PostMapping("/recovery/cancel")
	String cancelByLink(HttpServletRequest request, HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		String token = SecretCookies.read(request, CANCEL_COOKIE).orElse("");
		switch (this.cancellation.byLink(token, this.contexts.of(request))) {
			case CaseResult.Updated u -> {
				SecretCookies.clear(response, CANCEL_COOKIE);
				model.addAttribute("stage", "cancelled");
			}
			case CaseResult.Limited l -> {
				limited(response, model, l.retryAfter());
				model.addAttribute("stage", "invalid");
			}
			default -> {
				response.setStatus(400);
				model.addAttribute("stage", "invalid");
			}
		}
		return "recovery/cancel";
	}

	private String after(CaseResult result, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		SecretCookies.noStore(response);
		switch (result) {
			case CaseResult.Refused r -> {
				response.setStatus(Problems.status(r.rejection()).value());
				model.addAttribute("error", r.rejection().message());
			}
			case CaseResult.Limited l -> limited(response, model, l.retryAfter());
			default -> {
				return "redirect:/recovery/case";
			}
		}
		Optional<RecoveryCase> c = this.proofs.view(holder(request));
		if (c.isEmpty()) {
			model.addAttribute("kind", "lost_factor");
			return "recovery/start";
		}
		model.addAttribute("recoveryCase", c.get());
		return "recovery/case";
	}

	private static void limited(HttpServletResponse response, Model model, Duration wait) {
		response.setStatus(429);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(wait.toSeconds()));
		model.addAttribute("error", AbuseRejection.RATE_LIMITED.message());
	}

	private static String holder(HttpServletRequest request) {
		return SecretCookies.read(request, CASE_COOKIE).orElse("");
	}
}
