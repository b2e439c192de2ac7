package io.gatehouse.withdraw.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.web.PageProofs;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.withdraw.AddressBook;
import io.gatehouse.withdraw.WithdrawalQuotes;
import io.gatehouse.withdraw.WithdrawalRequests;
import io.gatehouse.withdraw.Withdrawals;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Withdrawing from the web: choose the network (currency and chain named together, so nobody sends on the
 * wrong one), the address (or a saved one) and the amount; review the fee, what arrives, the limit left and
 * any cooldown; confirm with the strongest factor, the trading password and the emailed code.
 */
@Controller
class WithdrawPages {

	private final WithdrawalQuotes quotes;

	private final WithdrawalRequests requests;

	private final AddressBook book;

	private final Currencies currencies;

	private final PageProofs proofs;

	private final RequestContexts contexts;

	private final Randomness randomness;

	WithdrawPages(WithdrawalQuotes quotes, WithdrawalRequests requests, AddressBook book, Currencies currencies,
			PageProofs proofs, RequestContexts contexts, Randomness randomness) {
		this.quotes = quotes;
		this.requests = requests;
		this.book = book;
		this.currencies = currencies;
		this.proofs = proofs;
		this.contexts = contexts;
		this.randomness = randomness;
	}

	/** A currency on one chain, as the network select offers it. */
	record Network(String value, String label) {
	}

	/** What the form carried. */
	record Form(String network, String address, String memo, String amount) {
	}

	@GetMapping("/account/withdraw")
	String form(@AuthenticationPrincipal Actor.Customer session, HttpServletRequest request, Model model) {
		Withdrawals.Quote quote = this.quotes.quote(session.accountId(),
				new Withdrawals.Request(null, "", "", "", null, ""), this.contexts.of(request));
		return formPage(session, model, new Form("", "", "", ""), quote, null);
	}

	@PostMapping("/account/withdraw/review")
	String review(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String network,
			@RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String memo,
			@RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String entry,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Form form = fromEntry(session.accountId(), entry, amount.strip())
			.orElse(new Form(network, address.strip(), memo.strip(), amount.strip()));
		Withdrawals.Request asked = request(null, form);
		Withdrawals.Quote quote = this.quotes.quote(session.accountId(), asked, this.contexts.of(request));
		if (quote.refusal() != null) {
			return formPage(session, model, form, quote, quote.refusal().message() + facts(quote.facts()));
		}
		if (quote.emailCodeRequired()) {
			Optional<Withdrawals.Result.Refused> refused = this.quotes.sendCode(session.accountId(), asked,
					this.contexts.of(request));
			if (refused.isPresent()) {
				return formPage(session, model, form, quote, refused.get().rejection().message());
			}
		}
		return confirmPage(session, model, form, quote, this.randomness.token(16).replace('_', '-'), null);
	}

	@PostMapping("/account/withdraw/confirm")
	String confirm(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String network,
			@RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String memo,
			@RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String clientOid,
			@RequestParam(defaultValue = "") String tradingPassword, @RequestParam(defaultValue = "") String emailCode,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Form form = new Form(network, address, memo, amount);
		Withdrawals.Request asked = request(clientOid, form);
		Withdrawals.Quote quote = this.quotes.quote(session.accountId(), asked, this.contexts.of(request));
		if (quote.refusal() != null) {
			return formPage(session, model, form, quote, quote.refusal().message() + facts(quote.facts()));
		}
		PageProofs.Proof proof = this.proofs.verify(session, StepUpAction.WITHDRAW, quote.stepUpParams(), request,
				response);
		if (proof.proof() == null) {
			return confirmPage(proof.session(), model, form, quote, clientOid, proof.error());
		}
		return switch (this.requests.submit(proof.session(), asked, proof.proof(), tradingPassword, emailCode,
				this.contexts.of(request))) {
			case Withdrawals.Result.Done done -> "redirect:/account/withdrawals?requested="
					+ done.withdrawal().id();
			case Withdrawals.Result.Refused refused -> confirmPage(proof.session(), model, form, quote, clientOid,
					refused.rejection().message() + facts(refused.facts())
							+ " Confirm again: each confirmation is used once.");
		};
	}

	/** A saved address chosen from the book: its network, address and memo, with the amount typed. */
	private Optional<Form> fromEntry(UUID accountId, String entry, String amount) {
		if (entry.isBlank()) {
			return Optional.empty();
		}
		try {
			UUID id = UUID.fromString(entry);
			return this.book.list(accountId).stream().filter(e -> e.id().equals(id)).findFirst()
				.map(e -> new Form(e.currency() + "|" + e.chain(), e.address(), e.memo(), amount));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static Withdrawals.Request request(@Nullable String clientOid, Form form) {
		String[] parts = form.network().split("\\|", 2);
		return new Withdrawals.Request(clientOid, parts[0], parts.length > 1 ? parts[1] : "", form.address(),
				form.memo(), form.amount());
	}

	private static String facts(Map<String, String> facts) {
		StringBuilder out = new StringBuilder();
		if (facts.containsKey("cooldownUntil")) {
			out.append(" Until: ").append(facts.get("cooldownUntil").replace('T', ' ').replace("Z", " UTC")).append('.');
		}
		if (facts.containsKey("remaining")) {
			out.append(" Left in the last 24 hours: ").append(facts.get("remaining")).append(' ')
				.append(facts.get("referenceCurrency")).append('.');
		}
		if (facts.containsKey("minimum")) {
			out.append(" Smallest withdrawal: ").append(facts.get("minimum")).append('.');
		}
		return out.toString();
	}

	/** Every currency on every chain it travels on. */
	static List<Network> networks(Currencies currencies) {
		List<Network> out = new ArrayList<>();
		for (Currency c : currencies.all()) {
			for (Currency.Chain chain : c.chains()) {
				out.add(new Network(c.code() + "|" + chain.chain(), c.code() + " — " + chain.name()));
			}
		}
		return out;
	}

	private String formPage(Actor.Customer session, Model model, Form form, Withdrawals.Quote quote,
			@Nullable String error) {
		model.addAttribute("networks", networks(this.currencies));
		model.addAttribute("entries", this.book.list(session.accountId()));
		model.addAttribute("form", form);
		model.addAttribute("quote", quote);
		model.addAttribute("error", error);
		return "withdraw/withdraw";
	}

	private String confirmPage(Actor.Customer session, Model model, Form form, Withdrawals.Quote quote, String clientOid,
			@Nullable String error) {
		model.addAttribute("form", form);
		model.addAttribute("quote", quote);
		model.addAttribute("clientOid", clientOid);
		model.addAttribute("stepUpFactors", this.proofs.factors(session.accountId()));
		model.addAttribute("error", error);
		return "withdraw/confirm";
	}
}
