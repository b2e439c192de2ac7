package io.gatehouse.factor.web;

import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.factor.PasskeyAssertions;
import io.gatehouse.factor.PasskeyRegistration;
import io.gatehouse.factor.PasskeyService;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.StepUpRejection;
import io.gatehouse.factor.web.StepUpForms.Verification;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** Passkeys on the security page: adding one (after security verification) and removing one; step-up by passkey. */
@Controller
class PasskeyPages {

	private final SecurityOverview overview;

	private final StepUpForms forms;

	private final PasskeyService passkeys;

	private final PasskeyAssertions assertions;

	private final PasskeyRegistration registration;

	private final JsonMapper json;

	private final RequestContexts contexts;

	PasskeyPages(SecurityOverview overview, StepUpForms forms, PasskeyService passkeys, PasskeyAssertions assertions,
			PasskeyRegistration registration, JsonMapper json, RequestContexts contexts) {
		this.overview = overview;
		this.forms = forms;
		this.passkeys = passkeys;
		this.assertions = assertions;
		this.registration = registration;
		this.json = json;
		this.contexts = contexts;
	}

	/** A step-up challenge for passkey.js, in this session. */
	@PostMapping("/account/security/step-up/passkey-options")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	@ResponseBody
	ResponseEntity<?> stepUpPasskeyOptions(@AuthenticationPrincipal Actor.Customer session) {
		if (!this.passkeys.hasAny(session.accountId())) {
			return Problems.of(StepUpRejection.FACTOR_NOT_ALLOWED);
		}
		PasskeyService.Options options = this.assertions.stepUpOptions(session);
		return ResponseEntity.ok(Map.of("challengeId", options.challengeId(), "publicKey", options.publicKey()));
	}

	/** Adding a passkey: security verification first, then the browser's create() on the page it renders. */
	@PostMapping("/account/security/passkeys/start")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String startPasskey(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Verification verification = this.forms.verifyAndConsume(session, StepUpAction.ADD_PASSKEY, Map.of(), code,
				password, request, response);
		if (verification.failed()) {
			return this.overview.withError(SecuritySection.PASSKEYS, session, model, verification.error());
		}
		PasskeyService.Options options = this.registration.registrationOptions(verification.rotated(),
				this.overview.label(session));
		model.addAttribute("challengeId", options.challengeId());
		model.addAttribute("options", this.json.writeValueAsString(options.publicKey()));
		return "factor/passkey-setup";
	}

	@PostMapping("/account/security/passkeys")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String registerPasskey(@AuthenticationPrincipal Actor.Customer session, @RequestParam UUID challengeId,
			@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String credential,
			HttpServletRequest request, Model model) {
		return switch (this.registration.register(session, challengeId, name, credential, this.contexts.of(request))) {
			case PasskeyService.Registered.Done d -> SecuritySection.PASSKEYS.redirect("passkeyAdded");
			case PasskeyService.Registered.Refused r -> this.overview.withError(SecuritySection.PASSKEYS, session, model, r.rejection().message());
		};
	}

	/** A new name for one passkey; a name needs no security verification (the API's PATCH likewise). */
	@PostMapping("/account/security/passkeys/{passkeyId}/rename")
	String renamePasskey(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID passkeyId,
			@RequestParam(defaultValue = "") String name, Model model) {
		var refused = this.passkeys.rename(session.accountId(), passkeyId, name);
		if (refused.isPresent()) {
			return this.overview.withError(SecuritySection.PASSKEYS, session, model, refused.get().message());
		}
		return SecuritySection.PASSKEYS.redirect("passkeyRenamed");
	}

	@PostMapping("/account/security/passkeys/{passkeyId}/remove")
	String removePasskey(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID passkeyId,
			@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String password,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Verification verification = this.forms.verifyAndConsume(session, StepUpAction.REMOVE_PASSKEY,
				Map.of("passkeyId", passkeyId.toString()), code, password, request, response);
		if (verification.failed()) {
			return this.overview.withError(SecuritySection.PASSKEYS, session, model, verification.error());
		}
		var refused = this.passkeys.remove(verification.rotated(), passkeyId, this.contexts.of(request));
		if (refused.isPresent()) {
			return this.overview.withError(SecuritySection.PASSKEYS, verification.rotated(), model, refused.get().message());
		}
		return SecuritySection.PASSKEYS.redirect("passkeyRemoved");
	}
}
