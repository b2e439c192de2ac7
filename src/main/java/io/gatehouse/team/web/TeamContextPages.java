package io.gatehouse.team.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.InternalTransfers;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.web.PageProofs;
import io.gatehouse.assets.SubTransfers;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.team.Members;
import io.gatehouse.team.TeamActions;
import io.gatehouse.team.TeamRole;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /account/teams/{team}}: acting for a team, as the role allows. The page shows the team's balances and
 * sub-accounts, moves funds for traders, manages members for admins, and the team's history with who did what. The
 * owner reaches their own team here too (from the Team page).
 */
@Controller
class TeamContextPages {

	private static final String TEAM = "/account/teams/{team:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

	private static final String NOT_MEMBER = "team/not-member";

	private static final String ID = "{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

	private final TeamActions actions;

	private final Members members;

	private final Currencies currencies;

	private final Randomness randomness;

	private final RequestContexts contexts;

	private final PageProofs proofs;

	TeamContextPages(TeamActions actions, Members members, Currencies currencies, Randomness randomness,
			RequestContexts contexts, PageProofs proofs) {
		this.proofs = proofs;
		this.actions = actions;
		this.members = members;
		this.currencies = currencies;
		this.randomness = randomness;
		this.contexts = contexts;
	}

	@GetMapping(TEAM)
	String team(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team, Model model,
			HttpServletResponse response) {
		String view = page(me, team, model, null);
		if (view.equals(NOT_MEMBER)) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
		}
		return view;
	}

	@PostMapping(TEAM + "/transfer")
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	String transfer(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@RequestParam(defaultValue = "") String clientOid, @RequestParam(defaultValue = "") String currency,
			@RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "main") String from,
			@RequestParam(defaultValue = "main") String to, HttpServletRequest request, Model model) {
		return moved(me, team, model, this.actions.transfer(me.accountId(), team,
				new InternalTransfers.Request(clientOid, currency, amount.strip(), from, to), this.contexts.of(request)));
	}

	@PostMapping(TEAM + "/sub-accounts/" + ID + "/transfer")
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	String subTransfer(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String clientOid, @RequestParam(defaultValue = "") String direction,
			@RequestParam(defaultValue = "") String currency, @RequestParam(defaultValue = "") String amount,
			@RequestParam(defaultValue = "main") String from, @RequestParam(defaultValue = "main") String to,
			HttpServletRequest request, Model model) {
		return moved(me, team, model, this.actions.subTransfer(me.accountId(), team, id,
				new SubTransfers.Request(clientOid, direction, currency, amount.strip(), from, to),
				this.contexts.of(request)));
	}

	private String moved(Actor.Customer me, UUID team, Model model,
			TeamActions.Outcome<InternalTransfers.Result.Done> outcome) {
		return switch (outcome) {
			case TeamActions.Outcome.Done<InternalTransfers.Result.Done> done -> "redirect:/account/teams/" + team
					+ "?moved=" + done.value().amount() + "+" + done.value().currency();
			case TeamActions.Outcome.Refused<InternalTransfers.Result.Done> refused -> page(me, team, model,
					refused.rejection().message());
		};
	}

	/** Inviting an admin (the owner's) asks for security verification and the trading password in the same form. */
	@PostMapping(TEAM + "/invitations")
	String invite(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team,
			@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String role,
			@RequestParam(required = false) @Nullable List<UUID> subAccounts,
			@RequestParam(defaultValue = "") String tradingPassword, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		Confirmed confirmed = confirmAdmin(me, role, Members.inviteParams(team, email), tradingPassword, request,
				response);
		Actor.Customer acting = confirmed.session();
		if (confirmed.error() != null) {
			model.addAttribute("inviteEmail", email);
			return page(acting, team, model, confirmed.error());
		}
		return switch (this.members.invite(acting, team, email, role, subAccounts, confirmed.grant(),
				this.contexts.of(request))) {
			case Members.Invited.Done done -> "redirect:/account/teams/" + team + "?invited";
			case Members.Invited.Refused refused -> {
				model.addAttribute("inviteEmail", email);
				yield page(acting, team, model, refused.rejection().message());
			}
		};
	}

	@PostMapping(TEAM + "/invitations/" + ID + "/revoke")
	String revoke(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team, @PathVariable UUID id,
			HttpServletRequest request, Model model) {
		return done(me, team, model, this.members.revoke(me.accountId(), team, id, this.contexts.of(request)),
				"revoked");
	}

	/** The page changes the role only: the member's sub-accounts stay as they are when the change is made. */
	@PostMapping(TEAM + "/members/" + ID + "/role")
	String role(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "") String tradingPassword,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		Confirmed confirmed = confirmAdmin(me, role, Members.changeParams(team, id), tradingPassword, request,
				response);
		if (confirmed.error() != null) {
			return page(confirmed.session(), team, model, confirmed.error());
		}
		return done(confirmed.session(), team, model, this.members.changeRole(confirmed.session(), team, id, role,
				confirmed.grant(), this.contexts.of(request)), "changed");
	}

	/** The owner's confirmation for making an admin, from the form itself; {@code error} when it failed. */
	private record Confirmed(Actor.Customer session, Members.AdminGrant grant, @Nullable String error) {
	}

	private Confirmed confirmAdmin(Actor.Customer me, String role, java.util.Map<String, String> params,
			String tradingPassword, HttpServletRequest request, HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (TeamRole.parseMemberRole(role).filter(r -> r == TeamRole.ADMIN).isEmpty()) {
			return new Confirmed(me, Members.AdminGrant.NONE, null);
		}
		PageProofs.Proof proof = this.proofs.verify(me, StepUpAction.GRANT_TEAM_ADMIN, params, request, response);
		if (proof.proof() == null) {
			return new Confirmed(proof.session(), Members.AdminGrant.NONE,
					proof.error() == null ? "Confirm it is you." : proof.error());
		}
		return new Confirmed(proof.session(), new Members.AdminGrant(proof.proof(), tradingPassword), null);
	}

	@PostMapping(TEAM + "/members/" + ID + "/remove")
	String remove(@AuthenticationPrincipal Actor.Customer me, @PathVariable UUID team, @PathVariable UUID id,
			HttpServletRequest request, Model model) {
		Optional<Rejection> refused = this.members.remove(me.accountId(), team, id, this.contexts.of(request));
		if (refused.isEmpty() && id.equals(me.accountId())) {
			return "redirect:/account/team?left";
		}
		return done(me, team, model, refused, "removed");
	}

	private String done(Actor.Customer me, UUID team, Model model, Optional<Rejection> refused, String what) {
		return refused.map(r -> page(me, team, model, r.message())).orElse("redirect:/account/teams/" + team + "?" + what);
	}

	private String page(Actor.Customer me, UUID team, Model model, @Nullable String error) {
		Optional<TeamActions.View> found = this.actions.view(me.accountId(), team);
		if (found.isEmpty()) {
			return NOT_MEMBER;
		}
		TeamActions.View view = found.get();
		TeamRole role = view.access().role();
		model.addAttribute("team", team);
		model.addAttribute("me", me.accountId());
		model.addAttribute("view", view);
		model.addAttribute("role", role);
		model.addAttribute("canMove", role.atLeast(TeamRole.TRADER));
		model.addAttribute("canManage", role.atLeast(TeamRole.ADMIN) && view.access().wholeTeam());
		model.addAttribute("isOwner", view.access().owner());
		// The owner withdraws from their own Withdraw page; admins of the whole team from the team's.
		model.addAttribute("canWithdraw", !view.access().owner() && role.atLeast(TeamRole.ADMIN)
				&& view.access().wholeTeam());
		model.addAttribute("members", this.members.members(me.accountId(), team).orElse(List.of()));
		model.addAttribute("invitations", this.members.invitations(me.accountId(), team).orElse(List.of()));
		model.addAttribute("history", view.access().wholeTeam() ? switch (this.actions.history(me.accountId(), team, 0, 20)) {
			case TeamActions.Outcome.Done<?> done -> done.value();
			case TeamActions.Outcome.Refused<?> refused -> List.of();
		} : List.of());
		model.addAttribute("currencies", this.currencies.all());
		model.addAttribute("stepUpFactors", this.proofs.factors(me.accountId()));
		model.addAttribute("clientOid", this.randomness.token(16).replace('_', '-'));
		model.addAttribute("error", error);
		return "team/context";
	}
}
