package io.gatehouse.support.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.support.SupportCategory;
import io.gatehouse.support.SupportRequest;
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
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /account/support}: the owner's support requests, a new one, and each thread with its reply form. Asking for
 * help is allowed from every region (it is how a person protects their account).
 */
@Controller
@RegionCapability(RegionAccess.Capability.PROTECT)
class SupportPages {

	/** A request's or attachment's id in a path: anything else is no page here (404), never a 400 or 500. */
	static final String ID = "{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

	private final SupportRequests support;

	private final RequestContexts contexts;

	SupportPages(SupportRequests support, RequestContexts contexts) {
		this.support = support;
		this.contexts = contexts;
	}

	@GetMapping("/account/support")
	String list(@AuthenticationPrincipal Actor.Customer session, Model model) {
		model.addAttribute("requests", this.support.mine(session.accountId(), SupportRequest.Via.SESSION));
		model.addAttribute("categories", SupportCategory.values());
		model.addAttribute("supportBase", "/account/support");
		model.addAttribute("signedIn", true);
		return "support/requests";
	}

	@PostMapping(path = "/account/support", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	String open(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String category,
			@RequestParam(defaultValue = "") String description, @RequestParam(defaultValue = "") String transactionIds,
			@RequestParam(name = "attachments", required = false) @Nullable List<MultipartFile> attachments,
			HttpServletRequest request, Model model) {
		return switch (this.support.open(session.accountId(), SupportRequest.Via.SESSION, category, description, transactionIds, uploads(attachments),
				this.contexts.of(request))) {
			case SupportRequests.Opened.Done done -> "redirect:/account/support/" + done.requestId() + "?opened";
			case SupportRequests.Opened.Refused refused -> {
				model.addAttribute("error", refused.rejection().message());
				model.addAttribute("category", category);
				model.addAttribute("description", description);
				model.addAttribute("transactionIds", transactionIds);
				yield list(session, model);
			}
		};
	}

	@GetMapping("/account/support/" + ID)
	String thread(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id,
			HttpServletResponse response, Model model) {
		var thread = this.support.thread(session.accountId(), SupportRequest.Via.SESSION, id);
		if (thread.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("error", "There is no such support request.");
			return list(session, model);
		}
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		model.addAttribute("thread", thread.get());
		model.addAttribute("supportBase", "/account/support");
		model.addAttribute("signedIn", true);
		return "support/request";
	}

	@PostMapping(path = "/account/support/" + ID + "/reply", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	String reply(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String body,
			@RequestParam(name = "attachments", required = false) @Nullable List<MultipartFile> attachments,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		var refused = this.support.reply(session.accountId(), SupportRequest.Via.SESSION, id, body, uploads(attachments), this.contexts.of(request));
		if (refused.isEmpty()) {
			return "redirect:/account/support/" + id + "?replied";
		}
		model.addAttribute("error", refused.get().message());
		model.addAttribute("body", body);
		return thread(session, id, response, model);
	}

	@GetMapping("/account/support/attachments/" + ID)
	ResponseEntity<byte[]> attachment(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id) {
		return this.support.image(session.accountId(), SupportRequest.Via.SESSION, id)
			.map(image -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(image.contentType()))
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
				.body(image.bytes()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	/** The files as uploads; more than the limit are not read at all (the service refuses the count). */
	static List<SupportRequest.Upload> uploads(@Nullable List<MultipartFile> files) {
		if (files == null) {
			return List.of();
		}
		return files.stream().filter(f -> !f.isEmpty()).limit(SupportRequests.MAX_ATTACHMENTS + 1).map(f -> {
			try {
				return new SupportRequest.Upload(f.getBytes(), f.getContentType());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).toList();
	}
}
