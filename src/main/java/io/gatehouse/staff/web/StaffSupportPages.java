package io.gatehouse.staff.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.support.SupportRequests;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The support queue in the staff console (support role): requests waiting oldest first, each thread with the
 * customer's words secret-masked, a reply form and closing. Every reading, reply and closing is a security event.
 */
@Controller
class StaffSupportPages {

	private final SupportRequests support;

	private final RequestContexts contexts;

	StaffSupportPages(SupportRequests support, RequestContexts contexts) {
		this.support = support;
		this.contexts = contexts;
	}

	@GetMapping("/staff/support")
	String queue(@AuthenticationPrincipal Actor.Staff member, HttpServletResponse response, Model model) {
		if (!member.has(Actor.Staff.Role.SUPPORT)) {
			return Forbidden.page(member, response, model);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		model.addAttribute("member", member);
		model.addAttribute("requests", this.support.queue(member));
		return "staff/support-queue";
	}

	@GetMapping("/staff/support/{id}")
	String request(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return page(member, id, request, response, model, null, null);
	}

	@PostMapping("/staff/support/{id}/reply")
	String reply(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String body, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<Rejection> refused = this.support.answer(member, id, body, this.contexts.of(request));
		if (refused.isPresent()) {
			model.addAttribute("body", body);
		}
		return page(member, id, request, response, model, refused.isEmpty() ? "Reply sent." : null,
				refused.map(Rejection::message).orElse(null));
	}

	@PostMapping("/staff/support/{id}/close")
	String close(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		Optional<Rejection> refused = this.support.close(member, id, this.contexts.of(request));
		return page(member, id, request, response, model, refused.isEmpty() ? "Closed." : null,
				refused.map(Rejection::message).orElse(null));
	}

	@GetMapping("/staff/support/attachments/{id}")
	ResponseEntity<byte[]> attachment(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id) {
		return this.support.image(member, id)
			.map(image -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(image.contentType()))
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
				.body(image.bytes()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	private String page(Actor.Staff member, UUID id, HttpServletRequest request, HttpServletResponse response,
			Model model, @Nullable String notice, @Nullable String error) {
		var thread = this.support.read(member, id, this.contexts.of(request));
		if (thread.isEmpty() && member.has(Actor.Staff.Role.SUPPORT)) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("member", member);
			model.addAttribute("roles", StaffAuthenticationFilter.roles(member));
			model.addAttribute("error", "There is no such support request.");
			return "staff/home";
		}
		if (thread.isEmpty()) {
			return Forbidden.page(member, response, model);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		model.addAttribute("member", member);
		model.addAttribute("thread", thread.get());
		model.addAttribute("notice", notice);
		model.addAttribute("error", error);
		return "staff/support-request";
	}
}
