package io.gatehouse.session.web;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.session.DeviceNames;
import io.gatehouse.session.SessionService;
import io.gatehouse.session.web.SessionCookies;
import io.gatehouse.web.RequestContexts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** Sessions and devices page, revocation and sign-out. */
@Controller
class SessionPages {

	private final SessionService sessions;

	private final SessionCookies cookies;

	private final DeviceNames deviceNames;

	private final RequestContexts contexts;

	SessionPages(SessionService sessions, SessionCookies cookies, DeviceNames deviceNames, RequestContexts contexts) {
		this.sessions = sessions;
		this.cookies = cookies;
		this.deviceNames = deviceNames;
		this.contexts = contexts;
	}

	@GetMapping("/account/sessions")
	String list(@AuthenticationPrincipal Actor.Customer current, Model model) {
		model.addAttribute("current", current.sessionId());
		model.addAttribute("sessions", this.sessions.list(current.accountId()));
		model.addAttribute("devices", this.sessions.devices(current.accountId()));
		model.addAttribute("names", this.deviceNames);
		return "session/sessions";
	}

	@PostMapping("/account/sessions/{sessionId}/revoke")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String revoke(@AuthenticationPrincipal Actor.Customer current, @PathVariable UUID sessionId,
			HttpServletRequest request) {
		boolean revoked = this.sessions.revoke(current, sessionId, "revoked_by_user", this.contexts.of(request));
		return "redirect:/account/sessions?" + (revoked ? "revoked" : "notFound");
	}

	// Signing out all other sessions needs step-up; its form is on the security page (factor module).

	@PostMapping("/signout")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String signOut(@AuthenticationPrincipal Actor.Customer current, HttpServletRequest request,
			HttpServletResponse response) {
		this.sessions.revoke(current, current.sessionId(), "signed_out", this.contexts.of(request));
		this.cookies.clearSession(response);
		response.setHeader("Clear-Site-Data", "\"cache\", \"storage\"");
		return "redirect:/signin?signedOut";
	}
}
