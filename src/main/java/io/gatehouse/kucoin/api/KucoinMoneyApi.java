package io.gatehouse.kucoin.api;

import java.time.Instant;
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

import io.gatehouse.apikey.ApiKey;
import io.gatehouse.assets.AddressAssignment;
import io.gatehouse.assets.Statements;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kucoin.KucoinError;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.web.RequestContexts;
import io.gatehouse.withdraw.Withdrawal;
import io.gatehouse.withdraw.WithdrawalQuotes;
import io.gatehouse.withdraw.WithdrawalRejection;
import io.gatehouse.withdraw.WithdrawalRequests;
import io.gatehouse.withdraw.Withdrawals;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The money calls on KuCoin's wire: the statement (spot ledgers; futures transaction history), deposit
 * addresses (spot v1 and v3, futures), and withdrawals (create, list, cancel, quotas). A withdrawal made with
 * a {@code Transfer} key passes every rule an owner's does (cooldown, KYC limit, whitelist, balance, review);
 * the key, bound to its IP addresses, stands for the confirmation.
 */
@RestController
class KucoinMoneyApi {

	private final Statements statements;

	private final AddressAssignment addresses;

	private final WithdrawalRequests requests;

	private final Withdrawals withdrawals;

	private final WithdrawalQuotes quotes;

	private final Currencies currencies;

	private final RequestContexts contexts;

	KucoinMoneyApi(Statements statements, AddressAssignment addresses, WithdrawalRequests requests,
			Withdrawals withdrawals, WithdrawalQuotes quotes, Currencies currencies, RequestContexts contexts) {
		this.statements = statements;
		this.addresses = addresses;
		this.requests = requests;
		this.withdrawals = withdrawals;
		this.quotes = quotes;
		this.currencies = currencies;
		this.contexts = contexts;
	}

	/** Funding and Spot postings, newest first, as KuCoin's paged ledger. */
	@GetMapping("/kucoin/spot/api/v1/accounts/ledgers")
	ResponseEntity<?> ledgers(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestParam(required = false) @Nullable String currency,
			@RequestParam(required = false) @Nullable String direction,
			@RequestParam(required = false) @Nullable String bizType, @RequestParam(required = false) @Nullable Long startAt,
			@RequestParam(required = false) @Nullable Long endAt, @RequestParam(defaultValue = "50") int pageSize) {
		int size = Math.max(10, Math.min(500, pageSize));
		List<Map<String, Object>> items = new ArrayList<>();
		for (Map<String, @Nullable Object> row : rows(key, currency, startAt, endAt, 500)) {
			String account = String.valueOf(row.get("account"));
			String biz = bizType(String.valueOf(row.get("kind")));
			if (account.equals("contract") || direction != null && !direction.equals(row.get("direction"))
					|| bizType != null && !bizType.equalsIgnoreCase(biz)) {
				continue;
			}
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", row.get("transferId") + "-" + account);
			item.put("currency", String.valueOf(row.get("currency")));
			item.put("amount", String.valueOf(row.get("amount")));
			item.put("fee", "0");
			item.put("balance", String.valueOf(row.get("balanceAfter")));
			item.put("accountType", account.toUpperCase(Locale.ROOT));
			item.put("bizType", biz);
			item.put("direction", String.valueOf(row.get("direction")));
			item.put("createdAt", Instant.parse(String.valueOf(row.get("time"))).toEpochMilli());
			item.put("context", "");
			items.add(item);
			if (items.size() == size) {
				break;
			}
		}
		return KucoinEnvelope.ok(Map.of("currentPage", 1, "pageSize", size, "totalNum", items.size(), "totalPage", 1,
				"items", items));
	}

	/** The Futures account's history, in the futures host's shape (numbers). */
	@GetMapping("/kucoin/futures/api/v1/transaction-history")
	ResponseEntity<?> futuresHistory(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestParam(required = false) @Nullable String currency, @RequestParam(required = false) @Nullable Long startAt,
			@RequestParam(required = false) @Nullable Long endAt, @RequestParam(defaultValue = "50") int maxCount) {
		List<Map<String, Object>> items = new ArrayList<>();
		for (Map<String, @Nullable Object> row : rows(key, currency, startAt, endAt, 500)) {
			if (!"contract".equals(row.get("account"))) {
				continue;
			}
			boolean in = "in".equals(row.get("direction"));
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("time", Instant.parse(String.valueOf(row.get("time"))).toEpochMilli());
			item.put("type", in ? "TransferIn" : "TransferOut");
			item.put("amount", new java.math.BigDecimal(String.valueOf(row.get("amount"))));
			item.put("fee", java.math.BigDecimal.ZERO);
			item.put("accountEquity", new java.math.BigDecimal(String.valueOf(row.get("balanceAfter"))));
			item.put("status", "Completed");
			item.put("remark", "");
			item.put("offset", items.size());
			item.put("currency", String.valueOf(row.get("currency")));
			items.add(item);
			if (items.size() >= Math.max(1, Math.min(500, maxCount))) {
				break;
			}
		}
		return KucoinEnvelope.ok(Map.of("dataList", items, "hasMore", false));
	}

	/** Milliseconds from 1970 to 2100: anything else is not a time a ledger can be filtered by. */
	private static @Nullable Long time(@Nullable Long millis) {
		return millis == null || millis < 0 || millis > 4_102_444_800_000L ? null : millis;
	}

	private List<Map<String, @Nullable Object>> rows(ApiKey key, @Nullable String currency, @Nullable Long startAt,
			@Nullable Long endAt, int limit) {
		startAt = time(startAt);
		endAt = time(endAt);
		var filter = new Statements.Filter(currency, null, startAt == null ? null : Instant.ofEpochMilli(startAt),
				endAt == null ? null : Instant.ofEpochMilli(endAt), limit);
		return switch (this.statements.rows(key.accountId(), filter)) {
			case Statements.Result.Rows rows -> rows.rows();
			case Statements.Result.Refused refused -> List.of();
		};
	}

	static String bizType(String kind) {
		return switch (kind) {
			case "deposit" -> "DEPOSIT";
			case "withdrawal", "withdrawal_fee" -> "WITHDRAW";
			case "internal_transfer" -> "TRANSFER";
			default -> kind.toUpperCase(Locale.ROOT);
		};
	}

	/**
	 * The address for a currency on a chain, given out now if the owner had none; with no chain named, the one
	 * the owner already has for the currency, else one on its first chain.
	 */
	@GetMapping({ "/kucoin/spot/api/v1/deposit-addresses", "/kucoin/futures/api/v1/deposit-address" })
	ResponseEntity<?> depositAddress(@RequestAttribute(KucoinGate.KEY) ApiKey key, @RequestParam String currency,
			@RequestParam(required = false) @Nullable String chain, HttpServletRequest request) {
		Optional<Currency> found = this.currencies.find(currency);
		if (found.isEmpty() || found.get().chains().isEmpty()) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "unknown currency");
		}
		String network = chain;
		if (network == null) {
			network = this.addresses.addresses(key.accountId())
				.stream()
				.filter(a -> a.currency().code().equals(found.get().code()))
				.map(a -> a.chain().chain())
				.findFirst()
				.orElse(found.get().chains().getFirst().chain());
		}
		return switch (this.addresses.addressFor(key.accountId(), currency, network, this.contexts.of(request))) {
			case AddressAssignment.Result.Given given -> KucoinEnvelope.ok(address(given.address()));
			case AddressAssignment.Result.Refused refused -> KucoinTransfers.refused(refused.rejection());
		};
	}

	/** Every address the owner has for a currency (none given out here). */
	@GetMapping("/kucoin/spot/api/v3/deposit-addresses")
	ResponseEntity<?> depositAddresses(@RequestAttribute(KucoinGate.KEY) ApiKey key, @RequestParam String currency,
			@RequestParam(required = false) @Nullable String chain) {
		return KucoinEnvelope.ok(this.addresses.addresses(key.accountId())
			.stream()
			.filter(a -> a.currency().code().equalsIgnoreCase(currency))
			.filter(a -> chain == null || a.chain().chain().equalsIgnoreCase(chain) || a.chain().chainId().equalsIgnoreCase(chain))
			.map(KucoinMoneyApi::address)
			.toList());
	}

	private static Map<String, Object> address(AddressAssignment.DepositAddress a) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("address", a.address());
		out.put("memo", a.memo() == null ? "" : a.memo());
		out.put("chain", a.chain().chain());
		out.put("chainId", a.chain().chainId());
		out.put("to", "MAIN");
		out.put("currency", a.currency().code());
		return out;
	}

	/** A withdrawal from Funding; its id is KuCoin's {@code withdrawalId}. */
	@PostMapping("/kucoin/spot/api/v3/withdrawals")
	ResponseEntity<?> withdraw(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestHeader("KC-API-SIGN") String signature, @RequestBody(required = false) @Nullable String raw,
			HttpServletRequest request) {
		JsonNode body = raw == null ? null : KucoinTransfers.body(raw);
		if (body == null) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "the body must be a JSON object");
		}
		String currency = KucoinTransfers.text(body, "currency");
		String address = KucoinTransfers.text(body, "toAddress");
		String amount = KucoinTransfers.text(body, "amount");
		String chain = KucoinTransfers.text(body, "chain");
		String type = KucoinTransfers.text(body, "withdrawType");
		if (currency == null || address == null || amount == null || type != null && !type.equalsIgnoreCase("ADDRESS")) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR,
					"currency, toAddress and amount are required; withdrawType ADDRESS only");
		}
		Optional<Currency> found = this.currencies.find(currency);
		if (found.isEmpty() || found.get().chains().isEmpty()) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "unknown currency");
		}
		String network = chain == null ? found.get().chains().getFirst().chain() : chain;
		String clientOid = KucoinTransfers.text(body, "clientOid");
		return switch (this.requests.submitByKey(key.accountId(), key.id(), new Withdrawals.Request(
				clientOid == null ? KucoinTransfers.clientOid(signature) : clientOid, currency, network, address,
				KucoinTransfers.text(body, "memo"), amount), this.contexts.of(request))) {
			case Withdrawals.Result.Done done -> KucoinEnvelope.ok(Map.of("withdrawalId", done.withdrawal().id().toString()));
			case Withdrawals.Result.Refused refused -> refused(refused.rejection());
		};
	}

	@GetMapping({ "/kucoin/spot/api/v1/withdrawals", "/kucoin/spot/api/v1/hist-withdrawals" })
	ResponseEntity<?> withdrawals(@RequestAttribute(KucoinGate.KEY) ApiKey key,
			@RequestParam(required = false) @Nullable String currency, @RequestParam(required = false) @Nullable String status,
			@RequestParam(defaultValue = "50") int pageSize) {
		int size = Math.max(10, Math.min(500, pageSize));
		List<Map<String, Object>> items = new ArrayList<>();
		for (Withdrawal w : this.withdrawals.of(key.accountId(), 500)) {
			String state = status(w);
			if (currency != null && !w.currency().equalsIgnoreCase(currency) || status != null && !status.equals(state)) {
				continue;
			}
			int scale = this.currencies.find(w.currency()).map(Currency::scale).orElse(0);
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", w.id().toString());
			item.put("address", w.address());
			item.put("memo", w.memo());
			item.put("currency", w.currency());
			item.put("chain", w.chain());
			item.put("amount", Amounts.format(w.amount(), scale));
			item.put("fee", Amounts.format(w.fee(), scale));
			item.put("walletTxId", w.txId() == null ? "" : w.txId());
			item.put("isInner", false);
			item.put("status", state);
			item.put("remark", "");
			item.put("createdAt", w.createdAt().toEpochMilli());
			item.put("updatedAt", w.updatedAt().toEpochMilli());
			items.add(item);
			if (items.size() == size) {
				break;
			}
		}
		return KucoinEnvelope.ok(Map.of("currentPage", 1, "pageSize", size, "totalNum", items.size(), "totalPage", 1,
				"items", items));
	}

	/** KuCoin's states: REVIEW, PROCESSING, WALLET_PROCESSING, SUCCESS, FAILURE (a cancelled one is a failure). */
	static String status(Withdrawal w) {
		return switch (w.status()) {
			case REVIEW -> "REVIEW";
			case WAITING -> "PROCESSING";
			case PROCESSING -> "WALLET_PROCESSING";
			case SUCCESS -> "SUCCESS";
			case FAILURE, CANCELLED -> "FAILURE";
		};
	}

	@DeleteMapping("/kucoin/spot/api/v1/withdrawals/{id}")
	ResponseEntity<?> cancel(@RequestAttribute(KucoinGate.KEY) ApiKey key, @PathVariable String id,
			HttpServletRequest request) {
		UUID withdrawalId;
		try {
			withdrawalId = UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "unknown withdrawal");
		}
		return this.withdrawals.cancel(key.accountId(), withdrawalId, this.contexts.of(request))
			.<ResponseEntity<?>>map(KucoinMoneyApi::refused)
			.orElseGet(() -> KucoinEnvelope.ok(null));
	}

	@GetMapping("/kucoin/spot/api/v1/withdrawals/quotas")
	ResponseEntity<?> quotas(@RequestAttribute(KucoinGate.KEY) ApiKey key, @RequestParam String currency,
			@RequestParam(required = false) @Nullable String chain, HttpServletRequest request) {
		Optional<Currency> found = this.currencies.find(currency);
		if (found.isEmpty() || found.get().chains().isEmpty()) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "unknown currency");
		}
		Currency c = found.get();
		Currency.Chain ch = chain == null ? c.chains().getFirst() : c.chain(chain).orElse(c.chains().getFirst());
		Withdrawals.Quote q = this.quotes.quote(key.accountId(), new Withdrawals.Request(null, c.code(), ch.chain(), "", null,
				Amounts.format(ch.withdrawalMinimum(), c.scale())), this.contexts.of(request));
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("currency", c.code());
		out.put("chain", ch.chain());
		out.put("remainAmount", q.limitRemaining());
		out.put("limitUSDTAmount", q.limit());
		out.put("withdrawMinSize", Amounts.format(ch.withdrawalMinimum(), c.scale()));
		out.put("withdrawMinFee", Amounts.format(ch.withdrawalFee(), c.scale()));
		out.put("innerWithdrawMinFee", "0");
		out.put("isWithdrawEnabled", q.cooldownUntil() == null);
		out.put("precision", c.scale());
		return KucoinEnvelope.ok(out);
	}

	/** The withdrawal rules' refusals in KuCoin's codes. */
	static ResponseEntity<?> refused(Rejection rejection) {
		if (rejection == WithdrawalRejection.INSUFFICIENT_BALANCE) {
			return KucoinEnvelope.error(KucoinError.BALANCE_INSUFFICIENT, "");
		}
		if (rejection == WithdrawalRejection.ADDRESS_NOT_WHITELISTED) {
			return KucoinEnvelope.error(KucoinError.NOT_WHITELISTED, "");
		}
		if (rejection == WithdrawalRejection.ACCOUNT_FROZEN) {
			return KucoinEnvelope.error(KucoinError.ACCOUNT_FROZEN, "");
		}
		if (rejection == WithdrawalRejection.NOT_FOUND) {
			return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, "unknown withdrawal");
		}
		return KucoinEnvelope.error(KucoinError.PARAMETER_ERROR, rejection.code() + ": " + rejection.message());
	}
}
