package io.gatehouse.signin.api;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.RequestGate;
import io.gatehouse.signin.AccountUnlock.Confirmed;
import io.gatehouse.signin.AccountUnlock;
import io.gatehouse.signin.UnlockRequests;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Unlock account" through the JSON API: ask for a code, send it back, and, when the account has an
 * authenticator app or backup codes, one of those with the ticket the code step returned.
 */
@RestController
@RequestMapping(path = "/api/v1/unlock", consumes = MediaType.APPLICATION_JSON_VALUE)
class UnlockApi {

	private final AccountUnlock unlock;

	private final UnlockRequests requests;

	private final RequestContexts contexts;

	UnlockApi(AccountUnlock unlock, UnlockRequests requests, RequestContexts contexts) {
		this.unlock = unlock;
		this.requests = requests;
		this.contexts = contexts;
	}

	/** Always the same answer (or the network's 429), whether or not the identifier names an account. */
	@PostMapping("/requests")
	ResponseEntity<?> request(@Valid @RequestBody UnlockRequest body, HttpServletRequest request) {
		return switch (this.requests.request(body.identifier(), body.captcha(), this.contexts.of(request))) {
			case RequestGate.Answer.Wait wait -> Problems.retryAfter(AbuseRejection.RATE_LIMITED, wait.retryAfter(),
					Map.of());
			case RequestGate.Answer.Captcha needed -> Problems.of(needed.rejection());
			case RequestGate.Answer.Pass pass -> ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(Map.of("message",
						"If this email or phone number belongs to an account, a code is on its way. It is valid for 10 minutes."));
		};
	}

	@PostMapping("/confirm")
	ResponseEntity<?> confirm(@Valid @RequestBody UnlockCode body, HttpServletRequest request) {
		return answer(this.unlock.confirmCode(body.identifier(), body.code(), this.contexts.of(request)));
	}

	@PostMapping("/second-factor")
	ResponseEntity<?> secondFactor(@Valid @RequestBody UnlockSecondFactor body, HttpServletRequest request) {
		return answer(this.unlock.confirmSecondFactor(body.ticket(), body.factor(), body.code(),
				this.contexts.of(request)));
	}

	private static ResponseEntity<?> answer(Confirmed confirmed) {
		return switch (confirmed) {
			case Confirmed.Unlocked u -> ResponseEntity.ok(Map.of("unlocked", true));
			case Confirmed.SecondFactorRequired next -> ResponseEntity.ok(Map.of("unlocked", false, "next",
					"second_factor", "ticket", next.ticket(), "allowedFactors", next.allowedFactors()));
			case Confirmed.Refused r -> Problems.of(r.rejection());
		};
	}

	/** @param captcha the solved CAPTCHA for {@code unlock}, when the last answer was {@code captcha_required} */
	record UnlockRequest(@NotNull String identifier, @Nullable String captcha) {
	}

	record UnlockCode(@NotNull String identifier, @NotNull String code) {

		@Override
		public String toString() {
			return "UnlockCode[code=<redacted>]";
		}
	}

	/** @param factor {@code totp} or {@code backup_code} */
	record UnlockSecondFactor(@NotNull String ticket, @NotNull String factor, @NotNull String code) {

		@Override
		public String toString() {
			return "UnlockSecondFactor[factor=" + this.factor + ", <redacted>]";
		}
	}
}
