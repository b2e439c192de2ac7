package io.gatehouse.recovery.api;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.recovery.freeze.FreezeService;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Freezing through the JSON API: with the token from an email's freeze link, or as the signed-in owner. */
@RestController
class FreezeApi {

	private final FreezeService freezes;

	private final RequestContexts contexts;

	FreezeApi(FreezeService freezes, RequestContexts contexts) {
		this.freezes = freezes;
		this.contexts = contexts;
	}

	/** {@code {token}} from the link; no session needed. */
	@PostMapping(path = "/api/v1/freeze", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> byLink(@Valid @RequestBody FreezeRequest body, HttpServletRequest request) {
		return answer(this.freezes.freezeByLink(body.token(), this.contexts.of(request)));
	}

	/** The signed-in owner; this session ends with all the others. */
	@PostMapping("/api/v1/me/freeze")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> self(@AuthenticationPrincipal Actor.Customer session, HttpServletRequest request) {
		return answer(this.freezes.freezeSelf(session, "api", this.contexts.of(request)));
	}

	private static ResponseEntity<?> answer(FreezeService.Result result) {
		return switch (result) {
			case FreezeService.Result.Frozen f -> ResponseEntity.ok(Map.of("status", "frozen", "sessions", "revoked",
					"apiKeys", "suspended", "next", "recovery"));
			case FreezeService.Result.Refused r -> Problems.of(r.rejection());
			case FreezeService.Result.Limited l -> Problems.retryAfter(AbuseRejection.RATE_LIMITED, l.retryAfter(), Map.of());
		};
	}

	record FreezeRequest(@NotNull String token) {

		@Override
		public String toString() {
			return "FreezeRequest[<redacted>]";
		}
	}
}
