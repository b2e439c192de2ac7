package io.gatehouse.kucoin.api;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.gatehouse.apikey.ApiKey;
import io.gatehouse.assets.InternalTransfers;
import io.gatehouse.kucoin.KucoinError;
import io.gatehouse.ledger.Balance;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.web.RequestContexts;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * KuCoin's futures host: time, contracts (the exchange's catalogue: none here), the futures account overview
 * and transfers into and out of Futures (ccxt calls {@code /api/v2/transfer-out}; v3 has the same meaning).
 * Reached only through {@link KucoinGate}.
 */
@RestController
@RequestMapping("/kucoin/futures")
class KucoinFuturesApi {

	private final Currencies currencies;

	private final LedgerAccounts ledgerAccounts;

	private final InternalTransfers transfers;

	private final RequestContexts contexts;

	private final Clock clock;

	KucoinFuturesApi(Currencies currencies, LedgerAccounts ledgerAccounts, InternalTransfers transfers,
			RequestContexts contexts, Clock clock) {
		this.currencies = currencies;
		this.ledgerAccounts = ledgerAccounts;
		this.transfers = transfers;
		this.contexts = contexts;
		this.clock = clock;
	}

	@GetMapping("/api/v1/contracts/active")
	ResponseEntity<?> contracts() {
		return KucoinEnvelope.ok(List.of());
	}

	/** The Futures ({@code CONTRACT}) account of one currency; numbers, as KuCoin's futures host answers. */
	@GetMapping("/api/v1/account-overview")
	ResponseEntity<?> overview(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestParam(defaultValue = "USDT") String currency) {
		var found = this.currencies.find(currency);
		if (found.isEmpty()) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "unknown currency");
		}
		Currency c = found.get();
		Balance b = this.ledgerAccounts.balance(key.accountId(), c.code(), LedgerAccountType.CONTRACT);
		BigDecimal total = new BigDecimal(b.total(), c.scale());
		BigDecimal available = new BigDecimal(b.available(), c.scale());
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("accountEquity", total);
		out.put("unrealisedPNL", BigDecimal.ZERO);
		out.put("marginBalance", total);
		out.put("positionMargin", BigDecimal.ZERO);
		out.put("orderMargin", BigDecimal.ZERO);
		out.put("frozenFunds", new BigDecimal(b.held(), c.scale()));
		out.put("availableBalance", available);
		out.put("currency", c.code());
		out.put("riskRatio", BigDecimal.ZERO);
		out.put("maxWithdrawAmount", available);
		return KucoinEnvelope.ok(out);
	}

	/** Into Futures from Funding ({@code MAIN}) or Spot ({@code TRADE}). */
	@PostMapping("/api/v1/transfer-in")
	ResponseEntity<?> transferIn(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestHeader("KC-API-SIGN") String signature, @RequestBody(required = false) @Nullable String raw,
			HttpServletRequest request) {
		JsonNode body = raw == null ? null : KucoinTransfers.body(raw);
		String from = body == null ? null : KucoinTransfers.text(body, "payAccountType");
		return move(key, signature, body, from == null ? "MAIN" : from, "CONTRACT", request, false);
	}

	@PostMapping({ "/api/v2/transfer-out", "/api/v3/transfer-out" })
	ResponseEntity<?> transferOut(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestHeader("KC-API-SIGN") String signature, @RequestBody(required = false) @Nullable String raw,
			HttpServletRequest request) {
		JsonNode body = raw == null ? null : KucoinTransfers.body(raw);
		String to = body == null ? null : KucoinTransfers.text(body, "recAccountType");
		return move(key, signature, body, "CONTRACT", to == null ? "MAIN" : to, request, true);
	}

	private ResponseEntity<?> move(ApiKey key, String signature, @Nullable JsonNode body, String from, String to,
			HttpServletRequest request, boolean describe) {
		if (body == null) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "the body must be a JSON object");
		}
		String currency = KucoinTransfers.text(body, "currency");
		String amount = KucoinTransfers.text(body, "amount");
		if (currency == null || amount == null || !(from.equalsIgnoreCase("MAIN") || from.equalsIgnoreCase("TRADE")
				|| from.equals("CONTRACT")) || !(to.equalsIgnoreCase("MAIN") || to.equalsIgnoreCase("TRADE")
						|| to.equals("CONTRACT"))) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR,
					"currency, amount and an account type of MAIN or TRADE are required");
		}
		long now = this.clock.millis();
		return switch (this.transfers.transfer(key.accountId(), new InternalTransfers.Request(
				KucoinTransfers.clientOid(signature), currency.toUpperCase(Locale.ROOT), amount, from, to),
				this.contexts.of(request))) {
			case InternalTransfers.Result.Done done -> {
				if (!describe) {
					yield KucoinEnvelope.ok(null);
				}
				Map<String, Object> out = new LinkedHashMap<>();
				out.put("applyId", done.transferId().toString());
				out.put("bizNo", done.transferId().toString());
				out.put("payAccountType", "CONTRACT");
				out.put("payTag", "DEFAULT");
				out.put("remark", "");
				out.put("recAccountType", done.to().name());
				out.put("recTag", "DEFAULT");
				out.put("recRemark", "");
				out.put("recSystem", "KUCOIN");
				out.put("status", "SUCCESS");
				out.put("currency", done.currency());
				out.put("amount", done.amount());
				out.put("fee", "0");
				out.put("sn", now);
				out.put("reason", "");
				out.put("createdAt", now);
				out.put("updatedAt", now);
				yield KucoinEnvelope.ok(out);
			}
			case InternalTransfers.Result.Refused refused -> KucoinTransfers.refused(refused.rejection());
		};
	}
}
