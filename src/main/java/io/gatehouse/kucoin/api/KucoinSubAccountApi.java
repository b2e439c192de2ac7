package io.gatehouse.kucoin.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.gatehouse.account.Account;
import io.gatehouse.apikey.ApiKey;
import io.gatehouse.apikey.ApiKeyService;
import io.gatehouse.apikey.Permission;
import io.gatehouse.assets.AssetBalances;
import io.gatehouse.assets.FuturesActivation;
import io.gatehouse.assets.InternalTransfers;
import io.gatehouse.assets.SubTransfers;
import io.gatehouse.kucoin.KucoinError;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.team.SubAccounts;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * KuCoin's sub-account calls on the spot host, for a master's keys (kucoin-api.md §2.3): create and list
 * sub-accounts, their balances, and the deprecated sub-transfer. A sub-account's {@code userId} and {@code uid} are
 * its Gatehouse id (a UUID, not KuCoin's 24 hex characters: ccxt passes it through as given). Nobody signs in to a
 * Gatehouse sub-account, so the {@code password} KuCoin asks for at creation is not kept.
 */
@RestController
@RequestMapping("/kucoin/spot")
class KucoinSubAccountApi {

	private static final int MAX_PAGE = 100;

	private final SubAccounts subAccounts;

	private final SubTransfers transfers;

	private final RequestContexts contexts;

	private final FuturesActivation futures;

	private final ApiKeyService keys;

	KucoinSubAccountApi(SubAccounts subAccounts, SubTransfers transfers, RequestContexts contexts,
			FuturesActivation futures, ApiKeyService keys) {
		this.keys = keys;
		this.futures = futures;
		this.subAccounts = subAccounts;
		this.transfers = transfers;
		this.contexts = contexts;
	}

	@PostMapping("/api/v2/sub/user/created")
	ResponseEntity<?> create(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestBody(required = false) @Nullable String raw, HttpServletRequest request) {
		JsonNode body = raw == null ? null : KucoinTransfers.body(raw);
		String name = body == null ? null : KucoinTransfers.text(body, "subName");
		if (body == null || name == null) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "subName is required");
		}
		String access = Optional.ofNullable(KucoinTransfers.text(body, "access")).orElse("Spot");
		String remarks = KucoinTransfers.text(body, "remarks");
		return switch (this.subAccounts.create(key.accountId(), name, this.contexts.of(request))) {
			case SubAccounts.Created.Done done -> {
				Map<String, @Nullable Object> out = new LinkedHashMap<>();
				out.put("uid", done.subAccountId().toString());
				out.put("subName", done.name());
				out.put("remarks", remarks);
				out.put("access", access);
				yield KucoinEnvelope.ok(out);
			}
			case SubAccounts.Created.Refused refused -> KucoinEnvelope.error(KucoinError.PARAMETER_ERROR,
					refused.rejection().message());
		};
	}

	@GetMapping("/api/v2/sub/user")
	ResponseEntity<?> users(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestParam(defaultValue = "1") int currentPage, @RequestParam(defaultValue = "10") int pageSize) {
		List<SubAccounts.SubAccount> all = this.subAccounts.of(key.accountId());
		return KucoinEnvelope.ok(page(all, currentPage, pageSize, s -> {
			Map<String, @Nullable Object> row = new LinkedHashMap<>();
			row.put("userId", s.row().id().toString());
			row.put("uid", s.row().id().toString());
			row.put("subName", s.row().name());
			row.put("status", s.row().status() == Account.Status.ACTIVE ? 2 : 3);
			row.put("type", 0);
			row.put("access", "All");
			row.put("createdAt", s.row().createdAt().toEpochMilli());
			row.put("remarks", null);
			return row;
		}));
	}

	@GetMapping("/api/v1/sub-accounts/{subUserId}")
	ResponseEntity<?> balances(@RequestAttribute(KucoinGate.KEY) ApiKey key, @PathVariable String subUserId) {
		Optional<UUID> id = uuid(subUserId);
		Optional<SubAccounts.SubAccount> sub = id.flatMap(i -> this.subAccounts.find(key.accountId(), i));
		if (sub.isEmpty()) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "no sub-account of this key's account has this id");
		}
		return KucoinEnvelope.ok(balances(sub.get()));
	}

	@GetMapping("/api/v2/sub-accounts")
	ResponseEntity<?> allBalances(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestParam(defaultValue = "1") int currentPage, @RequestParam(defaultValue = "10") int pageSize) {
		return KucoinEnvelope.ok(page(this.subAccounts.of(key.accountId()), currentPage, pageSize,
				KucoinSubAccountApi::balances));
	}

	/**
	 * A sub-account's keys ({@code subName}, optionally one {@code apiKey}), as KuCoin lists them, the IP lists
	 * masked. Creating, editing and deleting them stays with the web UI and the JSON API, where the master gives
	 * the security verification and trading password that a signed call cannot.
	 */
	@GetMapping("/api/v1/sub/api-key")
	ResponseEntity<?> subKeys(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestParam(required = false) @Nullable String subName, @RequestParam(required = false) @Nullable String apiKey) {
		if (subName == null) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "subName is required");
		}
		Optional<SubAccounts.SubAccount> sub = this.subAccounts.of(key.accountId()).stream()
			.filter(s -> s.row().name().equalsIgnoreCase(subName))
			.findFirst();
		if (sub.isEmpty()) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "no sub-account of this key's account has this name");
		}
		List<Map<String, Object>> out = new ArrayList<>();
		for (ApiKey k : this.keys.listForSubAccount(key.accountId(), sub.get().row().id())) {
			if (apiKey != null && !k.apiKey().equals(apiKey) || k.state() == ApiKey.State.DELETED) {
				continue;
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("subName", sub.get().row().name());
			row.put("remark", k.name());
			row.put("apiKey", k.apiKey());
			row.put("apiVersion", 3);
			row.put("permission", Permission.tokens(k.permissions()));
			row.put("ipWhitelist", String.join(",", k.ipAllowList().stream().map(KucoinSpotApi::mask).toList()));
			row.put("createdAt", k.createdAt().toEpochMilli());
			out.add(row);
		}
		return KucoinEnvelope.ok(out);
	}

	/**
	 * Deletes a sub-account's key ({@code subName}, {@code apiKey} and that key's {@code passphrase}, as KuCoin asks):
	 * at once, and the master is told.
	 */
	@DeleteMapping("/api/v1/sub/api-key")
	ResponseEntity<?> deleteSubKey(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestParam(required = false) @Nullable String subName, @RequestParam(required = false) @Nullable String apiKey,
			@RequestParam(required = false) @Nullable String passphrase, HttpServletRequest request) {
		if (subName == null || apiKey == null || passphrase == null) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "subName, apiKey and passphrase are required");
		}
		Optional<SubAccounts.SubAccount> sub = this.subAccounts.of(key.accountId()).stream()
			.filter(s -> s.row().name().equalsIgnoreCase(subName))
			.findFirst();
		if (sub.isEmpty()) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "no sub-account of this key's account has this name");
		}
		return this.keys.deleteForSubAccount(key.accountId(), sub.get().row().id(), apiKey, passphrase,
				this.contexts.of(request))
			.<ResponseEntity<?>>map(r -> KucoinEnvelope.error(KucoinError.PARAMETER_ERROR,
					"no key of this sub-account with this apiKey and passphrase"))
			.orElseGet(() -> KucoinEnvelope.ok(Map.of("subName", sub.get().row().name(), "apiKey", apiKey)));
	}

	/**
	 * Activates futures on a sub-account ({@code uid}): the master's signed call, from a key the master gave Futures,
	 * is its acknowledgement of the risks; the web and JSON API ask for it in words.
	 */
	@PostMapping("/api/v3/sub/user/futures/enable")
	ResponseEntity<?> enableFutures(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestBody(required = false) @Nullable String raw, HttpServletRequest request) {
		JsonNode body = raw == null ? null : KucoinTransfers.body(raw);
		String uid = body == null ? null : KucoinTransfers.text(body, "uid");
		Optional<UUID> sub = uid == null ? Optional.empty() : uuid(uid);
		if (sub.isEmpty()) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "uid names one of this key's sub-accounts");
		}
		return this.futures.activateForSubAccount(key.accountId(), sub.get(), true, this.contexts.of(request))
			.<ResponseEntity<?>>map(KucoinTransfers::refused)
			.orElseGet(() -> KucoinEnvelope.ok(true));
	}

	/** The deprecated master↔sub transfer: {@code direction} OUT (master to sub) or IN. */
	@PostMapping("/api/v2/accounts/sub-transfer")
	ResponseEntity<?> subTransfer(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestBody(required = false) @Nullable String raw, HttpServletRequest request) {
		JsonNode body = raw == null ? null : KucoinTransfers.body(raw);
		if (body == null) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "the body must be a JSON object");
		}
		String clientOid = KucoinTransfers.text(body, "clientOid");
		String currency = KucoinTransfers.text(body, "currency");
		String amount = KucoinTransfers.text(body, "amount");
		String direction = KucoinTransfers.text(body, "direction");
		String subUserId = KucoinTransfers.text(body, "subUserId");
		String accountType = Optional.ofNullable(KucoinTransfers.text(body, "accountType")).orElse("MAIN");
		String subAccountType = Optional.ofNullable(KucoinTransfers.text(body, "subAccountType")).orElse("MAIN");
		if (clientOid == null || currency == null || amount == null || direction == null || subUserId == null) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR,
					"clientOid, currency, amount, direction and subUserId are required");
		}
		boolean out = direction.equalsIgnoreCase("OUT");
		if (!out && !direction.equalsIgnoreCase("IN")) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "direction is OUT or IN");
		}
		return transfer(key, subUserId, new SubTransfers.Request(clientOid, out ? "PARENT_TO_SUB" : "SUB_TO_PARENT",
				currency.toUpperCase(Locale.ROOT), amount, out ? accountType : subAccountType,
				out ? subAccountType : accountType), request);
	}

	/** A master↔sub transfer asked on the wire; shared with universal-transfer's PARENT_TO_SUB and SUB_TO_PARENT. */
	ResponseEntity<?> transfer(ApiKey key, String subUserId, SubTransfers.Request transfer,
			HttpServletRequest request) {
		Optional<UUID> sub = uuid(subUserId);
		if (sub.isEmpty()) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "no sub-account of this key's account has this id");
		}
		return switch (this.transfers.transfer(key.accountId(), sub.get(), transfer, this.contexts.of(request))) {
			case InternalTransfers.Result.Done done -> KucoinEnvelope.ok(Map.of("orderId", done.transferId().toString()));
			case InternalTransfers.Result.Refused refused -> KucoinTransfers.refused(refused.rejection());
		};
	}

	private static Map<String, Object> balances(SubAccounts.SubAccount sub) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("subUserId", sub.row().id().toString());
		out.put("subName", sub.row().name());
		out.put("mainAccounts", accounts(sub.assets(), LedgerAccountType.MAIN));
		out.put("tradeAccounts", accounts(sub.assets(), LedgerAccountType.TRADE));
		out.put("marginAccounts", List.of());
		out.put("tradeHFAccounts", List.of());
		return out;
	}

	private static List<Map<String, String>> accounts(List<AssetBalances.Asset> assets, LedgerAccountType type) {
		List<Map<String, String>> out = new ArrayList<>();
		for (AssetBalances.Asset asset : assets) {
			var b = asset.account(type);
			int scale = asset.currency().scale();
			Map<String, String> row = new LinkedHashMap<>();
			row.put("currency", asset.currency().code());
			row.put("balance", Amounts.format(b.total(), scale));
			row.put("available", Amounts.format(b.available(), scale));
			row.put("holds", Amounts.format(b.held(), scale));
			out.add(row);
		}
		return out;
	}

	private static <T> Map<String, Object> page(List<SubAccounts.SubAccount> all, int currentPage, int pageSize,
			java.util.function.Function<SubAccounts.SubAccount, T> row) {
		int size = Math.max(1, Math.min(pageSize, MAX_PAGE));
		int current = Math.max(1, currentPage);
		int from = Math.min(all.size(), (current - 1) * size);
		int to = Math.min(all.size(), from + size);
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("currentPage", current);
		out.put("pageSize", size);
		out.put("totalNum", all.size());
		out.put("totalPage", (all.size() + size - 1) / size);
		out.put("items", all.subList(from, to).stream().map(row).toList());
		return out;
	}

	private static Optional<UUID> uuid(String text) {
		try {
			return Optional.of(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}
}
