package io.gatehouse.recovery.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.recovery.RecoveryRejection;
import io.gatehouse.recovery.cases.CaseCancellation;
import io.gatehouse.recovery.cases.CaseDocuments;
import io.gatehouse.recovery.cases.CaseOpening;
import io.gatehouse.recovery.cases.CaseProofs;
import io.gatehouse.recovery.cases.CaseResult;
import io.gatehouse.recovery.cases.RecoveryCase;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lost second factor and unfreeze through the JSON API. Starting a case returns its {@code caseToken}
 * once; every later call about the case sends it back in the {@code Recovery-Case} header. Nothing here
 * needs a session: the person cannot sign in, which is why they are here.
 */
@RestController
@RequestMapping("/api/v1/recovery")
class RecoveryCaseApi {

	static final String HEADER = "Recovery-Case";

	private final CaseOpening opening;

	private final CaseProofs proofs;

	private final CaseDocuments documents;

	private final CaseCancellation cancellation;

	private final RequestContexts contexts;

	RecoveryCaseApi(CaseOpening opening, CaseProofs proofs, CaseDocuments documents, CaseCancellation cancellation, RequestContexts contexts) {
		this.opening = opening;
		this.proofs = proofs;
		this.documents = documents;
		this.cancellation = cancellation;
		this.contexts = contexts;
	}

	/** {@code {identifier, password, kind: "lost_factor" | "unfreeze"}}. */
	@PostMapping(path = "/cases", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> start(@Valid @RequestBody StartRequest body, HttpServletRequest request) {
		RecoveryCase.Kind kind = switch (body.kind()) {
			case "lost_factor" -> RecoveryCase.Kind.LOST_FACTOR;
			case "unfreeze" -> RecoveryCase.Kind.UNFREEZE;
			default -> null;
		};
		if (kind == null) {
			return Problems.of(RecoveryRejection.KIND_INVALID);
		}
		return answer(this.opening.start(body.identifier(), body.password(), kind, this.contexts.of(request)));
	}

	@GetMapping("/case")
	ResponseEntity<?> view(@RequestHeader(name = HEADER, required = false) @Nullable String holder) {
		return this.proofs.view(holder)
			.<ResponseEntity<?>>map(c -> ResponseEntity.ok(view(c)))
			.orElseGet(() -> Problems.of(RecoveryRejection.CASE_INVALID));
	}

	/** {@code {channel: "email" | "phone", code}}. */
	@PostMapping(path = "/case/proofs", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> prove(@RequestHeader(name = HEADER, required = false) @Nullable String holder,
			@Valid @RequestBody ProofRequest body, HttpServletRequest request) {
		return answer(this.proofs.prove(holder, body.channel(), body.code(), this.contexts.of(request)));
	}

	@PostMapping("/case/codes")
	ResponseEntity<?> resend(@RequestHeader(name = HEADER, required = false) @Nullable String holder,
			HttpServletRequest request) {
		return answer(this.proofs.resendCodes(holder, this.contexts.of(request)));
	}

	/** The photo as the request body, {@code Content-Type: image/jpeg} or {@code image/png}; kind is id_document or selfie. */
	@PutMapping("/case/documents/{kind}")
	ResponseEntity<?> upload(@RequestHeader(name = HEADER, required = false) @Nullable String holder,
			@PathVariable String kind, @RequestBody(required = false) byte @Nullable [] body,
			@RequestHeader(name = "Content-Type", required = false) @Nullable String contentType,
			HttpServletRequest request) {
		return answer(this.documents.upload(holder, kind, body == null ? new byte[0] : body, contentType,
				this.contexts.of(request)));
	}

	@PostMapping("/case/submit")
	ResponseEntity<?> submit(@RequestHeader(name = HEADER, required = false) @Nullable String holder,
			HttpServletRequest request) {
		return answer(this.proofs.submit(holder, this.contexts.of(request)));
	}

	@PostMapping("/case/cancel")
	ResponseEntity<?> cancel(@RequestHeader(name = HEADER, required = false) @Nullable String holder,
			HttpServletRequest request) {
		return answer(this.cancellation.byHolder(holder, this.contexts.of(request)));
	}

	/** RC-02: a client never sets a case's status; only reviewers and the waiting period move it. */
	@PatchMapping("/case")
	ResponseEntity<?> patch() {
		return Problems.of(RecoveryRejection.CASE_WRONG_STATE);
	}

	/** {@code {token}} from the cancel link in the messages; works until the case completes. */
	@PostMapping(path = "/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> cancelByLink(@Valid @RequestBody CancelRequest body, HttpServletRequest request) {
		return answer(this.cancellation.byLink(body.token(), this.contexts.of(request)));
	}

	private static ResponseEntity<?> answer(CaseResult result) {
		return switch (result) {
			case CaseResult.Started s -> {
				Map<String, Object> out = view(s.recoveryCase());
				out.put("caseToken", s.holder());
				yield ResponseEntity.status(HttpStatus.CREATED).body(out);
			}
			case CaseResult.Updated u -> ResponseEntity.ok(view(u.recoveryCase()));
			case CaseResult.Refused r -> Problems.of(r.rejection());
			case CaseResult.Limited l -> Problems.retryAfter(AbuseRejection.RATE_LIMITED,
					l.retryAfter(), Map.of());
		};
	}

	static Map<String, Object> view(RecoveryCase c) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", c.id());
		out.put("kind", c.kind().wireName());
		out.put("status", c.status().wireName());
		out.put("step", c.currentStep());
		out.put("of", c.steps().size());
		out.put("steps", c.steps()
			.stream()
			.map(s -> Map.of("name", s.name(), "title", s.title(), "done", s.done()))
			.toList());
		out.put("documentsRequired", c.documentsRequired());
		out.put("cancelReason", c.cancelReason());
		out.put("expiresAt", c.status() == RecoveryCase.Status.COLLECTING ? c.expiresAt().toString() : null);
		out.put("completesAt", c.status() == RecoveryCase.Status.APPROVED ? text(c.waitingUntil()) : null);
		out.put("completedAt", text(c.completedAt()));
		return out;
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return instant == null ? null : instant.toString();
	}

	record StartRequest(@NotNull String identifier, @NotNull String password, @NotNull String kind) {

		@Override
		public String toString() {
			return "StartRequest[kind=" + this.kind + ", <redacted>]";
		}
	}

	record ProofRequest(@NotNull String channel, @NotNull String code) {

		@Override
		public String toString() {
			return "ProofRequest[channel=" + this.channel + ", code=<redacted>]";
		}
	}

	record CancelRequest(@NotNull String token) {

		@Override
		public String toString() {
			return "CancelRequest[<redacted>]";
		}
	}
}
