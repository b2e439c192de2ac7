package io.gatehouse.factor.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.contact.ContactChanges;
import io.gatehouse.account.contact.ContactConfirmation;
import io.gatehouse.account.contact.ContactRejection;
import io.gatehouse.account.contact.ContactReverts;
import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Changing the email address or phone number through the JSON API. Step-up first, for action
 * {@code change_email} with {@code {"email": <new address>}} (or {@code change_phone} with
 * {@code {"phone": <E.164 number>}}); then {@code PUT /api/v1/me/contact/{email|phone}} with the proof in
 * {@code X-Step-Up-Proof} sends a code to the new address, and {@code POST …/confirm} with that code, from
 * the same session, makes the change. The revert link from the message to the old address works here as
 * {@code POST /api/v1/contact/revert}, without a session.
 */
@RestController
class ContactChangeApi {

	private static final String PROOF_HEADER = "X-Step-Up-Proof";

	private final ContactChanges changes;

	private final ContactReverts reverts;

	private final StepUp stepUp;

	private final RequestContexts contexts;

	private final ContactConfirmation confirmation;

	ContactChangeApi(ContactChanges changes, ContactReverts reverts, StepUp stepUp, RequestContexts contexts,
			ContactConfirmation confirmation) {
		this.confirmation = confirmation;
		this.changes = changes;
		this.reverts = reverts;
		this.stepUp = stepUp;
		this.contexts = contexts;
	}

	/** The changes waiting for a code in this session, and until when each kind is held after a change. */
	@GetMapping("/api/v1/me/contact")
	Map<String, Object> status(@AuthenticationPrincipal Actor.Customer session) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("pending", this.changes.pending(session).stream().map(ContactChangeApi::pending).toList());
		Map<String, Object> held = new LinkedHashMap<>();
		for (Identifier.Kind kind : Identifier.Kind.values()) {
			this.changes.heldUntil(session.accountId(), kind).ifPresent(until -> held.put(kind.wireName(), until.toString()));
		}
		out.put("heldUntil", held);
		return out;
	}

	@PutMapping(path = "/api/v1/me/contact/{kind}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> start(@AuthenticationPrincipal Actor.Customer session, @PathVariable String kind,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody ChangeRequest body, HttpServletRequest request) {
		Optional<Identifier.Kind> parsedKind = Identifier.Kind.parse(kind);
		if (parsedKind.isEmpty()) {
			return Problems.of(ContactRejection.CONTACT_KIND_INVALID);
		}
		Optional<Identifier> to = ContactChanges.parse(parsedKind.get(), body.value());
		if (to.isEmpty()) {
			return Problems.of(ContactRejection.CONTACT_INVALID);
		}
		Optional<ContactChanges.Result> refused = this.changes.refusal(session.accountId(), to.get());
		if (refused.isPresent()) {
			return answer(refused.get());
		}
		StepUpAction action = parsedKind.get() == Identifier.Kind.EMAIL ? StepUpAction.CHANGE_EMAIL
				: StepUpAction.CHANGE_PHONE;
		var proofRefused = this.stepUp.consume(session, action, ContactChanges.stepUpParams(to.get()), proof);
		if (proofRefused.isPresent()) {
			return Problems.of(proofRefused.get());
		}
		return answer(this.changes.start(session, to.get(), this.contexts.of(request)));
	}

	@PostMapping(path = "/api/v1/me/contact/{kind}/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> confirm(@AuthenticationPrincipal Actor.Customer session, @PathVariable String kind,
			@Valid @RequestBody CodeRequest body, HttpServletRequest request) {
		return Identifier.Kind.parse(kind)
			.<ResponseEntity<?>>map(k -> answer(this.confirmation.confirm(session, k, body.code(), this.contexts.of(request))))
			.orElseGet(() -> Problems.of(ContactRejection.CONTACT_KIND_INVALID));
	}

	@PostMapping("/api/v1/me/contact/{kind}/resend")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> resend(@AuthenticationPrincipal Actor.Customer session, @PathVariable String kind,
			HttpServletRequest request) {
		return Identifier.Kind.parse(kind)
			.<ResponseEntity<?>>map(k -> answer(this.changes.resend(session, k, this.contexts.of(request))))
			.orElseGet(() -> Problems.of(ContactRejection.CONTACT_KIND_INVALID));
	}

	@DeleteMapping("/api/v1/me/contact/{kind}")
	ResponseEntity<?> cancel(@AuthenticationPrincipal Actor.Customer session, @PathVariable String kind,
			HttpServletRequest request) {
		Optional<Identifier.Kind> parsedKind = Identifier.Kind.parse(kind);
		if (parsedKind.isEmpty()) {
			return Problems.of(ContactRejection.CONTACT_KIND_INVALID);
		}
		return this.changes.cancel(session, parsedKind.get(), this.contexts.of(request))
				? ResponseEntity.ok(Map.of("status", "cancelled"))
				: Problems.of(ContactRejection.CONTACT_CHANGE_INVALID);
	}

	/** {@code {token}} from the revert link sent to the old address; no session needed. */
	@PostMapping(path = "/api/v1/contact/revert", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> revert(@Valid @RequestBody RevertRequest body, HttpServletRequest request) {
		return switch (this.reverts.revert(body.token(), this.contexts.of(request))) {
			case ContactReverts.Result.Reverted r -> {
				Map<String, Object> out = new LinkedHashMap<>();
				out.put("status", "reverted");
				out.put("kind", r.kind().wireName());
				out.put("restored", r.maskedRestored());
				out.put("sessions", "revoked");
				out.put("apiKeys", "suspended");
				yield ResponseEntity.ok(out);
			}
			case ContactReverts.Result.Refused r -> Problems.of(r.rejection());
			case ContactReverts.Result.Limited l -> Problems.retryAfter(AbuseRejection.RATE_LIMITED, l.retryAfter(),
					Map.of());
		};
	}

	private ResponseEntity<?> answer(ContactChanges.Result result) {
		return switch (result) {
			case ContactChanges.Result.Started s -> ResponseEntity.status(HttpStatus.ACCEPTED).body(pending(s.pending()));
			case ContactChanges.Result.Changed c -> ResponseEntity.ok(Map.of("status", "changed", "kind", c.kind().wireName(),
					"value", c.maskedTo(), "heldUntil", c.heldUntil().toString()));
			case ContactChanges.Result.Refused r -> Problems.of(r.rejection());
			case ContactChanges.Result.Held h -> Problems.retryAfter(ContactRejection.CONTACT_CHANGE_COOLDOWN,
					h.retryAfter(), Map.of("heldUntil", h.until().toString()));
			case ContactChanges.Result.Limited l -> Problems.retryAfter(AbuseRejection.RATE_LIMITED, l.retryAfter(), Map.of());
		};
	}

	private static Map<String, Object> pending(ContactChanges.Pending pending) {
		return Map.of("status", "code_sent", "kind", pending.kind().wireName(), "sentTo", pending.maskedTo(),
				"codeExpiresAt", pending.codeExpiresAt().toString());
	}

	record ChangeRequest(@NotNull String value) {
	}

	record CodeRequest(@NotNull String code) {

		@Override
		public String toString() {
			return "CodeRequest[<redacted>]";
		}
	}

	record RevertRequest(@NotNull String token) {

		@Override
		public String toString() {
			return "RevertRequest[<redacted>]";
		}
	}
}
