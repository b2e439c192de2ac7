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
import io.gatehouse.apikey.ApiKeyViews;
import io.gatehouse.apikey.TeamKeys;
import io.gatehouse.kernel.Actor;
import io.gatehouse.team.TeamRejection;
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
 * A team's API keys for its members: list (viewer), check then create with the member's own step-up and trading
 * password (trader: trading-only keys for their sub-accounts; admin: any permission but Transfer), delete (admin).
 * {@code subAccountId} absent means the team's main account.
 */
@RestController
@RequestMapping(path = "/api/v1/teams/{team}/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
class TeamKeyApi {

	private final TeamKeys keys;

	private final ApiKeyRequests requests;

	private final RequestContexts contexts;

	TeamKeyApi(TeamKeys keys, ApiKeyRequests requests, RequestContexts contexts) {
		this.keys = keys;
		this.requests = requests;
		this.contexts = contexts;
	}

	record TeamSettings(
			@Nullable @Schema(description = "A sub-account of the team; absent for the main account") UUID subAccountId,
			@NotNull @Schema(description = "1 to 32 characters") String name,
			@Nullable @Schema(description = "Permission tokens: Spot, Margin, Futures, InnerTransfer; never Transfer") List<String> permissions,
			@Nullable @Schema(description = "Up to 20 IP addresses or CIDR ranges, comma-separated") String ipAllowList,
			@Nullable @Schema(description = "ISO-8601 instant at most a year ahead, or none") String expiresAt) {

		ApiKeyApi.Settings settings() {
			return new ApiKeyApi.Settings(this.name, this.permissions, this.ipAllowList, this.expiresAt);
		}
	}

	record NewTeamKey(@Nullable UUID subAccountId, @NotNull String name, @Nullable List<String> permissions,
			@Nullable String ipAllowList, @Nullable String expiresAt,
			@NotNull @Schema(description = "8 to 32 characters without spaces; sent with every signed request") String passphrase,
			@Nullable @Schema(description = "The member's own trading password") String tradingPassword) {

		ApiKeyApi.NewKey key() {
			return new ApiKeyApi.NewKey(this.name, this.permissions, this.ipAllowList, this.expiresAt, this.passphrase,
					this.tradingPassword);
		}

		@Override
		public String toString() {
			return "NewTeamKey[" + this.name + ", <secrets redacted>]";
		}
	}

	/** Every key of the team the caller may see, with the sub-account it acts for and who made it. */
	@GetMapping
	ResponseEntity<?> list(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team) {
		return this.keys.list(me.accountId(), team)
			.<ResponseEntity<?>>map(list -> ResponseEntity.ok(Map.of("apiKeys", list.stream().map(k -> {
				Map<String, @Nullable Object> view = ApiKeyViews.view(k.key());
				view.put("subAccountId", k.subAccountId() == null ? null : k.subAccountId().toString());
				view.put("subAccountName", k.subAccountName());
				view.put("createdBy", k.createdBy() == null ? "owner" : "member:" + k.createdBy());
				return view;
			}).toList())))
			.orElseGet(() -> Problems.of(TeamRejection.NOT_A_MEMBER));
	}

	/** The canonical settings and the step-up parameters for creating such a key (they name the team). */
	@PostMapping(path = "/check", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> check(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@Valid @RequestBody TeamSettings body) {
		return switch (this.requests.check(body.settings().asked())) {
			case ApiKeyRequests.Checked.Ok ok -> ResponseEntity.ok(Map.of("stepUpAction", "create_api_key",
					"stepUpParams", TeamKeys.params(team, body.subAccountId(), ok.spec())));
			case ApiKeyRequests.Checked.Refused r -> Problems.of(r.rejection());
		};
	}

	/** Creates a key for the team: 201 with the secret, shown this once. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> create(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@RequestHeader(name = ApiKeyApi.PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody NewTeamKey body, HttpServletRequest request) {
		return switch (this.requests.check(body.key().settings().asked())) {
			case ApiKeyRequests.Checked.Refused r -> Problems.of(r.rejection());
			case ApiKeyRequests.Checked.Ok ok -> ApiKeyApi.answer(this.keys.create(me, team, body.subAccountId(),
					ok.spec(), body.key().passphrase(), proof, body.key().tradingPassword(), this.contexts.of(request)),
					HttpStatus.CREATED);
		};
	}

	@DeleteMapping("/{id}")
	ResponseEntity<?> delete(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@PathVariable UUID id, HttpServletRequest request) {
		return this.keys.delete(me.accountId(), team, id, this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.noContent().build());
	}
}
