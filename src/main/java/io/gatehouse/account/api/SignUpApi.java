package io.gatehouse.account.api;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.account.SignUpService.SignUpResult;
import io.gatehouse.account.SignUpService.VerifyResult;
import io.gatehouse.account.SignUpService;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Sign-up through the JSON API. */
@RestController
@RequestMapping("/api/v1/registrations")
class SignUpApi {

	private final SignUpService signUps;

	private final RequestContexts contexts;

	SignUpApi(SignUpService signUps, RequestContexts contexts) {
		this.signUps = signUps;
		this.contexts = contexts;
	}

	/** Starts a sign-up. The answer is the same whether or not the identifier already has an account. */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> signUp(@Valid @RequestBody SignUpRequest body, HttpServletRequest request) {
		SignUpResult result = this.signUps.signUp(body.identifier(), body.password(), body.country(), body.captcha(),
				this.contexts.of(request));
		return switch (result) {
			case SignUpResult.Started s -> ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(Map.of("registrationId", s.registrationId(), "next", "verify_code", "channel",
						s.channel().name().toLowerCase(Locale.ROOT), "destination", s.maskedDestination(),
						"codeExpiresAt", s.codeExpiresAt().toString()));
			case SignUpResult.Refused r -> r.retryAfter() == null ? Problems.of(r.rejection())
					: Problems.retryAfter(r.rejection(), r.retryAfter(), Map.of());
		};
	}

	@PostMapping(path = "/{registrationId}/verification", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> verify(@PathVariable UUID registrationId, @Valid @RequestBody VerifyRequest body,
			HttpServletRequest request) {
		return switch (this.signUps.verify(registrationId, body.code(), this.contexts.of(request))) {
			case VerifyResult.Verified v -> ResponseEntity.ok(Map.of("status", "verified", "next", "sign_in"));
			case VerifyResult.Refused r -> Problems.of(r.rejection());
		};
	}

	/** Sends a new code, replacing the old one. Always 202, so it reveals nothing. */
	@PostMapping(path = "/{registrationId}/resend")
	ResponseEntity<?> resend(@PathVariable UUID registrationId, HttpServletRequest request) {
		return this.signUps.resend(registrationId, this.contexts.of(request))
			.<ResponseEntity<?>>map(wait -> Problems.retryAfter(AbuseRejection.RATE_LIMITED, wait,
					Map.of()))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "sent_if_possible")));
	}

	/** @param captcha the solved CAPTCHA for {@code sign_up}, when the last answer was {@code captcha_required} */
	record SignUpRequest(@NotNull String identifier, @NotNull String password, @NotNull String country,
			@Nullable String captcha) {

		@Override
		public String toString() {
			return "SignUpRequest[password=<redacted>]";
		}
	}

	record VerifyRequest(@NotNull String code) {

		@Override
		public String toString() {
			return "VerifyRequest[code=<redacted>]";
		}
	}
}
