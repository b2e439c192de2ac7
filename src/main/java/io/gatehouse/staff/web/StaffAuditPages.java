package io.gatehouse.staff.web;

import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.audit.AuditChains;
import io.gatehouse.kernel.Actor;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit chains' state for support and admins: what the scheduled verification last found per chain (broken
 * ones first, with where and why), each chain's newest signed checkpoint, and, for admins, a run now.
 */
@Controller
class StaffAuditPages {

	private static final int PAGE = 100;

	private final AuditChains chains;

	StaffAuditPages(AuditChains chains) {
		this.chains = chains;
	}

	@GetMapping("/staff/audit")
	String chains(@AuthenticationPrincipal Actor.Staff member, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "false") boolean started, HttpServletResponse response, Model model) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (!member.has(Actor.Staff.Role.SUPPORT) && !member.has(Actor.Staff.Role.ADMIN)) {
			return Forbidden.page(member, response, model);
		}
		int p = Math.max(0, Math.min(page, 100_000));
		long[] counts = this.chains.counts();
		model.addAttribute("member", member);
		model.addAttribute("intact", counts[0]);
		model.addAttribute("broken", counts[1]);
		model.addAttribute("chains", this.chains.states(p, PAGE));
		model.addAttribute("page", p);
		model.addAttribute("pageSize", PAGE);
		model.addAttribute("keyId", this.chains.publishedKey().keyId());
		model.addAttribute("started", started);
		return "staff/audit";
	}

	@PostMapping("/staff/audit/verify")
	String verifyNow(@AuthenticationPrincipal Actor.Staff member, HttpServletResponse response, Model model) {
		if (!member.has(Actor.Staff.Role.ADMIN)) {
			return Forbidden.page(member, response, model);
		}
		this.chains.checkAllSoon();
		return "redirect:/staff/audit?started=true";
	}
}
