package io.gatehouse.apikey.api;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;

import io.gatehouse.apikey.ApiKeyRequests;
import io.gatehouse.apikey.ApiKeyService;
import io.gatehouse.apikey.ApiKeyViews;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A sub-account's API keys, managed by its master with a session: check the settings (the step-up parameters then
 * include {@code subAccount}), step up for {@code create_api_key} with them, create with the proof, the passphrase
 * and the master's trading password. Never {@code Transfer}.
 */
@RestController
@RequestMapping(path = "/api/v1/me/sub-accounts/{subAccountId}/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
class SubAccountKeyApi {

	private final ApiKeyService keys;

	private final ApiKeyRequests requests;

	private final RequestContexts contexts;

	SubAccountKeyApi(ApiKeyService keys, ApiKeyRequests requests, RequestContexts contexts) {
		this.keys = keys;
		this.requests = requests;
		this.contexts = contexts;
	}

	@GetMapping
	Map<String, Object> list(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID subAccountId) {
		return Map.of("apiKeys", this.keys.listForSubAccount(master.accountId(), subAccountId).stream()
			.map(ApiKeyViews::view)
			.toList());
	}

	/** The canonical settings and the parameters a step-up proof for creating such a key is made for. */
	@PostMapping(path = "/check", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> check(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID subAccountId,
			@Valid @RequestBody ApiKeyApi.Settings body) {
		return switch (this.requests.check(body.asked())) {
			case ApiKeyRequests.Checked.Ok ok -> ResponseEntity.ok(Map.of("stepUpAction", "create_api_key",
					"stepUpParams", ApiKeyService.subAccountParams(subAccountId, ok.spec())));
			case ApiKeyRequests.Checked.Refused r -> Problems.of(r.rejection());
		};
	}

	/** Creates a key for the sub-account: 201 with the secret, shown this once. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> create(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID subAccountId,
			@RequestHeader(name = ApiKeyApi.PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody ApiKeyApi.NewKey body, HttpServletRequest request) {
		return switch (this.requests.check(body.settings().asked())) {
			case ApiKeyRequests.Checked.Refused r -> Problems.of(r.rejection());
			case ApiKeyRequests.Checked.Ok ok -> ApiKeyApi.answer(this.keys.createForSubAccount(master, subAccountId,
					ok.spec(), body.passphrase(), proof, body.tradingPassword(), this.contexts.of(request)),
					HttpStatus.CREATED);
		};
	}

	@DeleteMapping("/{id}")
	ResponseEntity<?> delete(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID subAccountId,
			@PathVariable UUID id, HttpServletRequest request) {
		return this.keys.deleteForSubAccount(master, subAccountId, id, this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.noContent().build());
	}
}
