package io.gatehouse.support.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.CaptchaService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.support.SupportCategory;
import io.gatehouse.support.SupportPasses;
import io.gatehouse.support.SupportRequest;
import io.gatehouse.support.SupportRequests;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.web.SecretCookies;

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
 * {@code /support}: support for someone who cannot sign in. They prove their email or phone with a code and, for
 * 30 minutes, open and follow the account's requests opened this way (never those opened signed in), as
 * {@link SupportPages} does for a session. Signed in, the
 * page sends them to {@code /account/support}.
 */
@Controller
class SupportPassPages {

	static final String PASS_COOKIE = "__Host-gh_support";

	private static final String ID = SupportPages.ID;

	private final SupportPasses passes;

	private final SupportRequests support;

	private final RequestContexts contexts;

	private final CaptchaService captchas;

	SupportPassPages(SupportPasses passes, SupportRequests support, RequestContexts contexts, CaptchaService captchas) {
		this.captchas = captchas;
		this.passes = passes;
		this.support = support;
		this.contexts = contexts;
	}

	@GetMapping("/support")
	String support(@AuthenticationPrincipal Actor.@Nullable Customer session, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		if (session != null) {
			return "redirect:/account/support";
		}
		SecretCookies.noStore(response);
		String holder = SecretCookies.read(request, PASS_COOKIE).orElse(null);
		Optional<UUID> account = this.passes.account(holder);
		if (account.isPresent()) {
			return list(account.get(), model);
		}
		this.passes.waitingFor(holder).ifPresent(destination -> model.addAttribute("sentTo", destination));
		return "support/signed-out";
	}

	@PostMapping("/support/start")
	String start(@RequestParam(defaultValue = "") String identifier,
			@RequestParam(required = false) @Nullable String captcha, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		return switch (this.passes.start(identifier, captcha, this.contexts.of(request))) {
			case SupportPasses.Started.CaptchaNeeded needed -> {
				model.addAttribute("error", needed.rejection().message());
				model.addAttribute("captchaRequired", true);
				model.addAttribute("captchaWidget", this.captchas.widget());
				model.addAttribute("identifier", identifier.length() > 320 ? "" : identifier);
				yield "support/signed-out";
			}
			case SupportPasses.Started.CodeSent sent -> {
				SecretCookies.set(response, PASS_COOKIE, sent.holder(), java.time.Duration.ofMinutes(40));
				yield "redirect:/support";
			}
			case SupportPasses.Started.Refused refused -> {
				model.addAttribute("error", refused.rejection().message());
				yield "support/signed-out";
			}
		};
	}

	/** Forgets the pass on this browser, to ask for a code to another address. */
	@PostMapping("/support/restart")
	String restart(HttpServletRequest request, HttpServletResponse response) {
		this.passes.end(SecretCookies.read(request, PASS_COOKIE).orElse(null));
		SecretCookies.clear(response, PASS_COOKIE);
		return "redirect:/support";
	}

	@PostMapping("/support/verify")
	String verify(@RequestParam(defaultValue = "") String code, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		String holder = SecretCookies.read(request, PASS_COOKIE).orElse(null);
		var refused = this.passes.verify(holder, code);
		if (refused.isEmpty()) {
			return "redirect:/support";
		}
		model.addAttribute("error", refused.get().message());
		this.passes.waitingFor(holder).ifPresent(destination -> model.addAttribute("sentTo", destination));
		return "support/signed-out";
	}

	@PostMapping(path = "/support", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	String open(@RequestParam(defaultValue = "") String category, @RequestParam(defaultValue = "") String description,
			@RequestParam(defaultValue = "") String transactionIds,
			@RequestParam(name = "attachments", required = false) @Nullable List<MultipartFile> attachments,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<UUID> account = account(request, response);
		if (account.isEmpty()) {
			return "redirect:/support";
		}
		return switch (this.support.open(account.get(), SupportRequest.Via.CODE, category, description, transactionIds,
				SupportPages.uploads(attachments), this.contexts.of(request))) {
			case SupportRequests.Opened.Done done -> "redirect:/support/" + done.requestId() + "?opened";
			case SupportRequests.Opened.Refused refused -> {
				model.addAttribute("error", refused.rejection().message());
				model.addAttribute("category", category);
				model.addAttribute("description", description);
				model.addAttribute("transactionIds", transactionIds);
				yield list(account.get(), model);
			}
		};
	}

	@GetMapping("/support/" + ID)
	String thread(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<UUID> account = account(request, response);
		if (account.isEmpty()) {
			return "redirect:/support";
		}
		var thread = this.support.thread(account.get(), SupportRequest.Via.CODE, id);
		if (thread.isEmpty()) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("error", "There is no such support request.");
			return list(account.get(), model);
		}
		model.addAttribute("thread", thread.get());
		model.addAttribute("supportBase", "/support");
		model.addAttribute("signedIn", false);
		return "support/request";
	}

	@PostMapping(path = "/support/" + ID + "/reply", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	String reply(@PathVariable UUID id, @RequestParam(defaultValue = "") String body,
			@RequestParam(name = "attachments", required = false) @Nullable List<MultipartFile> attachments,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Optional<UUID> account = account(request, response);
		if (account.isEmpty()) {
			return "redirect:/support";
		}
		var refused = this.support.reply(account.get(), SupportRequest.Via.CODE, id, body, SupportPages.uploads(attachments),
				this.contexts.of(request));
		if (refused.isEmpty()) {
			return "redirect:/support/" + id + "?replied";
		}
		model.addAttribute("error", refused.get().message());
		model.addAttribute("body", body);
		return thread(id, request, response, model);
	}

	@GetMapping("/support/attachments/" + ID)
	ResponseEntity<byte[]> attachment(@PathVariable UUID id, HttpServletRequest request, HttpServletResponse response) {
		return account(request, response).flatMap(account -> this.support.image(account, SupportRequest.Via.CODE, id))
			.map(image -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(image.contentType()))
				.header(HttpHeaders.CACHE_CONTROL, "no-store")
				.header(HttpHeaders.CONTENT_DISPOSITION, "inline")
				.body(image.bytes()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	private Optional<UUID> account(HttpServletRequest request, HttpServletResponse response) {
		SecretCookies.noStore(response);
		return this.passes.account(SecretCookies.read(request, PASS_COOKIE).orElse(null));
	}

	private String list(UUID account, Model model) {
		model.addAttribute("requests", this.support.mine(account, SupportRequest.Via.CODE));
		model.addAttribute("categories", SupportCategory.values());
		model.addAttribute("supportBase", "/support");
		model.addAttribute("signedIn", false);
		return "support/requests";
	}
}
