package io.gatehouse.kucoin.api;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.gatehouse.apikey.ApiKey;
import io.gatehouse.apikey.Permission;
import io.gatehouse.assets.AssetBalances;
import io.gatehouse.assets.InternalTransfers;
import io.gatehouse.assets.SubTransfers;
import io.gatehouse.kucoin.KucoinError;
import io.gatehouse.kucoin.KucoinProperties;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * KuCoin's spot host: the calls clients make first (time, currencies, markets, account mode, the HF flag), the
 * accounts, the key's own description and the universal transfer. Reached only through {@link KucoinGate}.
 */
@RestController
@RequestMapping("/kucoin/spot")
class KucoinSpotApi {

	private final Currencies currencies;

	private final AssetBalances balances;

	private final InternalTransfers transfers;

	private final RequestContexts contexts;

	private final Clock clock;

	private final KucoinProperties properties;

	private final KucoinSubAccountApi subAccounts;

	KucoinSpotApi(Currencies currencies, AssetBalances balances, InternalTransfers transfers, RequestContexts contexts,
			Clock clock, KucoinProperties properties, KucoinSubAccountApi subAccounts) {
		this.subAccounts = subAccounts;
		this.properties = properties;
		this.currencies = currencies;
		this.balances = balances;
		this.transfers = transfers;
		this.contexts = contexts;
		this.clock = clock;
	}

	@GetMapping("/api/v3/currencies")
	ResponseEntity<?> currencies() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (Currency c : this.currencies.all()) {
			List<Map<String, Object>> chains = new ArrayList<>();
			for (Currency.Chain ch : c.chains()) {
				Map<String, Object> chain = new LinkedHashMap<>();
				chain.put("chainName", ch.chain());
				chain.put("chainId", ch.chainId());
				chain.put("withdrawalMinSize", Amounts.format(ch.withdrawalMinimum(), c.scale()));
				chain.put("withdrawalMinFee", Amounts.format(ch.withdrawalFee(), c.scale()));
				chain.put("isWithdrawEnabled", true);
				chain.put("isDepositEnabled", true);
				chain.put("withdrawPrecision", c.scale());
				chain.put("needTag", ch.needsMemo());
				chain.put("confirms", ch.confirmations());
				chains.add(chain);
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("currency", c.code());
			row.put("name", c.code());
			row.put("fullName", c.name());
			row.put("precision", c.scale());
			row.put("isMarginEnabled", false);
			row.put("isDebitEnabled", false);
			row.put("chains", chains);
			out.add(row);
		}
		return KucoinEnvelope.ok(out);
	}

	/**
	 * The exchange's spot markets, from configuration ({@code gatehouse.kucoin.markets}: the catalogue is the
	 * trading API's, not Gatehouse's), with sizes and increments from the currencies' scales.
	 */
	@GetMapping("/api/v2/symbols")
	ResponseEntity<?> symbols() {
		List<Map<String, Object>> out = new ArrayList<>();
		for (String symbol : this.properties.markets()) {
			String[] pair = symbol.toUpperCase(Locale.ROOT).split("-", 2);
			var base = this.currencies.find(pair[0]);
			var quote = pair.length == 2 ? this.currencies.find(pair[1]) : java.util.Optional.<Currency>empty();
			if (base.isEmpty() || quote.isEmpty()) {
				continue;
			}
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("symbol", base.get().code() + "-" + quote.get().code());
			row.put("name", base.get().code() + "-" + quote.get().code());
			row.put("baseCurrency", base.get().code());
			row.put("quoteCurrency", quote.get().code());
			row.put("feeCurrency", quote.get().code());
			row.put("market", "USDS");
			row.put("baseMinSize", Amounts.format(1, base.get().scale()));
			row.put("quoteMinSize", Amounts.format(1, quote.get().scale()));
			row.put("baseMaxSize", "10000000000");
			row.put("quoteMaxSize", "99999999");
			row.put("baseIncrement", Amounts.format(1, base.get().scale()));
			row.put("quoteIncrement", Amounts.format(1, quote.get().scale()));
			row.put("priceIncrement", Amounts.format(1, quote.get().scale()));
			row.put("priceLimitRate", "0.1");
			row.put("minFunds", Amounts.format(1, quote.get().scale()));
			row.put("isMarginEnabled", false);
			row.put("enableTrading", true);
			out.add(row);
		}
		return KucoinEnvelope.ok(out);
	}

	@GetMapping("/api/v1/market/allTickers")
	ResponseEntity<?> tickers() {
		return KucoinEnvelope.ok(Map.of("time", this.clock.millis(), "ticker", List.of()));
	}

	@GetMapping("/api/ua/v1/account/mode")
	ResponseEntity<?> accountMode() {
		return KucoinEnvelope.ok(Map.of("selfAccountMode", "CLASSIC", "unifiedSubAccount", List.of(),
				"classicSubAccount", List.of()));
	}

	@GetMapping("/api/v3/margin/symbols")
	ResponseEntity<?> marginSymbols() {
		return KucoinEnvelope.ok(Map.of("items", List.of()));
	}

	@GetMapping("/api/v1/isolated/symbols")
	ResponseEntity<?> isolatedSymbols() {
		return KucoinEnvelope.ok(List.of());
	}

	/** Gatehouse has no high-frequency accounts: clients stay on the classic paths. */
	@GetMapping("/api/v1/hf/accounts/opened")
	ResponseEntity<?> hfOpened() {
		return KucoinEnvelope.ok(false);
	}

	/** Funding ({@code main}) and Spot ({@code trade}) accounts; futures are on the futures host. */
	@GetMapping("/api/v1/accounts")
	ResponseEntity<?> accounts(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestParam(required = false) @Nullable String currency, @RequestParam(required = false) @Nullable String type) {
		List<Map<String, String>> out = new ArrayList<>();
		for (AssetBalances.Asset asset : this.balances.of(key.accountId())) {
			if (currency != null && !asset.currency().code().equalsIgnoreCase(currency)) {
				continue;
			}
			for (LedgerAccountType t : List.of(LedgerAccountType.MAIN, LedgerAccountType.TRADE)) {
				if (type != null && !t.wireName().equalsIgnoreCase(type)) {
					continue;
				}
				var b = asset.account(t);
				int scale = asset.currency().scale();
				Map<String, String> row = new LinkedHashMap<>();
				row.put("id", t.wireName() + "-" + asset.currency().code());
				row.put("currency", asset.currency().code());
				row.put("type", t.wireName());
				row.put("balance", Amounts.format(b.total(), scale));
				row.put("available", Amounts.format(b.available(), scale));
				row.put("holds", Amounts.format(b.held(), scale));
				out.add(row);
			}
		}
		return KucoinEnvelope.ok(out);
	}

	/** The key that signed the request, as KuCoin describes it (its IP list masked). */
	@GetMapping("/api/v1/user/api-key")
	ResponseEntity<?> apiKey(@RequestAttribute(KucoinGate.KEY) ApiKey key) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("remark", key.name());
		out.put("apiKey", key.apiKey());
		out.put("apiVersion", 3);
		out.put("permission", Permission.tokens(key.permissions()));
		out.put("ipWhitelist", String.join(",", key.ipAllowList().stream().map(KucoinSpotApi::mask).toList()));
		out.put("createdAt", key.createdAt().toEpochMilli());
		out.put("uid", key.accountId().toString());
		out.put("isMaster", true);
		return KucoinEnvelope.ok(out);
	}

	/**
	 * Moves funds between the key's own accounts ({@code type} INTERNAL), or between its account and one of its
	 * sub-accounts ({@code PARENT_TO_SUB} with {@code toUserId}, {@code SUB_TO_PARENT} with {@code fromUserId}).
	 */
	@PostMapping("/api/v3/accounts/universal-transfer")
	ResponseEntity<?> universalTransfer(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestBody(required = false) @Nullable String raw, HttpServletRequest request) {
		JsonNode body = raw == null ? null : KucoinTransfers.body(raw);
		if (body == null) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "the body must be a JSON object");
		}
		String type = KucoinTransfers.text(body, "type");
		String clientOid = KucoinTransfers.text(body, "clientOid");
		String currency = KucoinTransfers.text(body, "currency");
		String amount = KucoinTransfers.text(body, "amount");
		String from = KucoinTransfers.text(body, "fromAccountType");
		String to = KucoinTransfers.text(body, "toAccountType");
		if (clientOid == null || currency == null || amount == null || from == null || to == null) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR,
					"clientOid, currency, amount, fromAccountType and toAccountType are required");
		}
		if (type != null && (type.equalsIgnoreCase("PARENT_TO_SUB") || type.equalsIgnoreCase("SUB_TO_PARENT"))) {
			boolean down = type.equalsIgnoreCase("PARENT_TO_SUB");
			String subUserId = KucoinTransfers.text(body, down ? "toUserId" : "fromUserId");
			if (subUserId == null) {
				return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR,
						(down ? "toUserId" : "fromUserId") + " names the sub-account");
			}
			return this.subAccounts.transfer(key, subUserId, new SubTransfers.Request(clientOid,
					type.toUpperCase(Locale.ROOT), currency.toUpperCase(Locale.ROOT), amount, from, to), request);
		}
		if (type != null && !type.equalsIgnoreCase("INTERNAL")) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "type is INTERNAL, PARENT_TO_SUB or SUB_TO_PARENT");
		}
		return switch (this.transfers.transfer(key.accountId(), new InternalTransfers.Request(clientOid,
				currency.toUpperCase(Locale.ROOT), amount, from, to), this.contexts.of(request))) {
			case InternalTransfers.Result.Done done -> KucoinEnvelope.ok(Map.of("orderId", done.transferId().toString()));
			case InternalTransfers.Result.Refused refused -> KucoinTransfers.refused(refused.rejection());
		};
	}

	/** KuCoin masks the middle of each address: {@code 203.**.154}. */
	static String mask(String cidr) {
		String address = cidr.contains("/") ? cidr.substring(0, cidr.indexOf('/')) : cidr;
		String[] parts = address.split("\\.");
		return parts.length == 4 ? parts[0] + ".**." + parts[3] : address.length() > 6
				? address.substring(0, 4) + "**" + address.substring(address.length() - 2) : "**";
	}
}
