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
import io.gatehouse.withdraw.TeamWithdrawals;
import io.gatehouse.withdraw.WithdrawalQuotes;
import io.gatehouse.withdraw.WithdrawalRequests;
import io.gatehouse.withdraw.Withdrawals;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Withdrawing from the web: choose the network (currency and chain named together, so nobody sends on the
 * wrong one), the address (or a saved one) and the amount; review the fee, what arrives, the limit left and
 * any cooldown; confirm with the strongest factor, the trading password and the emailed code. A team's admin
 * withdraws from the team's master account the same way, under the team's pages, with their own confirmations.
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

	private final TeamWithdrawals team;

	WithdrawPages(WithdrawalQuotes quotes, WithdrawalRequests requests, AddressBook book, Currencies currencies,
			PageProofs proofs, RequestContexts contexts, Randomness randomness, TeamWithdrawals team) {
		this.team = team;
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

	/**
	 * Whose funds leave: one's own account ({@code team} null), or a team's master account for its admin, whose
	 * pages live under the team's.
	 */
	private record From(@Nullable UUID team, UUID accountId, String base) {
	}

	private static From own(Actor.Customer session) {
		return new From(null, session.accountId(), "/account/withdraw");
	}

	private static From team(UUID team) {
		return new From(team, team, "/account/teams/" + team + "/withdraw");
	}

	private static final String TEAM = "/account/teams/{team:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

	@GetMapping("/account/withdraw")
	String form(@AuthenticationPrincipal Actor.Customer session, HttpServletRequest request, Model model) {
		return form(session, own(session), request, model);
	}

	@GetMapping(TEAM + "/withdraw")
	String teamForm(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID team,
			HttpServletRequest request, Model model) {
		return form(session, team(team), request, model);
	}

	private String form(Actor.Customer session, From from, HttpServletRequest request, Model model) {
		Optional<Withdrawals.Quote> quote = quote(session, from, new Withdrawals.Request(null, "", "", "", null, ""),
				request);
		return formPage(session, from, model, new Form("", "", "", ""), quote, null);
	}

	@PostMapping("/account/withdraw/review")
	String review(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String network,
			@RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String memo,
			@RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String entry,
			HttpServletRequest request, Model model) {
		return review(session, own(session), new Form(network, address.strip(), memo.strip(), amount.strip()), entry,
				request, model);
	}

	@PostMapping(TEAM + "/withdraw/review")
	String teamReview(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID team,
			@RequestParam(defaultValue = "") String network, @RequestParam(defaultValue = "") String address,
			@RequestParam(defaultValue = "") String memo, @RequestParam(defaultValue = "") String amount,
			@RequestParam(defaultValue = "") String entry, HttpServletRequest request, Model model) {
		return review(session, team(team), new Form(network, address.strip(), memo.strip(), amount.strip()), entry,
				request, model);
	}

	private String review(Actor.Customer session, From from, Form typed, String entry, HttpServletRequest request,
			Model model) {
		Form form = fromEntry(from.accountId(), entry, typed.amount()).orElse(typed);
		Withdrawals.Request asked = request(null, form);
		Optional<Withdrawals.Quote> found = quote(session, from, asked, request);
		if (found.isEmpty() || found.get().refusal() != null) {
			return formPage(session, from, model, form, found, null);
		}
		Withdrawals.Quote quote = found.get();
		if (quote.emailCodeRequired()) {
			Optional<Withdrawals.Result.Refused> refused = from.team() == null
					? this.quotes.sendCode(session.accountId(), asked, this.contexts.of(request))
					: this.team.sendCode(session.accountId(), from.team(), asked, this.contexts.of(request));
			if (refused.isPresent()) {
				return formPage(session, from, model, form, found, refused.get().rejection().message());
			}
		}
		return confirmPage(session, from, model, form, quote, this.randomness.token(16).replace('_', '-'), null);
	}

	@PostMapping("/account/withdraw/confirm")
	String confirm(@AuthenticationPrincipal Actor.Customer session, @RequestParam(defaultValue = "") String network,
			@RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "") String memo,
			@RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String clientOid,
			@RequestParam(defaultValue = "") String tradingPassword, @RequestParam(defaultValue = "") String emailCode,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		return confirm(session, own(session), new Form(network, address, memo, amount), clientOid, tradingPassword,
				emailCode, request, response, model);
	}

	@PostMapping(TEAM + "/withdraw/confirm")
	String teamConfirm(@AuthenticationPrincipal Actor.Customer session, @PathVariable UUID team,
			@RequestParam(defaultValue = "") String network, @RequestParam(defaultValue = "") String address,
			@RequestParam(defaultValue = "") String memo, @RequestParam(defaultValue = "") String amount,
			@RequestParam(defaultValue = "") String clientOid, @RequestParam(defaultValue = "") String tradingPassword,
			@RequestParam(defaultValue = "") String emailCode, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return confirm(session, team(team), new Form(network, address, memo, amount), clientOid, tradingPassword,
				emailCode, request, response, model);
	}

	private String confirm(Actor.Customer session, From from, Form form, String clientOid, String tradingPassword,
			String emailCode, HttpServletRequest request, HttpServletResponse response, Model model) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		Withdrawals.Request asked = request(clientOid, form);
		Optional<Withdrawals.Quote> found = quote(session, from, asked, request);
		if (found.isEmpty() || found.get().refusal() != null) {
			return formPage(session, from, model, form, found, null);
		}
		Withdrawals.Quote quote = found.get();
		PageProofs.Proof proof = this.proofs.verify(session, StepUpAction.WITHDRAW, quote.stepUpParams(), request,
				response);
		if (proof.proof() == null) {
			return confirmPage(proof.session(), from, model, form, quote, clientOid, proof.error());
		}
		Withdrawals.Result result = from.team() == null
				? this.requests.submit(proof.session(), asked, proof.proof(), tradingPassword, emailCode,
						this.contexts.of(request))
				: this.team.submit(proof.session(), from.team(), asked, proof.proof(), tradingPassword, emailCode,
						this.contexts.of(request));
		return switch (result) {
			case Withdrawals.Result.Done done -> from.team() == null
					? "redirect:/account/withdrawals?requested=" + done.withdrawal().id()
					: "redirect:/account/teams/" + from.team() + "?withdrawn";
			case Withdrawals.Result.Refused refused -> confirmPage(proof.session(), from, model, form, quote, clientOid,
					refused.rejection().message() + facts(refused.facts())
							+ " Confirm again: each confirmation is used once.");
		};
	}

	/** The quote for whose funds leave; empty when the person may not withdraw for the team. */
	private Optional<Withdrawals.Quote> quote(Actor.Customer session, From from, Withdrawals.Request asked,
			HttpServletRequest request) {
		return from.team() == null ? Optional.of(this.quotes.quote(session.accountId(), asked, this.contexts.of(request)))
				: this.team.quote(session.accountId(), from.team(), asked, this.contexts.of(request));
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

	/** The form; for a quote refused, or a person who may not withdraw for the team, with why. */
	private String formPage(Actor.Customer session, From from, Model model, Form form,
			Optional<Withdrawals.Quote> quote, @Nullable String error) {
		String why = error;
		if (quote.isEmpty()) {
			why = from.team() == null ? "" : this.team.refusal(session.accountId(), from.team())
				.map(io.gatehouse.kernel.Rejection::message)
				.orElse("");
		}
		else if (why == null && quote.get().refusal() != null) {
			why = quote.get().refusal().message() + facts(quote.get().facts());
		}
		model.addAttribute("networks", networks(this.currencies));
		model.addAttribute("entries", quote.isEmpty() ? List.of() : this.book.list(from.accountId()));
		model.addAttribute("form", form);
		model.addAttribute("quote", quote.orElse(null));
		model.addAttribute("error", why);
		model.addAttribute("base", from.base());
		model.addAttribute("team", from.team());
		return "withdraw/withdraw";
	}

	private String confirmPage(Actor.Customer session, From from, Model model, Form form, Withdrawals.Quote quote,
			String clientOid, @Nullable String error) {
		model.addAttribute("base", from.base());
		model.addAttribute("team", from.team());
		model.addAttribute("form", form);
		model.addAttribute("quote", quote);
		model.addAttribute("clientOid", clientOid);
		model.addAttribute("stepUpFactors", this.proofs.factors(session.accountId()));
		model.addAttribute("error", error);
		return "withdraw/confirm";
	}
}
