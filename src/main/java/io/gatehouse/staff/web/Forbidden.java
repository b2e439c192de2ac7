package io.gatehouse.staff.web;

import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.kernel.Actor;

import org.springframework.ui.Model;

/** The console's answer to a member whose roles do not include what they asked for: home, with a 403. */
final class Forbidden {

	private Forbidden() {
	}

	static String page(Actor.Staff member, HttpServletResponse response, Model model) {
		response.setStatus(403);
		model.addAttribute("member", member);
		model.addAttribute("roles", StaffAuthenticationFilter.roles(member));
		model.addAttribute("error", "Your role does not include this.");
		return "staff/home";
	}
}
