package io.gatehouse.session.api;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.gatehouse.kernel.Actor;
import io.gatehouse.session.SessionService;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For the exchange's other services (internal listener, service token): "is this session valid, and whose
 * is it?". The token goes in the body, never in a URL.
 */
@RestController
class InternalSessionApi {

	private final SessionService sessions;

	InternalSessionApi(SessionService sessions) {
		this.sessions = sessions;
	}

	@PostMapping(path = "/internal/v1/sessions/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> verify(@AuthenticationPrincipal Actor.Service service, @Valid @RequestBody Token body) {
		return ResponseEntity.ok(body.token().length() > 200 ? Map.of("valid", false)
				: this.sessions.authenticate(body.token())
					.<Map<String, Object>>map(s -> Map.of("valid", true, "accountId", s.accountId().toString(),
							"sessionId", s.sessionId().toString()))
					.orElseGet(() -> Map.of("valid", false)));
	}

	record Token(@NotNull String token) {

		@Override
		public String toString() {
			return "Token[<redacted>]";
		}
	}
}
