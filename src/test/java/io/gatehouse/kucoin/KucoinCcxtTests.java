package io.gatehouse.kucoin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.Ccxt;
import io.gatehouse.testsupport.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unmodified ccxt client (npm, pinned in ccxt/package.json) against the KuCoin listeners, with only its
 * URLs and credentials: the bootstrap calls it makes by itself, balances on both hosts, accounts, transfers
 * both ways through {@code kucoin} and {@code kucoinfutures}, and refusals arriving as ccxt's own exceptions.
 */
@IntegrationTest
@EnabledIf(value = "io.gatehouse.testsupport.Ccxt#installedOrRequired", disabledReason = Ccxt.MISSING)
class KucoinCcxtTests extends KucoinTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	List<JsonNode> ccxt(KucoinClient key, List<List<Object>> steps) {
		return ccxt(key, steps, 0);
	}

	/** @param skewMillis how far behind the server the client's clock runs (0: in step) */
	List<JsonNode> ccxt(KucoinClient key, List<List<Object>> steps, long skewMillis) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("spot", "http://127.0.0.1:" + this.spotPort);
		config.put("futures", "http://127.0.0.1:" + this.futuresPort);
		config.put("apiKey", key.apiKey);
		config.put("secret", key.secret);
		config.put("password", key.passphrase);
		long offset = this.clock.millis() - System.currentTimeMillis() - skewMillis;
		if (Math.abs(offset) > 1000 || skewMillis != 0) {
			// Other tests move this server's clock; a real one is in step with the client's.
			config.put("timeDifference", -offset);
			// A moved clock stands still: each step asks the server's time again (unless the test wants a skew).
			config.put("resync", skewMillis == 0);
		}
		config.put("steps", steps);
		List<JsonNode> out = new ArrayList<>();
		for (String line : Ccxt.run(JSON.writeValueAsString(config))) {
			out.add(JSON.readTree(line));
		}
		assertThat(out).as("one answer per step").hasSize(steps.size());
		return out;
	}

	@Test
	void balancesAccountsAndTransfersBothWaysOnBothHosts() {
		assertThat(this.api.post("/api/v1/me/futures", Map.of("acknowledged", true), this.token).status()).isIn(200, 201);
		KucoinClient key = key(this.spotPort, List.of("InnerTransfer", "Futures"), "");

		List<JsonNode> r = ccxt(key, List.of(
				List.of("spot", "fetchBalance", Map.of("type", "main")),
				List.of("spot", "fetchAccounts"),
				List.of("spot", "transfer", "USDT", 40, "funding", "spot"),
				List.of("spot", "fetchBalance"),
				List.of("spot", "transfer", "USDT", 15, "spot", "future"),
				List.of("futures", "fetchBalance"),
				List.of("futures", "transfer", "USDT", 5, "future", "spot"),
				List.of("futures", "transfer", "USDT", 2, "spot", "future"),
				List.of("futures", "fetchBalance")));

		assertThat(r).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
		assertThat(r.get(0).path("result").path("USDT").path("total").asDouble()).isEqualTo(100);
		assertThat(r.get(1).path("result").toString()).contains("\"type\":\"main\"", "\"type\":\"trade\"");
		assertThat(r.get(3).path("result").path("USDT").path("free").asDouble()).as("spot after 40 in").isEqualTo(40);
		assertThat(r.get(5).path("result").path("USDT").path("free").asDouble()).as("futures after 15 in").isEqualTo(15);
		assertThat(r.get(8).path("result").path("USDT").path("free").asDouble()).as("15 - 5 + 2").isEqualTo(12);
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void transferWithTransferTypeMovesFundsToAndFromASubAccount() {
		ApiClient.Response created = this.api.post("/api/v1/me/sub-accounts", Map.of("name", "ccxtsub01"), this.token);
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String sub = created.text("id");
		KucoinClient key = key(this.spotPort, List.of("InnerTransfer"), "");

		List<JsonNode> r = ccxt(key, List.of(
				List.of("spot", "transfer", "USDT", 10, "main", "main", Map.of("transferType", "PARENT_TO_SUB",
						"toUserId", sub)),
				List.of("spot", "transfer", "USDT", 4, "main", "trade", Map.of("transferType", "SUB_TO_PARENT",
						"fromUserId", sub)),
				List.of("spot", "transfer", "USDT", 1, "main", "main", Map.of("transferType", "PARENT_TO_SUB",
						"toUserId", UUID.randomUUID().toString()))));

		assertThat(r.get(0).path("ok").asBoolean()).as(r.get(0).toString()).isTrue();
		assertThat(r.get(1).path("ok").asBoolean()).as(r.get(1).toString()).isTrue();
		assertThat(r.get(2).path("ok").asBoolean()).as("another's or no sub-account").isFalse();
		var view = this.api.get("/api/v1/me/sub-accounts/" + sub, this.token).json().path("assets").get(0);
		assertThat(view.path("main").path("total").asString()).isEqualTo("6.000000");
		var users = key.get("/api/v2/sub/user").data();
		assertThat(users.path("items").findValuesAsString("subName")).containsExactly("ccxtsub01");
		assertThat(key.get("/api/v1/sub-accounts/" + sub).data().path("mainAccounts").get(0).path("balance").asString())
			.isEqualTo("6.000000");
		assertThat(key.get("/api/v1/sub/api-key?subName=ccxtsub01").data().size()).as("no key of its own yet").isZero();
		assertThat(key.get("/api/v1/sub/api-key?subName=nosuchsub1").code()).isEqualTo("400100");
		assertThat(key.get("/api/v2/sub/user?currentPage=abc").code()).as("KuCoin's envelope, not problem+json")
			.isEqualTo("400100");
		// A sub-account's key: made with the master's verification in the JSON API, never by a signed call; a signed
		// call may delete it, with the key's own passphrase, as KuCoin asks.
		Map<String, Object> settings = Map.of("name", "subbot", "permissions", List.of("Spot"), "ipAllowList", "");
		Map<String, String> params = new java.util.HashMap<>();
		this.api.post("/api/v1/me/sub-accounts/" + sub + "/api-keys/check", settings, this.token).json()
			.path("stepUpParams").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
		String proof = stepUp("create_api_key", params);
		Map<String, Object> body = new java.util.LinkedHashMap<>(settings);
		body.put("passphrase", "sub-pass-01");
		body.put("tradingPassword", TRADING_PASSWORD);
		String subKey = this.api.post("/api/v1/me/sub-accounts/" + sub + "/api-keys", body, this.token,
				"X-Step-Up-Proof", proof).text("apiKey");
		assertThat(key.post("/api/v1/sub/api-key", "{\"subName\":\"ccxtsub01\",\"passphrase\":\"abcdefgh1\",\"remark\":\"x\"}")
			.code()).as("not served: no verification in a signed call").isEqualTo("404000");
		assertThat(key.send("DELETE", "/api/v1/sub/api-key?subName=ccxtsub01&apiKey=" + subKey + "&passphrase=wrong-pass",
				"", h -> h).code()).isEqualTo("400100");
		assertThat(key.send("DELETE", "/api/v1/sub/api-key?subName=ccxtsub01&apiKey=" + subKey + "&passphrase=sub-pass-01",
				"", h -> h).code()).isEqualTo("200000");
		assertThat(key.get("/api/v1/sub/api-key?subName=ccxtsub01").data().size()).as("deleted at once").isZero();
		KucoinClient futures = key(this.spotPort, List.of("Futures"), "");
		assertThat(key.post("/api/v3/sub/user/futures/enable", "{\"uid\":\"" + sub + "\"}").code())
			.as("needs Futures").isEqualTo("400007");
		assertThat(futures.post("/api/v3/sub/user/futures/enable", "{\"uid\":\"" + sub + "\"}").code())
			.isEqualTo("200000");
		assertThat(ccxt(key, List.of(List.of("spot", "transfer", "USDT", 2, "main", "future",
				Map.of("transferType", "PARENT_TO_SUB", "toUserId", sub)))).get(0).path("ok").asBoolean()).isTrue();
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void refusalsArriveAsCcxtsOwnExceptions() {
		KucoinClient general = key(this.spotPort, List.of(), "");
		KucoinClient bound = key(this.spotPort, List.of(), "203.0.113.5");

		List<JsonNode> denied = ccxt(general, List.of(List.of("spot", "transfer", "USDT", 1, "funding", "spot")));
		List<JsonNode> wrongPassphrase = ccxt(new KucoinClient(this.spotPort, general.apiKey, general.secret,
				"not-the-passphrase", () -> 0), List.of(List.of("spot", "fetchBalance")));
		List<JsonNode> unknownKey = ccxt(new KucoinClient(this.spotPort, "0123456789abcdef01234567", general.secret,
				general.passphrase, () -> 0), List.of(List.of("spot", "fetchBalance")));
		List<JsonNode> wrongSecret = ccxt(new KucoinClient(this.spotPort, general.apiKey,
				"00000000-0000-0000-0000-000000000000", general.passphrase, () -> 0), List.of(List.of("spot", "fetchBalance")));
		List<JsonNode> wrongIp = ccxt(bound, List.of(List.of("spot", "fetchBalance")));

		assertThat(denied.get(0).path("error").asString()).isEqualTo("AuthenticationError");
		assertThat(denied.get(0).path("message").asString()).contains("400007");
		assertThat(wrongPassphrase.get(0).path("error").asString()).isEqualTo("AuthenticationError");
		assertThat(wrongPassphrase.get(0).path("message").asString()).contains("400004");
		assertThat(unknownKey.get(0).path("message").asString()).contains("400003");
		assertThat(wrongSecret.get(0).path("message").asString()).contains("400004");
		assertThat(wrongIp.get(0).path("error").asString()).isEqualTo("AuthenticationError");
		assertThat(wrongIp.get(0).path("message").asString()).contains("400006");
		List<JsonNode> stale = ccxt(general, List.of(List.of("spot", "fetchBalance")), 10_000);
		assertThat(stale.get(0).path("error").asString()).as("a clock 10 s behind").isEqualTo("InvalidNonce");
		assertThat(stale.get(0).path("message").asString()).contains("400002");
	}

	@Test
	void aSpentBudgetArrivesAsRateLimitExceeded() {
		KucoinClient general = key(this.spotPort, List.of(), "");
		// The key has made its 2 000 requests in this 30 s window (the clock stands still between here and the call).
		long window = Math.floorDiv(this.clock.millis(), 30_000L) * 30_000L;
		this.jdbc.sql("insert into kucoin_rate_hits (bucket, window_start, hits) values (?, ?, 2000)")
			.params("key:" + general.apiKey, new java.sql.Timestamp(window))
			.update();

		List<JsonNode> r = ccxt(general, List.of(List.of("spot", "fetchBalance")));

		assertThat(r.get(0).path("error").asString()).isEqualTo("RateLimitExceeded");
		assertThat(r.get(0).path("message").asString()).contains("429000");
	}

	@Test
	void ledgersDepositAddressesAndAWithdrawalWithATransferKeyBoundToThisAddress() {
		this.repository.setKycLevel(this.owner, 1);
		new io.gatehouse.testsupport.ApiClient(this.internalPort).post("/internal/v1/deposit-addresses", Map.of("chain",
				"TRC20", "addresses", List.of(Map.of("address", "TN3W4H6rK2ce4vX9YnFQHwKENnHjoxb3m9"))),
				io.gatehouse.testsupport.TestContextInitializer.WALLET_TOKEN);
		assertThat(this.api.post("/api/v1/me/futures", Map.of("acknowledged", true), this.token).status()).isIn(200, 201);
		KucoinClient key = key(this.spotPort, List.of("InnerTransfer", "Futures", "Transfer"), "127.0.0.1");
		this.clock.advance(java.time.Duration.ofHours(25));

		List<JsonNode> r = ccxt(key, List.of(
				List.of("spot", "transfer", "USDT", 3, "funding", "future"),
				List.of("spot", "fetchLedger", "USDT"),
				List.of("futures", "fetchLedger", "USDT"),
				List.of("spot", "fetchDepositAddress", "USDT", Map.of("network", "TRC20")),
				List.of("futures", "fetchDepositAddress", "USDT"),
				java.util.Arrays.asList("spot", "withdraw", "USDT", 20, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", null,
						Map.of("network", "TRC20")),
				List.of("spot", "fetchWithdrawals", "USDT"),
				java.util.Arrays.asList("spot", "withdraw", "USDT", 20, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", null,
						Map.of("network", "TRC20"))));

		JsonNode badAddress = r.removeLast();
		assertThat(badAddress.path("error").asString()).as("one character off the checksum").isEqualTo("BadRequest");
		assertThat(badAddress.path("message").asString()).contains("400100", "address_invalid");
		assertThat(r).allSatisfy(step -> assertThat(step.path("ok").asBoolean()).as(step.toString()).isTrue());
		assertThat(r.get(1).path("result").size()).as("spot ledger entries").isPositive();
		assertThat(r.get(2).path("result").size()).as("futures ledger entries").isPositive();
		String address = r.get(3).path("result").path("address").asString();
		assertThat(address).as("one from the pool (other tests fill it too)").isNotBlank();
		assertThat(r.get(4).path("result").path("address").asString()).as("the futures class finds the same one")
			.isEqualTo(address);
		String withdrawalId = r.get(5).path("result").path("id").asString();
		assertThat(withdrawalId).isNotBlank();
		assertThat(r.get(6).path("result").findValuesAsString("id")).contains(withdrawalId);
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void createOrderReachesTheTradingApiThroughTheGatekeeper() throws Exception {
		KucoinClient trader = key(this.spotPort, List.of("Spot"), "");
		try (TradingApiStandIn trading = new TradingApiStandIn()) {
			List<JsonNode> r = ccxt(trader, List.of(List.of("spot", "createOrder", "BTC/USDT", "limit", "buy", 0.001, 50000)));

			assertThat(r.get(0).path("ok").asBoolean()).as(r.get(0).toString()).isTrue();
			assertThat(r.get(0).path("result").path("id").asString()).isEqualTo("5bd6e9286d99522a52e458de");
			assertThat(trading.arrived).hasSize(1);
			assertThat(trading.arrived.getFirst().target()).isEqualTo("/api/v1/orders");
			assertThat(trading.arrived.getFirst().body()).contains("\"symbol\":\"BTC-USDT\"");
			assertThat(trading.arrived.getFirst().headers()).containsEntry("x-gatehouse-api-key", trader.apiKey);
		}
	}
}
