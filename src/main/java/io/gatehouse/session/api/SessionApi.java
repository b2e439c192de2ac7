package io.gatehouse.session.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import io.gatehouse.geo.Location;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.session.DeviceNames;
import io.gatehouse.session.Session;
import io.gatehouse.session.SessionService;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in person's sessions and devices. */
@RestController
@RequestMapping("/api/v1/me")
class SessionApi {

	private final SessionService sessions;

	private final DeviceNames deviceNames;

	private final RequestContexts contexts;

	SessionApi(SessionService sessions, DeviceNames deviceNames, RequestContexts contexts) {
		this.sessions = sessions;
		this.deviceNames = deviceNames;
		this.contexts = contexts;
	}

	@GetMapping("/sessions")
	Map<String, Object> list(@AuthenticationPrincipal Actor.Customer current) {
		List<Map<String, Object>> items = this.sessions.list(current.accountId())
			.stream()
			.map(s -> view(s, current))
			.toList();
		return Map.of("sessions", items);
	}

	@GetMapping("/devices")
	Map<String, Object> devices(@AuthenticationPrincipal Actor.Customer current) {
		return Map.of("devices", this.sessions.devices(current.accountId()).stream().map(d -> {
			Map<String, Object> out = new LinkedHashMap<>();
			out.put("id", d.id());
			out.put("device", this.deviceNames.describe(d.userAgent()));
			out.put("lastIp", d.lastIp());
			out.put("lastCountry", d.lastCountry());
			out.put("lastCity", d.lastCity());
			out.put("lastLocation", Location.placeName(d.lastCity(), d.lastCountry()));
			out.put("firstSeenAt", d.firstSeenAt().toString());
			out.put("lastSeenAt", d.lastSeenAt().toString());
			return out;
		}).toList());
	}

	/** Revokes one session of the caller's; another account's session id is simply not found. */
	@DeleteMapping("/sessions/{sessionId}")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> revoke(@AuthenticationPrincipal Actor.Customer current, @PathVariable UUID sessionId,
			HttpServletRequest request) {
		if (!this.sessions.revoke(current, sessionId, "revoked_by_user", this.contexts.of(request))) {
			return Problems.of(SessionRejection.SESSION_NOT_FOUND);
		}
		return ResponseEntity.noContent().build();
	}

	// POST /api/v1/me/sessions/revoke-others lives in the factor module's StepUpApi: it needs step-up.

	/** Signs out: the token is dead from now on, server-side. */
	@PostMapping("/signout")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> signOut(@AuthenticationPrincipal Actor.Customer current, HttpServletRequest request) {
		this.sessions.revoke(current, current.sessionId(), "signed_out", this.contexts.of(request));
		return ResponseEntity.status(HttpStatus.NO_CONTENT).header("Clear-Site-Data", "\"cache\", \"storage\"").build();
	}

	private Map<String, Object> view(Session s, Actor.Customer current) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", s.id());
		out.put("current", s.id().equals(current.sessionId()));
		out.put("device", this.deviceNames.describe(s.userAgent()));
		out.put("ip", s.ip());
		out.put("country", s.country());
		out.put("city", s.city());
		out.put("location", Location.placeName(s.city(), s.country()));
		out.put("signedInAt", s.createdAt().toString());
		out.put("lastSeenAt", s.lastSeenAt().toString());
		out.put("expiresAt", s.absoluteExpiresAt().toString());
		out.put("rememberMe", s.rememberMe());
		return out;
	}
}
