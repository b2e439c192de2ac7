package io.gatehouse.apikey.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys through the JSON API, with a session only (a key cannot manage keys). Check the settings to get
 * the canonical step-up parameters, step up for {@code create_api_key} with them, then create with the proof
 * as {@code X-Step-Up-Proof}, the passphrase and the trading password: the answer holds the secret, once.
 */
@RestController
@RequestMapping(path = "/api/v1/me/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiKeyApi {

	static final String PROOF_HEADER = "X-Step-Up-Proof";

	private final ApiKeyService keys;

	private final ApiKeyRequests requests;

	private final RequestContexts contexts;

	ApiKeyApi(ApiKeyService keys, ApiKeyRequests requests, RequestContexts contexts) {
		this.keys = keys;
		this.requests = requests;
		this.contexts = contexts;
	}

	@GetMapping
	Map<String, Object> list(@AuthenticationPrincipal Actor.Customer session) {
		return Map.of("apiKeys", this.keys.list(session.accountId()).stream().map(ApiKeyViews::view).toList());
	}

	/** The canonical settings and the parameters a step-up proof for creating such a key is made for. */
	@PostMapping(path = "/check", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> check(@AuthenticationPrincipal Actor.Customer session, @Valid @RequestBody Settings body) {
		return switch (this.requests.check(body.asked())) {
			case ApiKeyRequests.Checked.Ok ok -> ResponseEntity
				.ok(Map.of("stepUpAction", "create_api_key", "stepUpParams", ok.spec().params()));
			case ApiKeyRequests.Checked.Refused r -> Problems.of(r.rejection());
		};
	}

	/** Creates a key: 201 with the secret, shown this once. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> create(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody NewKey body, HttpServletRequest request) {
		return switch (this.requests.check(body.settings().asked())) {
			case ApiKeyRequests.Checked.Refused r -> Problems.of(r.rejection());
			case ApiKeyRequests.Checked.Ok ok -> answer(this.keys.create(session, ok.spec(), body.passphrase(), proof,
					body.tradingPassword(), this.contexts.of(request)), HttpStatus.CREATED);
		};
	}

	/** Edits a key's settings; the proof is for {@code edit_api_key} with the check's parameters and {@code id}. */
	@PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> edit(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody Edit body, HttpServletRequest request) {
		return switch (this.requests.check(body.settings().asked())) {
			case ApiKeyRequests.Checked.Refused r -> Problems.of(r.rejection());
			case ApiKeyRequests.Checked.Ok ok -> answer(this.keys.edit(session, id, ok.spec(), proof,
					body.tradingPassword(), this.contexts.of(request)), HttpStatus.OK);
		};
	}

	/** Enables a suspended or disabled key; the proof is for {@code enable_api_key} with {@code {id}}. */
	@PostMapping(path = "/{id}/enable", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> enable(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody TradingPassword body, HttpServletRequest request) {
		return answer(this.keys.enable(session, id, proof, body.tradingPassword(), this.contexts.of(request)),
				HttpStatus.OK);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<?> delete(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id,
			HttpServletRequest request) {
		return this.keys.delete(session, id, this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.noContent().build());
	}

	static ResponseEntity<?> answer(ApiKeyService.Result result, HttpStatus status) {
		return switch (result) {
			case ApiKeyService.Result.Done done -> {
				Map<String, @Nullable Object> out = ApiKeyViews.view(done.key());
				if (done.secret() != null) {
					out.put("secret", done.secret());
				}
				yield ResponseEntity.status(status).body(out);
			}
			case ApiKeyService.Result.Refused refused -> Problems.of(refused.rejection(), refused.facts());
		};
	}

	/**
	 * @param permissions tokens: General (always), Spot, Margin, Futures, InnerTransfer, Transfer
	 * @param ipAllowList addresses or CIDRs separated by commas (required for Transfer)
	 * @param expiresAt an ISO-8601 instant, or none
	 */
	record Settings(@NotNull @Schema(description = "1 to 32 characters") String name,
			@Nullable @Schema(description = "Permission tokens: Spot, Margin, Futures, InnerTransfer, Transfer; General is always on") List<String> permissions,
			@Nullable @Schema(description = "Up to 20 IP addresses or CIDR ranges, comma-separated; required for Transfer") String ipAllowList,
			@Nullable @Schema(description = "ISO-8601 instant at most a year ahead, or none") String expiresAt) {

		ApiKeyRequests.Asked asked() {
			return new ApiKeyRequests.Asked(this.name, this.permissions == null ? List.of() : this.permissions,
					this.ipAllowList, this.expiresAt);
		}
	}

	record NewKey(@NotNull String name, @Nullable List<String> permissions, @Nullable String ipAllowList,
			@Nullable String expiresAt,
			@NotNull @Schema(description = "8 to 32 characters without spaces; sent with every signed request") String passphrase,
			@Nullable String tradingPassword) {

		Settings settings() {
			return new Settings(this.name, this.permissions, this.ipAllowList, this.expiresAt);
		}

		@Override
		public String toString() {
			return "NewKey[" + this.name + ", <secrets redacted>]";
		}
	}

	record Edit(@NotNull String name, @Nullable List<String> permissions, @Nullable String ipAllowList,
			@Nullable String expiresAt, @Nullable String tradingPassword) {

		Settings settings() {
			return new Settings(this.name, this.permissions, this.ipAllowList, this.expiresAt);
		}

		@Override
		public String toString() {
			return "Edit[" + this.name + ", <secret redacted>]";
		}
	}

	record TradingPassword(@Nullable String tradingPassword) {

		@Override
		public String toString() {
			return "TradingPassword[<redacted>]";
		}
	}
}
