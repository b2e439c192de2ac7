package io.gatehouse.team.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.AssetBalances;
import io.gatehouse.assets.FuturesActivation;
import io.gatehouse.assets.InternalTransfers;
import io.gatehouse.assets.SubTransfers;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.kernel.Actor;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Balance;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.team.SubAccounts;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's sub-accounts: create, list with balances, move funds to and from them, freeze. */
@RestController
@RequestMapping("/api/v1/me/sub-accounts")
class SubAccountApi {

	private final SubAccounts subAccounts;

	private final SubTransfers transfers;

	private final RequestContexts contexts;

	private final FuturesActivation futures;

	SubAccountApi(SubAccounts subAccounts, SubTransfers transfers, RequestContexts contexts, FuturesActivation futures) {
		this.futures = futures;
		this.subAccounts = subAccounts;
		this.transfers = transfers;
		this.contexts = contexts;
	}

	record Create(@NotNull String name) {
	}

	record AccountBalance(String total, String held, String available) {
	}

	record Asset(String currency, String total, AccountBalance main, AccountBalance trade, AccountBalance contract) {
	}

	record SubAccountView(String id, String name, String status, String createdAt, List<Asset> assets) {
	}

	record SubAccountList(List<SubAccountView> subAccounts) {
	}

	record TransferRequest(@NotNull String clientOid,
			@NotNull @Schema(allowableValues = { "PARENT_TO_SUB", "SUB_TO_PARENT" }) String direction,
			@NotNull String currency,
			@NotNull @Schema(type = "string", example = "10.5",
					description = "A decimal string in the currency's scale; a JSON number is refused") Object amount,
			@NotNull @Schema(description = "main, trade or contract, on the giving side") String from,
			@NotNull @Schema(description = "main, trade or contract, on the receiving side") String to) {
	}

	record TransferDone(String transferId, String clientOid, String currency, String amount, String from, String to,
			boolean repeated) {
	}

	@GetMapping
	SubAccountList list(@AuthenticationPrincipal Actor.Customer master) {
		return new SubAccountList(this.subAccounts.of(master.accountId()).stream().map(SubAccountApi::view).toList());
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> create(@AuthenticationPrincipal Actor.Customer master, @Valid @RequestBody Create body,
			HttpServletRequest request) {
		return switch (this.subAccounts.create(master.accountId(), body.name(), this.contexts.of(request))) {
			case SubAccounts.Created.Done done -> ResponseEntity.status(HttpStatus.CREATED)
				.body(view(this.subAccounts.find(master.accountId(), done.subAccountId()).orElseThrow()));
			case SubAccounts.Created.Refused refused -> Problems.of(refused.rejection());
		};
	}

	@GetMapping("/{id}")
	ResponseEntity<?> one(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID id) {
		return this.subAccounts.find(master.accountId(), id)
			.<ResponseEntity<?>>map(s -> ResponseEntity.ok(view(s)))
			.orElseGet(() -> Problems.of(io.gatehouse.team.TeamRejection.UNKNOWN));
	}

	/** 201 for a new transfer; 200 with {@code repeated} for a retry with the same {@code clientOid}. */
	@PostMapping(path = "/{id}/transfers", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.WITHDRAW)
	ResponseEntity<?> transfer(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID id,
			@Valid @RequestBody TransferRequest body, HttpServletRequest request) {
		if (!(body.amount() instanceof String amount)) {
			return Problems.of(io.gatehouse.assets.AssetsRejection.AMOUNT_INVALID);
		}
		var result = this.transfers.transfer(master.accountId(), id, new SubTransfers.Request(body.clientOid(),
				body.direction(), body.currency(), amount, body.from(), body.to()), this.contexts.of(request));
		return switch (result) {
			case InternalTransfers.Result.Done done -> ResponseEntity
				.status(done.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
				.body(new TransferDone(done.transferId().toString(), body.clientOid(), done.currency(), done.amount(),
						done.from().wireName(), done.to().wireName(), done.repeated()));
			case InternalTransfers.Result.Refused refused -> Problems.of(refused.rejection());
		};
	}

	record Activation(@Nullable Boolean acknowledged) {
	}

	/** Activates futures on the sub-account; {@code acknowledged} must be true: the master has read the risks. */
	@PostMapping(path = "/{id}/futures", consumes = MediaType.APPLICATION_JSON_VALUE)
	@RegionCapability(RegionAccess.Capability.FUTURES_TRANSFER)
	ResponseEntity<?> futures(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID id,
			@RequestBody Activation body, HttpServletRequest request) {
		return this.futures.activateForSubAccount(master.accountId(), id, Boolean.TRUE.equals(body.acknowledged()),
				this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(Map.of("activated", true, "terms", FuturesActivation.TERMS)));
	}

	@PostMapping("/{id}/freeze")
	@RegionCapability(RegionAccess.Capability.PROTECT)
	ResponseEntity<?> freeze(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID id,
			HttpServletRequest request) {
		return this.subAccounts.setFrozen(master.accountId(), id, true, this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(view(this.subAccounts.find(master.accountId(), id).orElseThrow())));
	}

	@PostMapping("/{id}/unfreeze")
	ResponseEntity<?> unfreeze(@AuthenticationPrincipal Actor.Customer master, @PathVariable UUID id,
			HttpServletRequest request) {
		return this.subAccounts.setFrozen(master.accountId(), id, false, this.contexts.of(request))
			.<ResponseEntity<?>>map(Problems::of)
			.orElseGet(() -> ResponseEntity.ok(view(this.subAccounts.find(master.accountId(), id).orElseThrow())));
	}

	static SubAccountView view(SubAccounts.SubAccount s) {
		return new SubAccountView(s.row().id().toString(), s.row().name(),
				s.row().status().name().toLowerCase(java.util.Locale.ROOT), s.row().createdAt().toString(),
				s.assets().stream().map(SubAccountApi::asset).toList());
	}

	static Asset asset(AssetBalances.Asset a) {
		int scale = a.currency().scale();
		return new Asset(a.currency().code(), Amounts.format(a.total(), scale),
				balance(a.account(LedgerAccountType.MAIN), scale), balance(a.account(LedgerAccountType.TRADE), scale),
				balance(a.account(LedgerAccountType.CONTRACT), scale));
	}

	private static AccountBalance balance(Balance b, int scale) {
		return new AccountBalance(Amounts.format(b.total(), scale), Amounts.format(b.held(), scale),
				Amounts.format(b.available(), scale));
	}
}
