package io.gatehouse.team.web;

import java.util.List;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.FuturesActivation;
import io.gatehouse.assets.InternalTransfers;
import io.gatehouse.assets.SubTransfers;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.team.Members;
import io.gatehouse.team.SubAccounts;
import io.gatehouse.web.RequestContexts;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /account/team}: the teams one belongs to and the invitations to accept; one's own sub-accounts with every
 * balance, a new one, transfers, freezing; a way to one's own team's members.
 */
@Controller
class TeamPages {

	private static final String ID = "{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

	private final SubAccounts subAccounts;

	private final SubTransfers transfers;

	private final Currencies currencies;

	private final Randomness randomness;

	private final RequestContexts contexts;

	private final FuturesActivation futures;

	private final Members members;

	TeamPages(SubAccounts subAccounts, SubTransfers transfers, Currencies currencies, Randomness randomness,
			RequestContexts contexts, FuturesActivation futures, Members members) {
		this.futures = futures;
		this.members = members;
		this.subAccounts = subAccounts;
		this.transfers = transfers;
		this.currencies = currencies;
		this.randomness = randomness;
		this.contexts = contexts;
	}

	@GetMapping("/account/team")
	String team(@AuthenticationPrincipal Actor.Customer master, Model model) {
		return page(master, model, null, null);
	}

	/** Joins the team; the member lands on its page, acting for it. */
	@PostMapping("/account/team/invitations/" + ID + "/accept")
	String accept(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID id, HttpServletRequest request,
			Model model) {
		UUID team = this.members.invitationsFor(me.accountId()).stream()
			.filter(i -> i.id().equals(id))
			.map(Members.Invitation::teamId)
			.findFirst()
			.orElse(null);
		return this.members.accept(me.accountId(), id, this.contexts.of(request))
			.map(refused -> page(me, model, refused.message(), null))
			.orElse("redirect:/account/teams/" + team);
	}

	@PostMapping("/account/team/invitations/" + ID + "/decline")
	String decline(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID id, HttpServletRequest request,
			Model model) {
		return this.members.decline(me.accountId(), id, this.contexts.of(request))
			.map(refused -> page(me, model, refused.message(), null))
			.orElse("redirect:/account/team?declined");
	}

	@PostMapping("/account/team/sub-accounts")
	String create(@AuthenticationPrincipal Actor.Customer master, @RequestParam(defaultValue = "") String name,
			HttpServletRequest request, Model model) {
		return switch (this.subAccounts.create(master.accountId(), name, this.contexts.of(request))) {
			case SubAccounts.Created.Done done -> "redirect:/account/team?created=" + done.name();
			case SubAccounts.Created.Refused refused -> {
				model.addAttribute("name", name);
				yield page(master, model, refused.rejection().message(), null);
			}
		};
	}

	/** The form carries a client id drawn when it was shown, so sending it twice moves the money once. */
	@PostMapping("/account/team/sub-accounts/" + ID + "/transfer")
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	String transfer(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String clientOid, @RequestParam(defaultValue = "") String direction,
			@RequestParam(defaultValue = "") String currency, @RequestParam(defaultValue = "") String amount,
			@RequestParam(defaultValue = "main") String from, @RequestParam(defaultValue = "main") String to,
			HttpServletRequest request, Model model) {
		var result = this.transfers.transfer(master.accountId(), id,
				new SubTransfers.Request(clientOid, direction, currency, amount.strip(), from, to),
				this.contexts.of(request));
		return switch (result) {
			case InternalTransfers.Result.Done done -> "redirect:/account/team?moved=" + done.amount() + "+"
					+ done.currency();
			case InternalTransfers.Result.Refused refused -> page(master, model, refused.rejection().message(), id);
		};
	}

	/** Futures on a sub-account: the master acknowledges the risks (the same statement as for its own futures). */
	@PostMapping("/account/team/sub-accounts/" + ID + "/futures")
	@RegionCapability(RegionAccess.Capability.FUTURES_TRANSFER)
	String futures(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID id,
			@RequestParam(defaultValue = "false") boolean acknowledged, HttpServletRequest request, Model model) {
		return this.futures.activateForSubAccount(master.accountId(), id, acknowledged, this.contexts.of(request))
			.map(refused -> page(master, model, refused.message(), id))
			.orElse("redirect:/account/team?futures");
	}

	@PostMapping("/account/team/sub-accounts/" + ID + "/freeze")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	String freeze(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID id, HttpServletRequest request,
			Model model) {
		return this.subAccounts.setFrozen(master.accountId(), id, true, this.contexts.of(request))
			.map(refused -> page(master, model, refused.message(), id))
			.orElse("redirect:/account/team?frozen");
	}

	@PostMapping("/account/team/sub-accounts/" + ID + "/unfreeze")
	String unfreeze(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID id,
			HttpServletRequest request, Model model) {
		return this.subAccounts.setFrozen(master.accountId(), id, false, this.contexts.of(request))
			.map(refused -> page(master, model, refused.message(), id))
			.orElse("redirect:/account/team?unfrozen");
	}

	private String page(Actor.Customer master, Model model, @Nullable String error, @Nullable UUID about) {
		List<SubAccounts.SubAccount> subs = this.subAccounts.of(master.accountId());
		model.addAttribute("subAccounts", subs);
		model.addAttribute("futuresOn", subs.stream()
			.map(sub -> sub.row().id())
			.filter(id -> this.futures.activatedAt(id).isPresent())
			.toList());
		model.addAttribute("currencies", this.currencies.all());
		model.addAttribute("clientOid", this.randomness.token(16).replace('_', '-'));
		model.addAttribute("error", error);
		model.addAttribute("about", about);
		model.addAttribute("self", master.accountId());
		model.addAttribute("memberOf", this.members.teamsOf(master.accountId()));
		model.addAttribute("invitedTo", this.members.invitationsFor(master.accountId()));
		model.addAttribute("memberCount", this.members.members(master.accountId(), master.accountId())
			.map(List::size)
			.orElse(0));
		return "team/team";
	}
}
