package io.gatehouse.factor.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import io.gatehouse.account.AntiPhishingCodeService;
import io.gatehouse.factor.PasskeyAssertions;
import io.gatehouse.factor.PasskeyService;
import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.StepUpRejection;
import io.gatehouse.factor.TradingPasswordService;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.session.SessionService;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Step-up through the JSON API: ask which proof is needed, present it for one action and its parameters,
 * get a single-use proof (and a rotated session token), then send the proof with the action as
 * {@code X-Step-Up-Proof}.
 */
@RestController
@RequestMapping("/api/v1/me")
class StepUpApi {

	static final String PROOF_HEADER = "X-Step-Up-Proof";

	private final StepUp stepUp;

	private final AntiPhishingCodeService antiPhishing;

	private final RequestContexts contexts;

	private final TradingPasswordService tradingPasswords;

	private final PasskeyService passkeys;

	private final PasskeyAssertions assertions;

	private final SessionService sessions;

	StepUpApi(StepUp stepUp, AntiPhishingCodeService antiPhishing, RequestContexts contexts,
			TradingPasswordService tradingPasswords, PasskeyService passkeys, PasskeyAssertions assertions,
					SessionService sessions) {
		this.passkeys = passkeys;
		this.assertions = assertions;
		this.sessions = sessions;
		this.tradingPasswords = tradingPasswords;
		this.stepUp = stepUp;
		this.antiPhishing = antiPhishing;
		this.contexts = contexts;
	}

	@GetMapping("/step-up")
	Map<String, Object> requirement(@AuthenticationPrincipal Actor.Customer session) {
		return Map.of("requiredFactor", this.stepUp.requiredFactor(session.accountId()), "allowedFactors",
				this.stepUp.allowedFactors(session.accountId()));
	}

	/** A challenge for confirming with a passkey; send its answer as {@code passkey} in the step-up request. */
	@PostMapping("/step-up/passkey-options")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> passkeyOptions(@AuthenticationPrincipal Actor.Customer session) {
		if (!this.passkeys.hasAny(session.accountId())) {
			return Problems.of(StepUpRejection.FACTOR_NOT_ALLOWED);
		}
		PasskeyService.Options options = this.assertions.stepUpOptions(session);
		return ResponseEntity.ok(Map.of("challengeId", options.challengeId(), "publicKey", options.publicKey()));
	}

	@PostMapping(path = "/step-up", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> verify(@AuthenticationPrincipal Actor.Customer session, @Valid @RequestBody StepUpRequest body,
			HttpServletRequest request) {
		var action = StepUpAction.parse(body.action());
		if (action.isEmpty()) {
			return Problems.of(StepUpRejection.ACTION_UNKNOWN);
		}
		Map<String, String> params = body.params() == null ? Map.of() : body.params();
		if (params.size() > 20 || params.values().stream().anyMatch(v -> v == null || v.length() > 1024)) {
			return Problems.of(StepUpRejection.PARAMS_INVALID);
		}
		StepUp.PasskeyAnswer passkey = body.passkey() == null ? null
				: new StepUp.PasskeyAnswer(body.passkey().challengeId(), body.passkey().credential().toString());
		return switch (this.stepUp.verify(session, action.get(), params, body.code(), body.password(), passkey,
				this.contexts.of(request))) {
			case StepUp.Result.Verified v -> {
				Map<String, Object> out = new LinkedHashMap<>();
				out.put("proof", v.proof());
				out.put("expiresAt", v.expiresAt().toString());
				out.put("session", Map.of("token", v.session().token(), "expiresAt",
						v.session().expiresAt().toString()));
				yield ResponseEntity.ok(out);
			}
			case StepUp.Result.Refused r -> Problems.of(r.rejection());
		};
	}

	/** Sets the anti-phishing code; the step-up proof must be for {@code set_anti_phishing_code} with {"code": …}. */
	@PutMapping(path = "/anti-phishing-code", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> antiPhishingCode(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody AntiPhishingRequest body, HttpServletRequest request) {
		var code = AntiPhishingCodeService.canonical(body.code());
		if (code.isEmpty()) {
			return Problems.of(AntiPhishingCodeService.INVALID);
		}
		var refused = this.stepUp.consume(session, StepUpAction.SET_ANTI_PHISHING_CODE, Map.of("code", code.get()),
				proof);
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		this.antiPhishing.set(session.accountId(), code.get(), this.contexts.of(request));
		return ResponseEntity.ok(Map.of("status", "set"));
	}

	/**
	 * Sets or changes the trading password; the proof must be for {@code set_trading_password} with no
	 * parameters (the password itself is never hashed into the proof's parameters).
	 */
	@PutMapping(path = "/trading-password", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	ResponseEntity<?> tradingPassword(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof,
			@Valid @RequestBody TradingPasswordRequest body, HttpServletRequest request) {
		var refused = this.stepUp.consume(session, StepUpAction.SET_TRADING_PASSWORD, Map.of(), proof);
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		return this.tradingPasswords.set(session.accountId(), body.password(), this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(Map.of("status", "set")));
	}

	/**
	 * Signs out every other session of the account ("revoke all sessions" is a sensitive action: a stolen
	 * session must not be able to throw the owner out). The proof must be for {@code revoke_all_sessions}.
	 */
	@PostMapping("/sessions/revoke-others")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> revokeOthers(@AuthenticationPrincipal Actor.Customer session,
			@RequestHeader(name = PROOF_HEADER, required = false) @Nullable String proof, HttpServletRequest request) {
		var refused = this.stepUp.consume(session, StepUpAction.REVOKE_ALL_SESSIONS, Map.of(), proof);
		if (refused.isPresent()) {
			return Problems.of(refused.get());
		}
		int revoked = this.sessions.revokeOthers(session.accountId(), session.sessionId(), "revoked_by_user",
				this.contexts.of(request));
		return ResponseEntity.ok(Map.of("revoked", revoked));
	}

	record TradingPasswordRequest(@NotNull String password) {

		@Override
		public String toString() {
			return "TradingPasswordRequest[<redacted>]";
		}
	}

	record PasskeyAnswerBody(@NotNull UUID challengeId,
			@NotNull @Schema(type = "object",
					description = "The WebAuthn credential, as PublicKeyCredential.toJSON() gives it") ObjectNode credential) {
	}

	record StepUpRequest(@NotNull String action, @Nullable Map<String, String> params, @Nullable String code,
			@Nullable String password, @Valid @Nullable PasskeyAnswerBody passkey) {

		@Override
		public String toString() {
			return "StepUpRequest[action=" + this.action + ", <redacted>]";
		}
	}

	record AntiPhishingRequest(@NotNull String code) {

		@Override
		public String toString() {
			return "AntiPhishingRequest[<redacted>]";
		}
	}
}
