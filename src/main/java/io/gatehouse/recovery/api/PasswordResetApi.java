package io.gatehouse.recovery.api;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.RequestGate;
import io.gatehouse.recovery.reset.PasswordResetService;
import io.gatehouse.recovery.reset.ResetRequests;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Forgot password through the JSON API. */
@RestController
@RequestMapping("/api/v1/password-resets")
class PasswordResetApi {

	private final PasswordResetService resets;

	private final ResetRequests requests;

	private final RequestContexts contexts;

	PasswordResetApi(PasswordResetService resets, ResetRequests requests, RequestContexts contexts) {
		this.resets = resets;
		this.requests = requests;
		this.contexts = contexts;
	}

	/** Always 202 (or 429 for the network): whether the identifier names an account is never told. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> request(@Valid @RequestBody ResetRequest body, HttpServletRequest request) {
		return switch (this.requests.request(body.identifier(), body.captcha(), this.contexts.of(request))) {
			case RequestGate.Answer.Wait wait -> Problems.retryAfter(AbuseRejection.RATE_LIMITED, wait.retryAfter(),
					Map.of());
			case RequestGate.Answer.Captcha needed -> Problems.of(needed.rejection());
			case RequestGate.Answer.Pass pass -> ResponseEntity.accepted()
				.body(Map.of("status", "requested", "next", "check_messages", "detail",
						"If this names an account, a reset link (email) or code (text message) is on its way."));
		};
	}

	/**
	 * Sets the new password: {@code {token, newPassword}} from the emailed link, or
	 * {@code {identifier, code, newPassword}} from the text message. No session comes back: sign in.
	 */
	@PostMapping(path = "/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> confirm(@Valid @RequestBody ResetConfirmation body, HttpServletRequest request) {
		return switch (this.resets.reset(body.token(), body.identifier(), body.code(), body.newPassword(),
				this.contexts.of(request))) {
			case PasswordResetService.Result.Done d -> ResponseEntity
				.ok(Map.of("status", "reset", "next", "sign_in", "otherSessions", "revoked"));
			case PasswordResetService.Result.Refused r -> Problems.of(r.rejection());
			case PasswordResetService.Result.Limited l -> Problems.retryAfter(AbuseRejection.RATE_LIMITED,
					l.retryAfter(), Map.of());
		};
	}

	/** @param captcha the solved CAPTCHA for {@code reset}, when the last answer was {@code captcha_required} */
	record ResetRequest(@NotNull String identifier, @Nullable String captcha) {
	}

	record ResetConfirmation(@Nullable String token, @Nullable String identifier, @Nullable String code,
			@NotNull String newPassword) {

		@Override
		public String toString() {
			return "ResetConfirmation[<redacted>]";
		}
	}
}
