package io.gatehouse.apikey.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.apikey.ApiKeyRequests;
import io.gatehouse.apikey.ApiKeyService;
import io.gatehouse.apikey.Permission;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.web.PageProofs;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * API keys in the web UI: the list (permissions, IPs, created, last used, state), a form that creates one
 * (permissions ticked one by one, none in advance; what each allows in plain words; a loud warning on
 * Transfer), the secret shown once with a copy button, enabling a suspended key and deleting one.
 */
@Controller
class ApiKeyPages {

	private final ApiKeyService keys;

	private final ApiKeyRequests requests;

	private final PageProofs proofs;

	private final RequestContexts contexts;

	ApiKeyPages(ApiKeyService keys, ApiKeyRequests requests, PageProofs proofs, RequestContexts contexts) {
		this.keys = keys;
		this.requests = requests;
		this.proofs = proofs;
		this.contexts = contexts;
	}

	@GetMapping("/account/api-keys")
	String page(@AuthenticationPrincipal Actor.Customer session, Model model) {
		return show(session, model, null, null);
	}

	@PostMapping("/account/api-keys")
	String create(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable List<String> permission,
			@RequestParam(defaultValue = "") String ipAllowList, @RequestParam(defaultValue = "") String expiresAt,
			@RequestParam(defaultValue = "") String passphrase, @RequestParam(defaultValue = "") String tradingPassword,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		ApiKeyRequests.Asked asked = new ApiKeyRequests.Asked(name, permission == null ? List.of() : permission,
				ipAllowList, expiresAt.isBlank() ? null : expiresAt);
		return switch (this.requests.check(asked)) {
			case ApiKeyRequests.Checked.Refused r -> show(session, model, null, r.rejection().message());
			case ApiKeyRequests.Checked.Ok ok -> {
				PageProofs.Proof proof = this.proofs.verify(session, StepUpAction.CREATE_API_KEY, ok.spec().params(),
						request, response);
				if (proof.proof() == null) {
					yield show(proof.session(), model, null, proof.error());
				}
				yield switch (this.keys.create(proof.session(), ok.spec(), passphrase, proof.proof(), tradingPassword,
						this.contexts.of(request))) {
					case ApiKeyService.Result.Done done -> {
						model.addAttribute("created", done.key());
						model.addAttribute("secret", done.secret());
						yield show(proof.session(), model, "Your key is created. Copy the secret now: it is shown only this once.",
								null);
					}
					case ApiKeyService.Result.Refused refused -> show(proof.session(), model, null,
							refused.rejection().message() + (refused.facts().containsKey("blockedUntil")
									? " Until " + refused.facts().get("blockedUntil") + "." : ""));
				};
			}
		};
	}

	@PostMapping("/account/api-keys/{id}/enable")
	String enable(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String tradingPassword, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		PageProofs.Proof proof = this.proofs.verify(session, StepUpAction.ENABLE_API_KEY, Map.of("id", id.toString()),
				request, response);
		if (proof.proof() == null) {
			return show(proof.session(), model, null, proof.error());
		}
		return switch (this.keys.enable(proof.session(), id, proof.proof(), tradingPassword, this.contexts.of(request))) {
			case ApiKeyService.Result.Done done -> show(proof.session(), model, "The key works again.", null);
			case ApiKeyService.Result.Refused refused -> show(proof.session(), model, null, refused.rejection().message());
		};
	}

	@PostMapping("/account/api-keys/{id}/delete")
	String delete(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id, HttpServletRequest request,
			Model model) {
		Optional<Rejection> refused = this.keys.delete(session, id, this.contexts.of(request));
		return show(session, model, refused.isEmpty() ? "Deleted: the key no longer works." : null,
				refused.map(Rejection::message).orElse(null));
	}

	private String show(Actor.Customer session, Model model, @Nullable String notice, @Nullable String error) {
		model.addAttribute("keys", this.keys.list(session.accountId()));
		model.addAttribute("permissions", Arrays.stream(Permission.values()).filter(p -> p != Permission.GENERAL).toList());
		model.addAttribute("general", Permission.GENERAL);
		model.addAttribute("stepUpFactors", this.proofs.factors(session.accountId()));
		model.addAttribute("keysBase", "/account/api-keys");
		model.addAttribute("notice", notice);
		model.addAttribute("error", error);
		return "apikey/api-keys";
	}
}
