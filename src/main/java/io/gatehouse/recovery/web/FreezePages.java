package io.gatehouse.recovery.web;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.recovery.freeze.FreezeService;
import io.gatehouse.session.web.SessionCookies;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.web.SecretCookies;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Freezing from the link in a security email, without signing in, and from the security page. Opening
 * the link changes nothing (mail scanners open links): its token moves into a cookie and out of the
 * address bar, and a button confirms.
 */
@Controller
class FreezePages {

	static final String COOKIE = "__Host-gh_freeze";

	private final FreezeService freezes;

	private final RequestContexts contexts;

	private final SessionCookies sessionCookies;

	FreezePages(FreezeService freezes, RequestContexts contexts, SessionCookies sessionCookies) {
		this.freezes = freezes;
		this.contexts = contexts;
		this.sessionCookies = sessionCookies;
	}

	@GetMapping(path = "/freeze", params = "token")
	String fromLink(@RequestParam String token, HttpServletResponse response) {
		SecretCookies.noStore(response);
		if (token.length() <= 64 && this.freezes.linkIsLive(token).isPresent()) {
			SecretCookies.set(response, COOKIE, token, Duration.ofMinutes(30));
		}
		return "redirect:/freeze";
	}

	@GetMapping("/freeze")
	String confirm(HttpServletRequest request, HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		Optional<String> token = SecretCookies.read(request, COOKIE);
		boolean live = token.isPresent() && this.freezes.linkIsLive(token.get()).isPresent();
		model.addAttribute("stage", live ? "confirm" : "invalid");
		return "recovery/freeze";
	}

	@PostMapping("/freeze")
	String freeze(HttpServletRequest request, HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		String token = SecretCookies.read(request, COOKIE).orElse("");
		switch (this.freezes.freezeByLink(token, this.contexts.of(request))) {
			case FreezeService.Result.Frozen f -> {
				SecretCookies.clear(response, COOKIE);
				this.sessionCookies.clearSession(response);
				model.addAttribute("stage", "frozen");
			}
			case FreezeService.Result.Refused r -> {
				response.setStatus(Problems.status(r.rejection()).value());
				model.addAttribute("stage", "invalid");
			}
			case FreezeService.Result.Limited l -> {
				response.setStatus(429);
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(l.retryAfter().toSeconds()));
				model.addAttribute("stage", "invalid");
				model.addAttribute("error", AbuseRejection.RATE_LIMITED.message());
			}
		}
		return "recovery/freeze";
	}

	/** From the security page: no step-up, a freeze only ever takes access away. */
	@PostMapping("/account/freeze")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String freezeSelf(@AuthenticationPrincipal Actor.Customer session,
			@RequestParam(defaultValue = "false") boolean confirm, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		if (!confirm) {
			return "redirect:/account/security/freeze?freezeUnconfirmed";
		}
		this.freezes.freezeSelf(session, "settings", this.contexts.of(request));
		this.sessionCookies.clearSession(response);
		SecretCookies.noStore(response);
		model.addAttribute("stage", "frozen");
		return "recovery/freeze";
	}
}
