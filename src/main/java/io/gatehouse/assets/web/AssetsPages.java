package io.gatehouse.assets.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.AddressAssignment;
import io.gatehouse.assets.AssetBalances;
import io.gatehouse.assets.AssetsRejection;
import io.gatehouse.assets.FuturesActivation;
import io.gatehouse.assets.InternalTransfers;
import io.gatehouse.assets.Statements;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Postings;
import io.gatehouse.web.QrCodes;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The owner's money in pages: each handler calls one service. */
@Controller
class AssetsPages {

	private final AssetBalances balances;

	private final InternalTransfers transfers;

	private final AddressAssignment addresses;

	private final FuturesActivation futures;

	private final Statements statements;

	private final Currencies currencies;

	private final Randomness randomness;

	private final RequestContexts contexts;

	AssetsPages(AssetBalances balances, InternalTransfers transfers, AddressAssignment addresses,
			FuturesActivation futures, Statements statements, Currencies currencies, Randomness randomness,
			RequestContexts contexts) {
		this.balances = balances;
		this.transfers = transfers;
		this.addresses = addresses;
		this.futures = futures;
		this.statements = statements;
		this.currencies = currencies;
		this.randomness = randomness;
		this.contexts = contexts;
	}

	@GetMapping("/account/assets")
	String assets(@AuthenticationPrincipal Actor.Customer owner, Model model) {
		model.addAttribute("assets", this.balances.of(owner.accountId()));
		model.addAttribute("futuresActivated", this.futures.activatedAt(owner.accountId()).isPresent());
		return "assets/assets";
	}

	@GetMapping("/account/transfer")
	String transferForm(@AuthenticationPrincipal Actor.Customer owner,
			@RequestParam(defaultValue = "") String currency, Model model) {
		return transferPage(owner, model, currency, "", "main", "trade", null);
	}

	/**
	 * The form carries a client id drawn when it was shown, so submitting it twice (a double click, a
	 * reload) moves the money once.
	 */
	@PostMapping("/account/transfer")
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	String transfer(@AuthenticationPrincipal Actor.Customer owner, @RequestParam(defaultValue = "") String clientOid,
			@RequestParam(defaultValue = "") String currency, @RequestParam(defaultValue = "") String amount,
			@RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
			HttpServletRequest request, Model model) {
		InternalTransfers.Result result = this.transfers.transfer(owner,
				new InternalTransfers.Request(clientOid, currency, amount.strip(), from, to), this.contexts.of(request));
		return switch (result) {
			case InternalTransfers.Result.Done done -> "redirect:/account/assets?moved=" + done.amount() + "+"
					+ done.currency();
			case InternalTransfers.Result.Refused refused -> {
				model.addAttribute("futuresLink",
						refused.rejection() == AssetsRejection.FUTURES_NOT_ACTIVATED);
				yield transferPage(owner, model, currency, amount, from, to, refused.rejection().message());
			}
		};
	}

	private String transferPage(Actor.Customer owner, Model model, String currency, String amount, String from,
			String to, @Nullable String error) {
		model.addAttribute("assets", this.balances.of(owner.accountId()));
		model.addAttribute("currency", currency);
		model.addAttribute("amount", amount);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("clientOid", this.randomness.token(16).replace('_', '-'));
		model.addAttribute("error", error);
		return "assets/transfer";
	}

	@GetMapping("/account/deposit")
	String depositForm(@AuthenticationPrincipal Actor.Customer owner, Model model) {
		model.addAttribute("currencies", this.currencies.all());
		model.addAttribute("given", this.addresses.addresses(owner));
		return "assets/deposit";
	}

	/** Shows the owner's address for the currency and network, as text and as a QR code. */
	@PostMapping("/account/deposit")
	@RegionCapability(RegionAccess.Capability.DEPOSIT)
	String deposit(@AuthenticationPrincipal Actor.Customer owner, @RequestParam(defaultValue = "") String network,
			HttpServletRequest request, Model model) {
		String[] pair = network.split(":", 2);
		AddressAssignment.Result result = pair.length < 2 ? new AddressAssignment.Result.Refused(
				AssetsRejection.CHAIN_UNKNOWN)
				: this.addresses.addressFor(owner, pair[0], pair[1], this.contexts.of(request));
		model.addAttribute("currencies", this.currencies.all());
		model.addAttribute("given", this.addresses.addresses(owner));
		switch (result) {
			case AddressAssignment.Result.Given given -> {
				model.addAttribute("address", given.address());
				model.addAttribute("qr", QrCodes.svg(given.address().address(), "QR code of the deposit address"));
			}
			case AddressAssignment.Result.Refused refused -> model.addAttribute("error", refused.rejection().message());
		}
		return "assets/deposit";
	}

	@GetMapping("/account/futures")
	String futuresPage(@AuthenticationPrincipal Actor.Customer owner, Model model) {
		model.addAttribute("activatedAt", this.futures.activatedAt(owner.accountId()).orElse(null));
		return "assets/futures";
	}

	@PostMapping("/account/futures")
	@RegionCapability(RegionAccess.Capability.FUTURES_TRANSFER)
	String activate(@AuthenticationPrincipal Actor.Customer owner,
			@RequestParam(defaultValue = "false") boolean acknowledged, HttpServletRequest request, Model model) {
		var refused = this.futures.activate(owner, acknowledged, this.contexts.of(request));
		if (refused.isPresent()) {
			model.addAttribute("error", refused.get().message());
			return futuresPage(owner, model);
		}
		return "redirect:/account/futures?activated";
	}

	@GetMapping("/account/ledger")
	String ledger(@AuthenticationPrincipal Actor.Customer owner, @RequestParam(defaultValue = "") String currency,
			@RequestParam(defaultValue = "") String account, Model model) {
		model.addAttribute("currencies", this.currencies.all());
		model.addAttribute("currency", currency);
		model.addAttribute("account", account);
		switch (this.statements.rows(owner.accountId(), new Statements.Filter(currency, account, null, null, 200))) {
			case Statements.Result.Rows rows -> model.addAttribute("rows", rows.rows());
			case Statements.Result.Refused refused -> {
				model.addAttribute("rows", List.of());
				model.addAttribute("error", refused.rejection().message());
			}
		}
		return "assets/ledger";
	}

	/** The statement as a CSV download, with the page's filters. */
	@GetMapping("/account/ledger/export")
	ResponseEntity<?> export(@AuthenticationPrincipal Actor.Customer owner,
			@RequestParam(defaultValue = "") String currency, @RequestParam(defaultValue = "") String account) {
		Statements.Result result = this.statements.rows(owner.accountId(),
				new Statements.Filter(currency, account, null, null, Postings.MAX_PAGE));
		List<Map<String, @Nullable Object>> rows = result instanceof Statements.Result.Rows r ? r.rows() : List.of();
		HttpHeaders headers = new HttpHeaders();
		headers.setContentDisposition(ContentDisposition.attachment().filename("gatehouse-ledger.csv").build());
		headers.setContentType(new MediaType("text", "csv", StandardCharsets.UTF_8));
		return ResponseEntity.ok().headers(headers).body(Statements.csv(rows));
	}
}
