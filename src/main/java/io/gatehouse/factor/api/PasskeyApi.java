package io.gatehouse.factor.api;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.factor.PasskeyRegistration;
import io.gatehouse.factor.PasskeyService;
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
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in person's passkeys: list, add (behind step-up for {@code add_passkey}), rename, remove
 * (behind step-up for {@code remove_passkey} with {"passkeyId": …}). Key material never leaves the server.
 */
@RestController
@RequestMapping("/api/v1/me/passkeys")
class PasskeyApi {

	private final PasskeyService passkeys;

	private final PasskeyRegistration registration;

	private final StepUp stepUp;

	private final Accounts accounts;

	private final RequestContexts contexts;

	PasskeyApi(PasskeyService passkeys, PasskeyRegistration registration, StepUp stepUp, Accounts accounts,
			RequestContexts contexts) {
		this.passkeys = passkeys;
		this.registration = registration;
		this.stepUp = stepUp;
		this.accounts = accounts;
		this.contexts = contexts;
	}

	@GetMapping
	Map<String, Object> list(@AuthenticationPrincipal Actor.Customer session) {
		return Map.of("passkeys", this.passkeys.list(session.accountId()));
	}

	/** Starts adding a passkey: options for {@code navigator.credentials.create()}. Uses the step-up proof. */
	@PostMapping("/options")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> options(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = StepUpApi.PROOF_HEADER, required = false) @Nullable String proof) {
		var refused = this.stepUp.consume(session, StepUpAction.ADD_PASSKEY, Map.of(), proof);
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		Account account = this.accounts.find(session.accountId()).orElseThrow();
		PasskeyService.Options options = this.registration.registrationOptions(session,
				account.identifiers().getFirst().value());
		return ResponseEntity.ok(Map.of("challengeId", options.challengeId(), "publicKey", options.publicKey()));
	}

	/** Finishes adding a passkey with the authenticator's answer ({@code PublicKeyCredential.toJSON()}). */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> register(@AuthenticationPrincipal Actor.Customer session, @Valid @RequestBody Registration body,
			HttpServletRequest request) {
		return switch (this.registration.register(session, body.challengeId(), body.name(),
				body.credential().toString(),
				this.contexts.of(request))) {
			case PasskeyService.Registered.Done d -> ResponseEntity.status(HttpStatus.CREATED).body(d.passkey());
			case PasskeyService.Registered.Refused r -> Problems.of(r.rejection());
		};
	}

	@PatchMapping(path = "/{passkeyId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> rename(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID passkeyId,
			@Valid @RequestBody Rename body) {
		return this.passkeys.rename(session.accountId(), passkeyId, body.name())
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	@DeleteMapping("/{passkeyId}")
	ResponseEntity<?> remove(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID passkeyId,
			@RequestHeader(name = StepUpApi.PROOF_HEADER, required = false) @Nullable String proof,
			HttpServletRequest request) {
		var refused = this.stepUp.consume(session, StepUpAction.REMOVE_PASSKEY, Map.of("passkeyId",
				passkeyId.toString()),
				proof);
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		return this.passkeys.remove(session, passkeyId, this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	record Registration(@NotNull UUID challengeId, @NotNull String name,
			@NotNull @Schema(type = "object",
					description = "The WebAuthn credential, as PublicKeyCredential.toJSON() gives it") ObjectNode credential) {
	}

	record Rename(@NotNull String name) {
	}
}
