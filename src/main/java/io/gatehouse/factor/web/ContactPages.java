package io.gatehouse.factor.web;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.contact.ContactChanges;
import io.gatehouse.account.contact.ContactConfirmation;
import io.gatehouse.account.contact.ContactRejection;
import io.gatehouse.account.contact.ContactReverts;
import io.gatehouse.factor.StepUp;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.session.web.SessionCookies;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.web.SecretCookies;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Email and phone in the account's settings: change either after security verification, with a code sent
 * to the new address; and the page behind the revert link sent to the old one, which works without
 * signing in. Opening that link changes nothing (mail scanners open links): its token moves into a cookie
 * and out of the address bar, and a button confirms.
 */
@Controller
class ContactPages {

	static final String REVERT_COOKIE = "__Host-gh_revert";

	private final ContactChanges changes;

	private final ContactReverts reverts;

	private final Accounts accounts;

	private final StepUp stepUp;

	private final SessionCookies sessionCookies;

	private final RequestContexts contexts;

	private final ContactConfirmation confirmation;

	ContactPages(ContactChanges changes, ContactReverts reverts, Accounts accounts, StepUp stepUp,
			SessionCookies sessionCookies, RequestContexts contexts, ContactConfirmation confirmation) {
		this.confirmation = confirmation;
		this.changes = changes;
		this.reverts = reverts;
		this.accounts = accounts;
		this.stepUp = stepUp;
		this.sessionCookies = sessionCookies;
		this.contexts = contexts;
	}

	@GetMapping("/account/contact")
	String page(@AuthenticationPrincipal Actor.Customer session, Model model) {
		return page(session, model, null);
	}

	/** Security verification and the code to the new address, in one request. */
	@PostMapping("/account/contact/{kind}")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String start(@AuthenticationPrincipal Actor.Customer session, @PathVariable String kind,
			@RequestParam(defaultValue = "") String value, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Optional<Identifier.Kind> parsedKind = Identifier.Kind.parse(kind);
		if (parsedKind.isEmpty()) {
			return page(session, model, ContactRejection.CONTACT_KIND_INVALID.message());
		}
		Optional<Identifier> to = ContactChanges.parse(parsedKind.get(), value);
		if (to.isEmpty()) {
			return page(session, model, ContactRejection.CONTACT_INVALID.message());
		}
		Optional<ContactChanges.Result> refused = this.changes.refusal(session.accountId(), to.get());
		if (refused.isPresent()) {
			return page(session, model, message(refused.get()));
		}
		StepUp.Spent spent = this.stepUp.verifyAndSpend(session,
				parsedKind.get() == Identifier.Kind.EMAIL ? StepUpAction.CHANGE_EMAIL : StepUpAction.CHANGE_PHONE,
				ContactChanges.stepUpParams(to.get()), code, password,
				StepUp.PasskeyAnswer.fromForm(request.getParameter("challengeId"), request.getParameter("credential")),
				this.contexts.of(request));
		if (spent.issued() != null) {
			this.sessionCookies.writeRotated(response, spent.issued());
		}
		if (!spent.ok()) {
			return page(spent.session(), model, Objects.requireNonNull(spent.refused()).message());
		}
		ContactChanges.Result result = this.changes.start(spent.session(), to.get(), this.contexts.of(request));
		if (result instanceof ContactChanges.Result.Started) {
			return "redirect:/account/contact?sent=" + kind + "#confirm-" + kind;
		}
		return page(spent.session(), model, message(result));
	}

	@PostMapping("/account/contact/{kind}/confirm")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String confirm(@AuthenticationPrincipal Actor.Customer session, @PathVariable String kind,
			@RequestParam(defaultValue = "") String code, HttpServletRequest request, Model model) {
		Optional<Identifier.Kind> parsedKind = Identifier.Kind.parse(kind);
		if (parsedKind.isEmpty()) {
			return page(session, model, ContactRejection.CONTACT_KIND_INVALID.message());
		}
		ContactChanges.Result result = this.confirmation.confirm(session, parsedKind.get(), code, this.contexts.of(request));
		if (result instanceof ContactChanges.Result.Changed) {
			return "redirect:/account/contact?changed=" + kind;
		}
		return page(session, model, message(result));
	}

	@PostMapping("/account/contact/{kind}/resend")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String resend(@AuthenticationPrincipal Actor.Customer session, @PathVariable String kind,
			HttpServletRequest request, Model model) {
		Optional<Identifier.Kind> parsedKind = Identifier.Kind.parse(kind);
		if (parsedKind.isEmpty()) {
			return page(session, model, ContactRejection.CONTACT_KIND_INVALID.message());
		}
		ContactChanges.Result result = this.changes.resend(session, parsedKind.get(), this.contexts.of(request));
		if (result instanceof ContactChanges.Result.Started) {
			return "redirect:/account/contact?sent=" + kind + "#confirm-" + kind;
		}
		return page(session, model, message(result));
	}

	@PostMapping("/account/contact/{kind}/cancel")
	String cancel(@AuthenticationPrincipal Actor.Customer session, @PathVariable String kind,
			HttpServletRequest request) {
		Identifier.Kind.parse(kind).ifPresent(k -> this.changes.cancel(session, k, this.contexts.of(request)));
		return "redirect:/account/contact";
	}

	@GetMapping(path = "/contact/revert", params = "token")
	String fromLink(@RequestParam String token, HttpServletResponse response) {
		SecretCookies.noStore(response);
		if (token.length() <= 64 && this.reverts.revertible(token).isPresent()) {
			SecretCookies.set(response, REVERT_COOKIE, token, Duration.ofMinutes(30));
		}
		return "redirect:/contact/revert";
	}

	@GetMapping("/contact/revert")
	String revertPage(HttpServletRequest request, HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		Optional<ContactReverts.Revertible> revertible = SecretCookies.read(request, REVERT_COOKIE)
			.flatMap(this.reverts::revertible);
		model.addAttribute("stage", revertible.isPresent() ? "confirm" : "invalid");
		revertible.ifPresent(r -> {
			model.addAttribute("what", r.kind().words());
			model.addAttribute("restored", r.maskedRestored());
			model.addAttribute("removed", r.maskedRemoved());
		});
		return "factor/contact-revert";
	}

	@PostMapping("/contact/revert")
	String revert(HttpServletRequest request, HttpServletResponse response, Model model) {
		SecretCookies.noStore(response);
		String token = SecretCookies.read(request, REVERT_COOKIE).orElse("");
		switch (this.reverts.revert(token, this.contexts.of(request))) {
			case ContactReverts.Result.Reverted r -> {
				SecretCookies.clear(response, REVERT_COOKIE);
				this.sessionCookies.clearSession(response);
				model.addAttribute("stage", "reverted");
				model.addAttribute("what", r.kind().words());
				model.addAttribute("restored", r.maskedRestored());
			}
			case ContactReverts.Result.Limited l -> {
				response.setStatus(429);
				response.setHeader("Retry-After", Long.toString(l.retryAfter().toSeconds()));
				model.addAttribute("stage", "invalid");
				model.addAttribute("error", AbuseRejection.RATE_LIMITED.message());
			}
			case ContactReverts.Result.Refused r -> {
				response.setStatus(Problems.status(r.rejection()).value());
				model.addAttribute("stage", "invalid");
				if (r.rejection() != ContactRejection.REVERT_LINK_INVALID) {
					model.addAttribute("error", r.rejection().message());
				}
			}
		}
		return "factor/contact-revert";
	}

	private String page(Actor.Customer session, Model model, @org.jspecify.annotations.Nullable String error) {
		var account = this.accounts.find(session.accountId()).orElseThrow();
		model.addAttribute("account", account);
		model.addAttribute("error", error);
		Map<Identifier.Kind, ContactChanges.Pending> pending = new EnumMap<>(Identifier.Kind.class);
		this.changes.pending(session).forEach(p -> pending.put(p.kind(), p));
		model.addAttribute("pendingEmail", pending.get(Identifier.Kind.EMAIL));
		model.addAttribute("pendingPhone", pending.get(Identifier.Kind.PHONE));
		model.addAttribute("emailHeldUntil", this.changes.heldUntil(session.accountId(), Identifier.Kind.EMAIL).orElse(null));
		model.addAttribute("phoneHeldUntil", this.changes.heldUntil(session.accountId(), Identifier.Kind.PHONE).orElse(null));
		model.addAttribute("stepUpFactors", this.stepUp.allowedFactors(session.accountId()));
		return "factor/contact";
	}

	private static String message(ContactChanges.Result result) {
		return switch (result) {
			case ContactChanges.Result.Refused r -> r.rejection().message();
			case ContactChanges.Result.Held h -> ContactRejection.CONTACT_CHANGE_COOLDOWN.message();
			case ContactChanges.Result.Limited l -> AbuseRejection.RATE_LIMITED.message();
			default -> "Something went wrong. Try again.";
		};
	}
}
