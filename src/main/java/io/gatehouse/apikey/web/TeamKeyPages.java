package io.gatehouse.apikey.web;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.SubAccountRows;
import io.gatehouse.apikey.ApiKeyRequests;
import io.gatehouse.apikey.ApiKeyService;
import io.gatehouse.apikey.Permission;
import io.gatehouse.apikey.TeamKeys;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.web.PageProofs;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.team.TeamAccess;
import io.gatehouse.team.TeamRole;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * A team's API keys in the web UI ({@code /account/teams/{team}/api-keys}): the keys the member may see, with the
 * account each acts for and who made it; a form for the keys their role allows, with their own security
 * verification and trading password; delete for admins.
 */
@Controller
class TeamKeyPages {

	private static final String BASE = "/account/teams/{team:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}/api-keys";

	private final TeamKeys keys;

	private final TeamAccess access;

	private final ApiKeyRequests requests;

	private final PageProofs proofs;

	private final SubAccountRows subAccounts;

	private final Accounts accounts;

	private final RequestContexts contexts;

	TeamKeyPages(TeamKeys keys, TeamAccess access, ApiKeyRequests requests, PageProofs proofs,
			SubAccountRows subAccounts, Accounts accounts, RequestContexts contexts) {
		this.keys = keys;
		this.access = access;
		this.requests = requests;
		this.proofs = proofs;
		this.subAccounts = subAccounts;
		this.accounts = accounts;
		this.contexts = contexts;
	}

	@GetMapping(BASE)
	String page(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team, Model model) {
		return show(me, team, model, null, null);
	}

	@PostMapping(BASE)
	String create(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@RequestParam(defaultValue = "") String subAccountId, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable List<String> permission,
			@RequestParam(defaultValue = "") String ipAllowList, @RequestParam(defaultValue = "") String expiresAt,
			@RequestParam(defaultValue = "") String passphrase, @RequestParam(defaultValue = "") String tradingPassword,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		UUID sub;
		try {
			sub = subAccountId.isBlank() ? null : UUID.fromString(subAccountId);
		}
		catch (IllegalArgumentException ex) {
			return show(me, team, model, null, "Choose the account the key is for.");
		}
		ApiKeyRequests.Asked asked = new ApiKeyRequests.Asked(name, permission == null ? List.of() : permission,
				ipAllowList, expiresAt.isBlank() ? null : expiresAt);
		return switch (this.requests.check(asked)) {
			case ApiKeyRequests.Checked.Refused r -> show(me, team, model, null, r.rejection().message());
			case ApiKeyRequests.Checked.Ok ok -> {
				PageProofs.Proof proof = this.proofs.verify(me, StepUpAction.CREATE_API_KEY,
						TeamKeys.params(team, sub, ok.spec()), request, response);
				if (proof.proof() == null) {
					yield show(proof.session(), team, model, null, proof.error());
				}
				yield switch (this.keys.create(proof.session(), team, sub, ok.spec(), passphrase, proof.proof(),
						tradingPassword, this.contexts.of(request))) {
					case ApiKeyService.Result.Done done -> {
						model.addAttribute("created", done.key());
						model.addAttribute("secret", done.secret());
						yield show(proof.session(), team, model,
								"The key is created. Copy the secret now: it is shown only this once.", null);
					}
					case ApiKeyService.Result.Refused refused -> show(proof.session(), team, model, null,
							refused.rejection().message());
				};
			}
		};
	}

	@PostMapping(BASE + "/{id}/delete")
	String delete(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team, @PathVariable UUID id,
			HttpServletRequest request, Model model) {
		Optional<Rejection> refused = this.keys.delete(me.accountId(), team, id, this.contexts.of(request));
		return show(me, team, model, refused.isEmpty() ? "Deleted: the key no longer works." : null,
				refused.map(Rejection::message).orElse(null));
	}

	private String show(Actor.Customer me, UUID team, Model model, @Nullable String notice, @Nullable String error) {
		TeamAccess.Access a = this.access.read(me.accountId(), team)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<TeamKeys.TeamKey> list = this.keys.list(me.accountId(), team).orElse(List.of());
		Map<UUID, String> where = new HashMap<>();
		Map<UUID, String> who = new HashMap<>();
		for (TeamKeys.TeamKey k : list) {
			where.put(k.key().id(), k.subAccountName() == null ? "main account" : k.subAccountName());
			who.put(k.key().id(), k.createdBy() == null ? "owner" : name(k.createdBy()));
		}
		// The accounts the member may make keys for: the main account for admins of the whole team, and the
		// sub-accounts they are assigned to for traders and up.
		Map<String, String> choices = new LinkedHashMap<>();
		if (a.role().atLeast(TeamRole.ADMIN) && a.wholeTeam()) {
			choices.put("", "the main account");
		}
		if (a.role().atLeast(TeamRole.TRADER)) {
			this.subAccounts.of(team).stream()
				.filter(s -> a.covers(s.id()))
				.forEach(s -> choices.put(s.id().toString(), "sub-account " + s.name()));
		}
		boolean admin = a.role().atLeast(TeamRole.ADMIN);
		model.addAttribute("keys", list.stream().map(TeamKeys.TeamKey::key).toList());
		model.addAttribute("keyAccounts", where);
		model.addAttribute("keyCreators", who);
		model.addAttribute("accountChoices", choices);
		model.addAttribute("canDelete", admin);
		model.addAttribute("permissions", Arrays.stream(Permission.values())
			.filter(p -> p != Permission.GENERAL && p != Permission.TRANSFER)
			.filter(p -> admin || p != Permission.INNER_TRANSFER)
			.toList());
		model.addAttribute("general", Permission.GENERAL);
		model.addAttribute("stepUpFactors", this.proofs.factors(me.accountId()));
		model.addAttribute("teamName", this.accounts.find(team).map(TeamKeyPages::named).orElse("?"));
		model.addAttribute("teamBase", "/account/teams/" + team);
		model.addAttribute("keysBase", "/account/teams/" + team + "/api-keys");
		model.addAttribute("notice", notice);
		model.addAttribute("error", error);
		return "apikey/api-keys";
	}

	private String name(UUID accountId) {
		return this.accounts.find(accountId).map(TeamKeyPages::named).orElse("a former member");
	}

	private static String named(io.gatehouse.account.Account account) {
		return account.identifiers().stream().findFirst().map(Identifier::masked).orElse("an account");
	}

}
