package io.gatehouse.withdraw.web;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.web.PageProofs;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.withdraw.AddressBook;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The address book and the whitelist: add (usable after the delay), remove, switch the whitelist on (at once)
 * or off (after the delay, cancellable meanwhile). Each change asks security verification and the trading
 * password, and is told on every channel.
 */
@Controller
class AddressBookPages {

	private final AddressBook book;

	private final Currencies currencies;

	private final PageProofs proofs;

	private final RequestContexts contexts;

	private final Clock clock;

	AddressBookPages(AddressBook book, Currencies currencies, PageProofs proofs, RequestContexts contexts,
			Clock clock) {
		this.clock = clock;
		this.book = book;
		this.currencies = currencies;
		this.proofs = proofs;
		this.contexts = contexts;
	}

	@GetMapping("/account/addresses")
	String page(@AuthenticationPrincipal Actor.Customer session, Model model) {
		return show(session, model, null, null);
	}

	@PostMapping("/account/addresses")
	String add(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String network,
			@RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String memo,
			@RequestParam(defaultValue = "") String label, @RequestParam(defaultValue = "") String tradingPassword,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		String[] parts = network.split("\\|", 2);
		AddressBook.NewAddress asked = new AddressBook.NewAddress(parts[0], parts.length > 1 ? parts[1] : "",
				address.strip(), memo, label);
		AddressBook.Checked checked = this.book.checked(asked);
		if (checked.refused() != null || checked.params() == null) {
			return show(session, model, null, checked.refused() == null ? null : checked.refused().message());
		}
		PageProofs.Proof proof = this.proofs.verify(session, StepUpAction.ADD_WITHDRAWAL_ADDRESS, checked.params(),
				request, response);
		if (proof.proof() == null) {
			return show(proof.session(), model, null, proof.error());
		}
		return switch (this.book.add(proof.session(), asked, proof.proof(), tradingPassword, this.contexts.of(request))) {
			case AddressBook.Result.Added added -> show(proof.session(), model,
					"Added. It can be used from " + when(added.entry().usableAt().toString()) + ".", null);
			case AddressBook.Result.Refused refused -> show(proof.session(), model, null, refused.rejection().message());
		};
	}

	@PostMapping("/account/addresses/{id}/remove")
	String remove(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String tradingPassword, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		PageProofs.Proof proof = this.proofs.verify(session, StepUpAction.REMOVE_WITHDRAWAL_ADDRESS,
				Map.of("id", id.toString()), request, response);
		if (proof.proof() == null) {
			return show(proof.session(), model, null, proof.error());
		}
		Optional<Rejection> refused = this.book.remove(proof.session(), id, proof.proof(), tradingPassword,
				this.contexts.of(request));
		return show(proof.session(), model, refused.isEmpty() ? "Removed." : null,
				refused.map(Rejection::message).orElse(null));
	}

	@PostMapping("/account/addresses/whitelist")
	String whitelist(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String on,
			@RequestParam(defaultValue = "") String tradingPassword, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		boolean turnOn = on.equals("true");
		PageProofs.Proof proof = this.proofs.verify(session, StepUpAction.CHANGE_WHITELIST,
				Map.of("whitelist", turnOn ? "on" : "off"), request, response);
		if (proof.proof() == null) {
			return show(proof.session(), model, null, proof.error());
		}
		Optional<Rejection> refused = this.book.switchWhitelist(proof.session(), turnOn, proof.proof(), tradingPassword,
				this.contexts.of(request));
		return show(proof.session(), model, refused.isPresent() ? null
				: turnOn ? "The whitelist is on: withdrawals go only to addresses in this book."
						: "The whitelist goes off at the time shown, unless you cancel before then.",
				refused.map(Rejection::message).orElse(null));
	}

	@PostMapping("/account/addresses/whitelist/cancel-off")
	String cancelOff(@AuthenticationPrincipal Actor.Customer session, HttpServletRequest request, Model model) {
		Optional<Rejection> refused = this.book.cancelSwitchOff(session, this.contexts.of(request));
		return show(session, model, refused.isEmpty() ? "Cancelled: the whitelist stays on." : null,
				refused.map(Rejection::message).orElse(null));
	}

	private String show(Actor.Customer session, Model model, @Nullable String notice, @Nullable String error) {
		model.addAttribute("networks", WithdrawPages.networks(this.currencies));
		model.addAttribute("entries", this.book.list(session.accountId()));
		model.addAttribute("whitelist", this.book.whitelist(session.accountId()));
		model.addAttribute("stepUpFactors", this.proofs.factors(session.accountId()));
		model.addAttribute("now", this.clock.instant());
		model.addAttribute("notice", notice);
		model.addAttribute("error", error);
		return "withdraw/addresses";
	}

	private static String when(String instant) {
		return instant.replace('T', ' ').replaceAll("\\.\\d+Z$|Z$", " UTC");
	}

}
