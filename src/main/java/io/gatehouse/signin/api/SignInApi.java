package io.gatehouse.signin.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import io.gatehouse.factor.SmsFactorService;
import io.gatehouse.signin.PasswordSubmission;
import io.gatehouse.signin.SignInFlow;
import io.gatehouse.signin.SignInRejection;
import io.gatehouse.signin.SignInResult;
import io.gatehouse.signin.SignInService;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign-in flows through the JSON API. Each answer carries the flow's state, the next step and a step
 * counter; the completed flow carries the session token, shown this once.
 */
@RestController
@RequestMapping("/api/v1/signin/flows")
class SignInApi {

	private final SignInService signIns;

	private final RequestContexts contexts;

	SignInApi(SignInService signIns, RequestContexts contexts) {
		this.signIns = signIns;
		this.contexts = contexts;
	}

	/**
	 * Starts a flow. An API client that already has the credentials may send the password step as the
	 * body and get the completed flow (or the same refusal as the step endpoint) in one round trip; with
	 * {@code totpCode} as well, an account with an authenticator app too.
	 */
	@PostMapping
	ResponseEntity<?> start(@Valid @RequestBody(required = false) @Nullable PasswordStep body,
			HttpServletRequest request) {
		if (body == null) {
			SignInFlow flow = this.signIns.start(this.contexts.of(request));
			return ResponseEntity.status(HttpStatus.CREATED).body(view(flow, this.signIns.now(), null));
		}
		SignInResult result = this.signIns.startWithPassword(body.submission(), this.contexts.of(request));
		return completedOrRefused(result, HttpStatus.CREATED);
	}

	@GetMapping("/{flowId}")
	ResponseEntity<?> get(@PathVariable UUID flowId) {
		return this.signIns.find(flowId)
			.<ResponseEntity<?>>map(flow -> ResponseEntity.ok(view(flow, this.signIns.now(), null)))
			.orElseGet(() -> Problems.of(SignInRejection.FLOW_NOT_FOUND));
	}

	@PostMapping(path = "/{flowId}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> password(@PathVariable UUID flowId, @Valid @RequestBody PasswordStep body,
			HttpServletRequest request) {
		SignInResult result = this.signIns.submitPassword(flowId, body.submission(), this.contexts.of(request));
		return completedOrRefused(result, HttpStatus.OK);
	}

	private ResponseEntity<?> completedOrRefused(SignInResult result, HttpStatus success) {
		return switch (result) {
			case SignInResult.Completed c -> {
				Map<String, Object> session = new LinkedHashMap<>();
				session.put("token", c.session().token());
				session.put("expiresAt", c.session().expiresAt().toString());
				session.put("deviceToken", c.session().deviceToken());
				yield ResponseEntity.status(success).body(view(c.flow(), this.signIns.now(), session));
			}
			case SignInResult.Continues next -> ResponseEntity.status(success)
				.body(view(next.flow(), this.signIns.now(), null));
			case SignInResult.Refused r -> refused(r);
		};
	}

	/**
	 * A refusal as problem+json. Waits carry {@code Retry-After} and {@code retryAfterSeconds}; when the
	 * next attempt needs a CAPTCHA, {@code captchaRequired} says so and {@code captchaChallenge} says where
	 * to get one. Both depend only on the identifier's counter, never on whether the account exists.
	 */
	static ResponseEntity<?> refused(SignInResult.Refused r) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (r.captchaRequired()) {
			properties.put("captchaRequired", true);
			properties.put("captchaChallenge", "/api/v1/captcha/challenge?action=sign_in");
		}
		return r.retryAfter() == null ? Problems.of(r.rejection(), properties)
				: Problems.retryAfter(r.rejection(), r.retryAfter(), properties);
	}

	/** The second-factor step with a backup code, when the authenticator app is not at hand. */
	@PostMapping(path = "/{flowId}/backup-code", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> backupCode(@PathVariable UUID flowId, @Valid @RequestBody CodeStep body,
			HttpServletRequest request) {
		return completedOrRefused(
				this.signIns.submitBackupCode(flowId, body.code(), body.deviceToken(), this.contexts.of(request)),
				HttpStatus.OK);
	}

	/** The second-factor step: a code from the authenticator app. Only a flow at this step accepts it. */
	@PostMapping(path = "/{flowId}/totp", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> totp(@PathVariable UUID flowId, @Valid @RequestBody CodeStep body, HttpServletRequest request) {
		return completedOrRefused(
				this.signIns.submitTotp(flowId, body.code(), body.deviceToken(), this.contexts.of(request)), HttpStatus.OK);
	}

	private Map<String, Object> view(SignInFlow flow, Instant now, @Nullable Map<String, Object> session) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", flow.id());
		out.put("state", flow.stateAt(now).name().toLowerCase(Locale.ROOT));
		SignInFlow.Step next = flow.nextStep(now);
		out.put("next", next == null ? null : next.wireName());
		if (next == SignInFlow.Step.SECOND_FACTOR) {
			// The server decides which factors this step accepts, strongest first; clients only choose among them.
			out.put("allowedFactors", this.signIns.allowedFactors(flow));
		}
		else if (next == SignInFlow.Step.PASSWORD) {
			// Or, instead of the password, a passkey on its own.
			out.put("alternatives", List.of("passkey"));
		}
		out.put("step", flow.currentStepNumber());
		out.put("totalSteps", flow.totalSteps());
		out.put("expiresAt", flow.expiresAt().toString());
		if (session != null) {
			out.put("session", session);
		}
		return out;
	}

	/**
	 * The confirmation step, when the risk decision asked for one: the code sent to the account's email
	 * (its phone when it has none).
	 */
	@PostMapping(path = "/{flowId}/confirmation", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> confirm(@PathVariable UUID flowId, @Valid @RequestBody CodeStep body, HttpServletRequest request) {
		return completedOrRefused(
				this.signIns.submitConfirmation(flowId, body.code(), body.deviceToken(), this.contexts.of(request)),
				HttpStatus.OK);
	}

	/** Sends a new confirmation code; the old one dies, its wrong tries stay. */
	@PostMapping("/{flowId}/confirmation/resend")
	ResponseEntity<?> resendConfirmation(@PathVariable UUID flowId, HttpServletRequest request) {
		return this.signIns.resendConfirmation(flowId, this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.accepted().body(Map.of("validMinutes", 10)));
	}

	/** Sends this flow's SMS code (or a new one: the old one dies, its counters stay). */
	@PostMapping("/{flowId}/sms")
	ResponseEntity<?> sendSms(@PathVariable UUID flowId, HttpServletRequest request) {
		return switch (this.signIns.sendSmsCode(flowId, this.contexts.of(request))) {
			case SmsFactorService.Sent.Done d -> ResponseEntity.accepted()
				.body(Map.of("sentTo", d.destination(), "validMinutes", 10));
			case SmsFactorService.Sent.Refused r -> Problems.of(r.rejection());
		};
	}

	/** The second-factor step with the code sent by SMS. */
	@PostMapping(path = "/{flowId}/sms/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> verifySms(@PathVariable UUID flowId, @Valid @RequestBody CodeStep body,
			HttpServletRequest request) {
		return completedOrRefused(
				this.signIns.submitSms(flowId, body.code(), body.deviceToken(), this.contexts.of(request)), HttpStatus.OK);
	}

	/**
	 * Options for {@code navigator.credentials.get()}: before the password step for a passwordless
	 * sign-in, after it for the second factor.
	 */
	@PostMapping("/{flowId}/passkey/options")
	ResponseEntity<?> passkeyOptions(@PathVariable UUID flowId, HttpServletRequest request) {
		return switch (this.signIns.passkeyOptions(flowId, this.contexts.of(request))) {
			case SignInService.PasskeyOptions.Ready r -> ResponseEntity
				.ok(Map.of("challengeId", r.options().challengeId(), "publicKey", r.options().publicKey()));
			case SignInService.PasskeyOptions.Refused r -> Problems.of(r.rejection());
		};
	}

	/** The authenticator's answer ({@code PublicKeyCredential.toJSON()}) to the options' challenge. */
	@PostMapping(path = "/{flowId}/passkey", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> passkey(@PathVariable UUID flowId, @Valid @RequestBody PasskeyStep body,
			HttpServletRequest request) {
		return completedOrRefused(this.signIns.submitPasskey(flowId, body.challengeId(), body.credential().toString(),
				Boolean.TRUE.equals(body.rememberMe()), body.deviceToken(), this.contexts.of(request)), HttpStatus.OK);
	}

	record PasskeyStep(@NotNull UUID challengeId,
			@NotNull @Schema(type = "object",
					description = "The WebAuthn credential, as PublicKeyCredential.toJSON() gives it") ObjectNode credential,
			@Nullable Boolean rememberMe, @Nullable String deviceToken) {

		@Override
		public String toString() {
			return "PasskeyStep[challengeId=" + this.challengeId + ", <redacted>]";
		}
	}

	record CodeStep(@NotNull String code, @Nullable String deviceToken) {

		@Override
		public String toString() {
			return "CodeStep[code=<redacted>]";
		}
	}

	/**
	 * @param deviceToken the token this app got from an earlier sign-in, so it is recognised as a known device
	 */
	/**
	 * @param captcha a solved CAPTCHA for {@code sign_in}, when the server asked for one
	 */
	/** @param totpCode the authenticator app's code, for an account that has one: the second step in the same request */
	record PasswordStep(@NotNull String identifier, @NotNull String password, @Nullable Boolean rememberMe,
			@Nullable String deviceToken, @Nullable String captcha, @Nullable String totpCode) {

		@Override
		public String toString() {
			return "PasswordStep[password=<redacted>, totpCode=<redacted>]";
		}

		PasswordSubmission submission() {
			return new PasswordSubmission(this.identifier, this.password, Boolean.TRUE.equals(this.rememberMe),
					this.deviceToken, this.captcha, this.totpCode);
		}
	}
}
