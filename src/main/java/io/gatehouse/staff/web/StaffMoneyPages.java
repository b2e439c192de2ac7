package io.gatehouse.staff.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.AssetBalances;
import io.gatehouse.assets.Corrections;
import io.gatehouse.assets.Statements;
import io.gatehouse.kernel.Actor;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerCheck;
import io.gatehouse.staff.StaffSupport;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The money side in the staff console: an account's balances, statement and corrections for support
 * (read-only but for proposing a correction), approving or rejecting a correction for a different admin,
 * and the ledger's conservation check. Every decision goes through {@link Corrections}, which checks the
 * roles and the four eyes again.
 */
@Controller
class StaffMoneyPages {

	private static final List<LedgerAccountType> TYPES = List.of(LedgerAccountType.MAIN, LedgerAccountType.TRADE,
			LedgerAccountType.CONTRACT);

	private final AssetBalances balances;

	private final Statements statements;

	private final Corrections corrections;

	private final LedgerCheck check;

	private final Currencies currencies;

	private final StaffSupport support;

	private final RequestContexts contexts;

	StaffMoneyPages(AssetBalances balances, Statements statements, Corrections corrections, LedgerCheck check,
			Currencies currencies, StaffSupport support, RequestContexts contexts) {
		this.contexts = contexts;
		this.support = support;
		this.balances = balances;
		this.statements = statements;
		this.corrections = corrections;
		this.check = check;
		this.currencies = currencies;
	}

	@GetMapping("/staff/accounts/{id}/money")
	String money(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return page(member, id, request, response, model, null, null);
	}

	@PostMapping("/staff/accounts/{id}/corrections")
	String propose(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id,
			@RequestParam(defaultValue = "") String currency, @RequestParam(defaultValue = "") String account,
			@RequestParam(defaultValue = "") String direction, @RequestParam(defaultValue = "") String amount,
			@RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		return switch (this.corrections.propose(member, id, currency, account, direction, amount.strip(), reason)) {
			case Corrections.Result.Done done -> page(member, id, request, response, model,
					"Proposed: it moves nothing until a different admin approves it.", null);
			case Corrections.Result.Refused refused -> page(member, id, request, response, model, null,
					refused.rejection().message());
		};
	}

	@PostMapping("/staff/corrections/{id}/approve")
	String approve(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return decided(member, id, this.corrections.approve(member, id), request, response, model);
	}

	@PostMapping("/staff/corrections/{id}/reject")
	String reject(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID id, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		return decided(member, id, this.corrections.reject(member, id), request, response, model);
	}

	@GetMapping("/staff/ledger")
	String ledger(@AuthenticationPrincipal Actor.Staff member, HttpServletResponse response, Model model) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		if (!member.has(Actor.Staff.Role.SUPPORT) && !member.has(Actor.Staff.Role.ADMIN)) {
			return Forbidden.page(member, response, model);
		}
		model.addAttribute("member", member);
		model.addAttribute("report", this.check.recent());
		return "staff/ledger";
	}

	private String decided(Actor.Staff member, UUID correctionId, Corrections.Result result,
			HttpServletRequest request, HttpServletResponse response, Model model) {
		UUID accountId = this.corrections.find(correctionId).map(Corrections.Correction::accountId).orElse(null);
		if (accountId == null) {
			return Forbidden.page(member, response, model);
		}
		return switch (result) {
			case Corrections.Result.Done done -> page(member, accountId, request, response, model,
					"Correction " + done.correction().status().toLowerCase(Locale.ROOT) + ".", null);
			case Corrections.Result.Refused refused -> page(member, accountId, request, response, model, null,
					refused.rejection().message());
		};
	}

	private String page(Actor.Staff member, UUID accountId, HttpServletRequest request, HttpServletResponse response,
			Model model,
			@Nullable String notice, @Nullable String error) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		// Support reads and proposes; an admin deciding a correction sees the account it changed.
		if (!member.has(Actor.Staff.Role.SUPPORT) && !member.has(Actor.Staff.Role.ADMIN)) {
			return Forbidden.page(member, response, model);
		}
		this.support.recordView(member, accountId, "viewed_money", this.contexts.of(request));
		model.addAttribute("member", member);
		model.addAttribute("accountId", accountId);
		model.addAttribute("types", TYPES);
		model.addAttribute("isAdmin", member.has(Actor.Staff.Role.ADMIN));
		model.addAttribute("assets", this.balances.of(accountId));
		model.addAttribute("corrections", this.corrections.of(accountId).stream().map(this::row).toList());
		model.addAttribute("rows", this.statements.rows(accountId,
				new Statements.Filter(null, null, null, null, 100)) instanceof Statements.Result.Rows r ? r.rows()
						: List.of());
		model.addAttribute("notice", notice);
		model.addAttribute("error", error);
		return "staff/money";
	}

	/** A correction as the page shows it: the amount as a decimal string. */
	record CorrectionRow(UUID id, String currency, LedgerAccountType type, String direction, String amountText,
			String reason, String status, UUID proposedBy, Instant proposedAt) {
	}

	private CorrectionRow row(Corrections.Correction c) {
		int scale = this.currencies.find(c.currency()).map(Currency::scale).orElse(0);
		return new CorrectionRow(c.id(), c.currency(), c.type(), c.direction(), Amounts.format(c.amount(), scale),
				c.reason(), c.status(), c.proposedBy(), c.proposedAt());
	}
}
