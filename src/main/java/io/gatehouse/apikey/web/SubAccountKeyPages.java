package io.gatehouse.apikey.web;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.SubAccountRows;
import io.gatehouse.apikey.ApiKeyRequests;
import io.gatehouse.apikey.ApiKeyService;
import io.gatehouse.apikey.Permission;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.web.PageProofs;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
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
 * A sub-account's API keys in the web UI, managed by its master: the same page as the master's own keys, without
 * Transfer (sub-accounts never withdraw), with the master's security verification (made for this sub-account) and
 * trading password.
 */
@Controller
class SubAccountKeyPages {

	private static final String SUB = "{sub:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

	private final ApiKeyService keys;

	private final ApiKeyRequests requests;

	private final PageProofs proofs;

	private final SubAccountRows subAccounts;

	private final RequestContexts contexts;

	SubAccountKeyPages(ApiKeyService keys, ApiKeyRequests requests, PageProofs proofs, SubAccountRows subAccounts,
			RequestContexts contexts) {
		this.keys = keys;
		this.requests = requests;
		this.proofs = proofs;
		this.subAccounts = subAccounts;
		this.contexts = contexts;
	}

	@GetMapping("/account/team/sub-accounts/" + SUB + "/api-keys")
	String page(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID sub, Model model) {
		return show(master, sub, model, null, null);
	}

	@PostMapping("/account/team/sub-accounts/" + SUB + "/api-keys")
	String create(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID sub,
			@RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable List<String> permission,
			@RequestParam(defaultValue = "") String ipAllowList, @RequestParam(defaultValue = "") String expiresAt,
			@RequestParam(defaultValue = "") String passphrase, @RequestParam(defaultValue = "") String tradingPassword,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		ApiKeyRequests.Asked asked = new ApiKeyRequests.Asked(name, permission == null ? List.of() : permission,
				ipAllowList, expiresAt.isBlank() ? null : expiresAt);
		return switch (this.requests.check(asked)) {
			case ApiKeyRequests.Checked.Refused r -> show(master, sub, model, null, r.rejection().message());
			case ApiKeyRequests.Checked.Ok ok -> {
				PageProofs.Proof proof = this.proofs.verify(master, StepUpAction.CREATE_API_KEY,
						ApiKeyService.subAccountParams(sub, ok.spec()), request, response);
				if (proof.proof() == null) {
					yield show(proof.session(), sub, model, null, proof.error());
				}
				yield switch (this.keys.createForSubAccount(proof.session(), sub, ok.spec(), passphrase, proof.proof(),
						tradingPassword, this.contexts.of(request))) {
					case ApiKeyService.Result.Done done -> {
						model.addAttribute("created", done.key());
						model.addAttribute("secret", done.secret());
						yield show(proof.session(), sub, model,
								"The key is created. Copy the secret now: it is shown only this once.", null);
					}
					case ApiKeyService.Result.Refused refused -> show(proof.session(), sub, model, null,
							refused.rejection().message());
				};
			}
		};
	}

	@PostMapping("/account/team/sub-accounts/" + SUB + "/api-keys/{id}/delete")
	String delete(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID sub, @PathVariable UUID id,
			HttpServletRequest request, Model model) {
		Optional<Rejection> refused = this.keys.deleteForSubAccount(master, sub, id, this.contexts.of(request));
		return show(master, sub, model, refused.isEmpty() ? "Deleted: the key no longer works." : null,
				refused.map(Rejection::message).orElse(null));
	}

	private String show(Actor.Customer master, UUID sub, Model model, @Nullable String notice,
			@Nullable String error) {
		SubAccountRows.SubAccountRow row = this.subAccounts.find(master.accountId(), sub)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("keys", this.keys.listForSubAccount(master.accountId(), sub));
		model.addAttribute("permissions", Arrays.stream(Permission.values())
			.filter(p -> p != Permission.GENERAL && p != Permission.TRANSFER)
			.toList());
		model.addAttribute("general", Permission.GENERAL);
		model.addAttribute("stepUpFactors", this.proofs.factors(master.accountId()));
		model.addAttribute("subAccount", row.name());
		model.addAttribute("keysBase", "/account/team/sub-accounts/" + sub + "/api-keys");
		model.addAttribute("notice", notice);
		model.addAttribute("error", error);
		return "apikey/api-keys";
	}
}
