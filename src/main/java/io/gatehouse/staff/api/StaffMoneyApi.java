package io.gatehouse.staff.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.AssetBalances;
import io.gatehouse.assets.AssetsRejection;
import io.gatehouse.assets.Corrections;
import io.gatehouse.assets.Statements;
import io.gatehouse.kernel.Actor;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerCheck;
import io.gatehouse.staff.StaffSupport;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The money side in the staff console's JSON API: support staff read an account's balances, statement and
 * corrections (read-only; nothing here moves money on its own), propose a correction; a different admin
 * approves or rejects it (four-eyes). The conservation check is here too.
 */
@RestController
@RequestMapping(path = "/staff/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class StaffMoneyApi {

	private final AssetBalances balances;

	private final Statements statements;

	private final Corrections corrections;

	private final LedgerCheck check;

	private final Currencies currencies;

	private final StaffSupport support;

	private final RequestContexts contexts;

	StaffMoneyApi(AssetBalances balances, Statements statements, Corrections corrections, LedgerCheck check,
			Currencies currencies, StaffSupport support, RequestContexts contexts) {
		this.contexts = contexts;
		this.support = support;
		this.balances = balances;
		this.statements = statements;
		this.corrections = corrections;
		this.check = check;
		this.currencies = currencies;
	}

	@GetMapping("/accounts/{accountId}/assets")
	Map<String, Object> assets(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID accountId,
			HttpServletRequest request) {
		StaffSupport.requireRole(member, Actor.Staff.Role.SUPPORT);
		this.support.recordView(member, accountId, "viewed_assets", this.contexts.of(request));
		List<Map<String, Object>> out = this.balances.of(accountId).stream().map(asset -> {
			int scale = asset.currency().scale();
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("currency", asset.currency().code());
			row.put("total", Amounts.format(asset.total(), scale));
			for (LedgerAccountType type : List.of(LedgerAccountType.MAIN, LedgerAccountType.TRADE,
					LedgerAccountType.CONTRACT)) {
				var b = asset.account(type);
				row.put(type.wireName(), Map.of("total", Amounts.format(b.total(), scale), "held",
						Amounts.format(b.held(), scale), "available", Amounts.format(b.available(), scale)));
			}
			return row;
		}).toList();
		return Map.of("accountId", accountId.toString(), "assets", out);
	}

	@GetMapping("/accounts/{accountId}/ledger")
	ResponseEntity<?> ledger(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID accountId,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(required = false) @Nullable String account, @RequestParam(defaultValue = "100") int limit,
			HttpServletRequest request) {
		StaffSupport.requireRole(member, Actor.Staff.Role.SUPPORT);
		this.support.recordView(member, accountId, "viewed_ledger", this.contexts.of(request));
		return switch (this.statements.rows(accountId, new Statements.Filter(currency, account, null, null, limit))) {
			case Statements.Result.Rows rows -> ResponseEntity.ok(Map.of("postings", rows.rows()));
			case Statements.Result.Refused refused -> Problems.of(refused.rejection());
		};
	}

	@GetMapping("/accounts/{accountId}/corrections")
	Map<String, Object> corrections(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID accountId) {
		StaffSupport.requireRole(member, Actor.Staff.Role.SUPPORT);
		return Map.of("corrections", this.corrections.of(accountId).stream().map(this::view).toList());
	}

	/** Proposes a correction; it moves nothing until a different admin approves it. */
	@PostMapping(path = "/accounts/{accountId}/corrections", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> propose(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID accountId,
			@Valid @RequestBody Proposal body) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(AssetsRejection.AMOUNT_INVALID);
		}
		return answer(this.corrections.propose(member, accountId, body.currency(), body.account(), body.direction(),
				amount, body.reason()));
	}

	@PostMapping("/corrections/{correctionId}/approve")
	ResponseEntity<?> approve(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID correctionId) {
		return answer(this.corrections.approve(member, correctionId));
	}

	@PostMapping("/corrections/{correctionId}/reject")
	ResponseEntity<?> reject(@AuthenticationPrincipal Actor.Staff member, @PathVariable UUID correctionId) {
		return answer(this.corrections.reject(member, correctionId));
	}

	/** The conservation check (amounts in minor units). */
	@GetMapping("/ledger/check")
	Map<String, Object> check(@AuthenticationPrincipal Actor.Staff member) {
		StaffSupport.requireRole(member, Actor.Staff.Role.SUPPORT);
		LedgerCheck.Report report = this.check.recent();
		return Map.of("conserved", report.conserved(), "report", report);
	}

	/** A role missing: 403, nothing done. */
	@ExceptionHandler(StaffSupport.RoleMissing.class)
	ResponseEntity<?> roleMissing() {
		return Problems.of(StaffRejection.ROLE_MISSING);
	}

	private ResponseEntity<?> answer(Corrections.Result result) {
		return switch (result) {
			case Corrections.Result.Done done -> ResponseEntity.ok(view(done.correction()));
			case Corrections.Result.Refused refused -> Problems.of(refused.rejection());
		};
	}

	private Map<String, @Nullable Object> view(Corrections.Correction c) {
		int scale = this.currencies.find(c.currency()).map(Currency::scale).orElse(0);
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("id", c.id().toString());
		out.put("accountId", c.accountId().toString());
		out.put("currency", c.currency());
		out.put("account", c.type().wireName());
		out.put("direction", c.direction().toLowerCase(Locale.ROOT));
		out.put("amount", Amounts.format(c.amount(), scale));
		out.put("reason", c.reason());
		out.put("status", c.status().toLowerCase(Locale.ROOT));
		out.put("proposedBy", c.proposedBy().toString());
		out.put("proposedAt", c.proposedAt().toString());
		out.put("decidedBy", c.decidedBy() == null ? null : c.decidedBy().toString());
		out.put("decidedAt", c.decidedAt() == null ? null : c.decidedAt().toString());
		return out;
	}

	/** @param amount a decimal string; a JSON number is refused */
	record Proposal(@NotNull String currency, @NotNull String account, @NotNull String direction,
			@NotNull Object amount, @NotNull String reason) {
	}
}
