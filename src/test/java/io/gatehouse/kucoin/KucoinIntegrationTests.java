package io.gatehouse.kucoin;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import io.gatehouse.apikey.ApiKeyService;
import io.gatehouse.apikey.Permission;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;

import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.SecondNode;
import io.gatehouse.testsupport.TestContextInitializer;
import io.gatehouse.withdraw.WithdrawalRequests;
import io.gatehouse.withdraw.Withdrawals;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * B15 (AK-05 to AK-09) on the KuCoin listeners: signed requests as ccxt makes them, each refusal code by
 * breaking exactly one thing, replays, and transfers on both hosts.
 */
@IntegrationTest
class KucoinIntegrationTests extends KucoinTest {

	@Autowired
	Environment environment;

	@Autowired
	ApiKeyService keys;

	@Autowired
	WithdrawalRequests requests;

	KucoinClient spot(String... permissions) {
		return key(this.spotPort, List.of(permissions), "");
	}

	static String transfer(String clientOid, String amount, String from, String to) {
		return KucoinClient.json(Map.of("clientOid", clientOid, "currency", "USDT", "amount", amount, "type", "INTERNAL",
				"fromAccountType", from, "toAccountType", to));
	}

	@Test
	void publicCallsNeedNoSignatureOnEitherHost() {
		KucoinClient spot = new KucoinClient(this.spotPort, "", "", "", () -> 0);
		KucoinClient futures = new KucoinClient(this.futuresPort, "", "", "", () -> 0);

		assertThat(spot.unsigned("GET", "/api/v1/timestamp").data().asLong()).isEqualTo(this.clock.millis());
		assertThat(futures.unsigned("GET", "/api/v1/timestamp").code()).isEqualTo("200000");
		var currencies = spot.unsigned("GET", "/api/v3/currencies").data();
		assertThat(currencies.findValuesAsString("currency")).contains("USDT", "BTC");
		assertThat(spot.unsigned("GET", "/api/v2/symbols").data().isArray()).isTrue();
		assertThat(futures.unsigned("GET", "/api/v1/contracts/active").data().isArray()).isTrue();
	}

	@Test
	void signedAccountsAndTheKeyDescribeThemselvesAsKucoinDoes() {
		KucoinClient client = spot();

		KucoinClient.Response accounts = client.get("/api/v1/accounts?type=main");
		assertThat(accounts.code()).as(accounts.body()).isEqualTo("200000");
		assertThat(accounts.data().toString()).contains("\"currency\":\"USDT\"", "\"type\":\"main\"",
				"\"balance\":\"100.000000\"", "\"available\":\"100.000000\"", "\"holds\":\"0.000000\"");
		assertThat(client.get("/api/v1/accounts").data().findValuesAsString("type")).contains("main", "trade");
		var key = client.get("/api/v1/user/api-key").data();
		assertThat(key.path("apiKey").asString()).isEqualTo(client.apiKey);
		assertThat(key.path("permission").asString()).isEqualTo("General");
		assertThat(key.path("apiVersion").asInt()).isEqualTo(3);
		assertThat(client.get("/api/ua/v1/account/mode").data().path("selfAccountMode").asString()).isEqualTo("CLASSIC");
		assertThat(client.get("/api/v1/hf/accounts/opened").data().asBoolean()).isFalse();
		KucoinClient.Response limited = client.get("/api/v1/accounts");
		assertThat(limited.headers().get("gw-ratelimit-limit")).as("KuCoin's rate-limit headers").isEqualTo("2000");
		assertThat(Integer.parseInt(limited.headers().get("gw-ratelimit-remaining"))).isLessThan(2000);
	}

	@Test
	void eachRefusalWhenExactlyOneThingIsWrongThenItsOwnCode() {
		KucoinClient client = spot();
		String now = Long.toString(this.clock.millis());

		assertThat(client.send("GET", "/api/v1/accounts", "", h -> { h.remove("KC-API-SIGN"); return h; }).code())
			.as("a header missing").isEqualTo("400001");
		assertThat(new KucoinClient(this.spotPort, "0123456789abcdef01234567", client.secret, client.passphrase,
				() -> this.clock.millis()).get("/api/v1/accounts").code()).as("an unknown key").isEqualTo("400003");
		assertThat(new KucoinClient(this.spotPort, client.apiKey, client.secret, client.passphrase,
				() -> this.clock.millis() - 6_000).get("/api/v1/accounts").code()).as("6 s old").isEqualTo("400002");
		assertThat(new KucoinClient(this.spotPort, client.apiKey, client.secret, client.passphrase,
				() -> this.clock.millis() + 6_000).get("/api/v1/accounts").code()).as("6 s ahead").isEqualTo("400002");
		assertThat(new KucoinClient(this.spotPort, client.apiKey, client.secret, client.passphrase,
				() -> this.clock.millis() / 1000).get("/api/v1/accounts").code()).as("seconds, not milliseconds")
			.isEqualTo("400002");
		assertThat(new KucoinClient(this.spotPort, client.apiKey, client.secret, "another-passphrase",
				() -> this.clock.millis()).get("/api/v1/accounts").code()).as("the passphrase").isEqualTo("400004");
		assertThat(client.send("GET", "/api/v1/accounts", "", h -> { h.put("KC-API-SIGN", "AAAA" + h.get("KC-API-SIGN").substring(4)); return h; }).code())
			.as("the signature").isEqualTo("400005");
		assertThat(client.send("GET", "/api/v1/accounts?type=trade", "", h -> h).code()).isEqualTo("200000");
		assertThat(client.exchange("GET", "/api/v1/accounts?type=main", "",
				client.headers("GET", "/api/v1/accounts?type=trade", "", now)).code()).as("the query changed after signing")
			.isEqualTo("400005");
		String body = transfer("one", "1", "MAIN", "TRADE");
		assertThat(client.send("POST", "/api/v3/accounts/universal-transfer", body, body.replace("\"1\"", "\"2\""), h -> h)
			.code()).as("the body differs by one byte").isEqualTo("400005");
		assertThat(client.post("/api/v3/accounts/universal-transfer", body).code())
			.as("a General key cannot transfer").isEqualTo("400007");
		assertThat(this.jdbc.sql("select reason from security_events where account_id = ? and type = 'authz_fail'")
			.param(this.owner).query(String.class).list()).as("AK-02: the owner's log shows the key used beyond its rights")
			.containsExactly("400007");
		assertThat(client.get("/api/v1/margin/borrow").code()).as("a path this host does not serve").isEqualTo("404000");
		var plainV1 = client.send("GET", "/api/v1/accounts", "", h -> {
			h.put("KC-API-KEY-VERSION", "1");
			h.put("KC-API-PASSPHRASE", client.passphrase);
			return h;
		});
		assertThat(plainV1.code()).as("key version 1 sends the passphrase itself").isEqualTo("200000");
		assertThat(client.send("GET", "/api/v1/accounts", "", h -> { h.put("KC-API-TIMESTAMP", "12ab"); return h; }).code())
			.isEqualTo("400002");
	}

	@Test
	void ak05WhenTheKeyIsBoundToAnotherAddressThenRefusedWhateverTheForwardedHeadersSay() {
		KucoinClient bound = key(this.spotPort, List.of(), "203.0.113.5");

		var refused = bound.send("GET", "/api/v1/accounts", "", h -> {
			h.put("X-Forwarded-For", "203.0.113.5");
			h.put("X-Real-IP", "203.0.113.5");
			h.put("Forwarded", "for=203.0.113.5");
			h.put("True-Client-IP", "203.0.113.5");
			return h;
		});

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("400006");
		assertThat(refused.json().path("msg").asString()).contains("127.0.0.1");
	}

	@Test
	void universalTransferMovesFundsAndAReplayOrTwentyIdenticalRequestsMoveThemOnce() throws Exception {
		KucoinClient client = spot("InnerTransfer");
		String body = transfer("ccxt-1", "10", "MAIN", "TRADE");
		String path = "/api/v3/accounts/universal-transfer";
		var headers = client.headers("POST", path, body, Long.toString(this.clock.millis()));

		var done = client.exchange("POST", path, body, headers);
		var replay = client.exchange("POST", path, body, headers);

		assertThat(done.code()).as(done.body()).isEqualTo("200000");
		assertThat(done.data().path("orderId").asString()).isNotBlank();
		assertThat(replay.code()).as("the same signed request again").isEqualTo("400002");
		String race = transfer("ccxt-2", "5", "MAIN", "TRADE");
		var raceHeaders = client.headers("POST", path, race, Long.toString(this.clock.millis()));
		int succeeded = Race.successes(20, () -> client.exchange("POST", path, race, raceHeaders).code().equals("200000"));
		assertThat(succeeded).isOne();
		assertThat(this.ledgerAccounts.balance(this.owner, "USDT", LedgerAccountType.TRADE).total())
			.isEqualTo(BigInteger.valueOf(15_000_000));
		assertThat(client.post(path, transfer("ccxt-3", "1000", "MAIN", "TRADE")).code()).as("more than there is")
			.isEqualTo("200004");
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void futuresHostTransfersInAndOutAndShowsTheAccount() {
		assertThat(this.api.post("/api/v1/me/futures", Map.of("acknowledged", true), this.token).status()).isIn(200, 201);
		KucoinClient futures = key(this.futuresPort, List.of("Futures"), "");

		var in = futures.post("/api/v1/transfer-in", "{\"currency\":\"USDT\",\"amount\":\"30\",\"payAccountType\":\"MAIN\"}");
		assertThat(in.code()).as(in.body()).isEqualTo("200000");
		var overview = futures.get("/api/v1/account-overview?currency=USDT&code=USDT");
		assertThat(overview.data().path("availableBalance").decimalValue()).isEqualByComparingTo("30");
		assertThat(overview.data().path("availableBalance").isNumber()).isTrue();
		var out = futures.post("/api/v2/transfer-out", "{\"currency\":\"USDT\",\"amount\":12.5,\"recAccountType\":\"TRADE\"}");
		assertThat(out.code()).as(out.body()).isEqualTo("200000");
		assertThat(out.data().path("recAccountType").asString()).isEqualTo("TRADE");
		assertThat(this.ledgerAccounts.balance(this.owner, "USDT", LedgerAccountType.CONTRACT).total())
			.isEqualTo(BigInteger.valueOf(17_500_000));
		assertThat(futures.get("/api/v1/accounts").code()).as("the spot host's paths are not on the futures port")
			.isEqualTo("404000");
	}

	@Test
	void ak09WhenTheKeyIsDeletedOrSuspendedThenTheNextCallIsRefused() {
		KucoinClient client = spot();
		assertThat(client.get("/api/v1/accounts").code()).isEqualTo("200000");
		String id = this.api.get("/api/v1/me/api-keys", this.token).json().path("apiKeys").get(0).path("id").asString();

		assertThat(this.api.delete("/api/v1/me/api-keys/" + id, this.token).status()).isEqualTo(204);

		assertThat(client.get("/api/v1/accounts").code()).isEqualTo("400003");
	}

	@Test
	void theEndpointsExistOnlyOnTheKucoinPortsAndTheCustomerApiNotThere() {
		assertThat(this.api.get("/kucoin/spot/api/v1/timestamp", null).status()).isEqualTo(404);
		KucoinClient spot = new KucoinClient(this.spotPort, "", "", "", () -> 0);
		assertThat(spot.unsigned("GET", "/api/v1/me").code()).isEqualTo("404000");
		assertThat(spot.unsigned("GET", "/kucoin/spot/api/v1/timestamp").code()).isEqualTo("404000");
	}

	@Test
	void permissionMatrixEveryRouteRefusesAKeyWithoutItsPermissionAndServesOneWithIt() {
		KucoinClient general = spot();
		KucoinClient everything = key(this.spotPort, List.of("Spot", "Margin", "Futures", "InnerTransfer", "Transfer"),
				"127.0.0.1");
		KucoinClient generalFutures = new KucoinClient(this.futuresPort, general.apiKey, general.secret,
				general.passphrase, () -> this.clock.millis());
		KucoinClient everythingFutures = new KucoinClient(this.futuresPort, everything.apiKey, everything.secret,
				everything.passphrase, () -> this.clock.millis());
		int checked = 0;
		for (Host host : Host.values()) {
			for (var route : KucoinRoutes.all(host).entrySet()) {
				if (!route.getValue().signed()) {
					continue;
				}
				String method = route.getKey().substring(0, route.getKey().indexOf(' '));
				String path = route.getKey().substring(method.length() + 1).replace("{id}", UUID.randomUUID().toString())
						+ (method.equals("GET") ? "?currency=USDT" : "");
				String body = method.equals("POST") ? "{}" : "";
				KucoinClient weak = host == Host.SPOT ? general : generalFutures;
				KucoinClient strong = host == Host.SPOT ? everything : everythingFutures;
				String weakCode = weak.send(method, path, body, h -> h).code();
				String strongCode = strong.send(method, path, body, h -> h).code();
				if (route.getValue().permission() == Permission.GENERAL) {
					assertThat(weakCode).as(route.getKey()).isNotEqualTo("400007");
				}
				else {
					assertThat(weakCode).as(route.getKey()).isEqualTo("400007");
				}
				assertThat(strongCode).as(route.getKey()).isNotIn("400007", "400005", "400003", "404000", "500000");
				checked++;
			}
		}
		assertThat(checked).isGreaterThan(15);
	}

	@Test
	void regionsWhenBlockedThenAKeyKeepsItsWithdrawalCallsAloneAndWhenWithdrawOnlyThenNoTrading() {
		KucoinClient everything = key(this.spotPort, List.of("Spot", "Margin", "Futures", "InnerTransfer", "Transfer"),
				"127.0.0.1");
		KucoinClient futures = new KucoinClient(this.futuresPort, everything.apiKey, everything.secret,
				everything.passphrase, () -> this.clock.millis());
		String transfer = transfer("blocked-1", "1", "MAIN", "TRADE");
		String order = "{\"clientOid\":\"o1\",\"side\":\"buy\",\"symbol\":\"BTC-USDT\",\"type\":\"limit\","
				+ "\"price\":\"50000\",\"size\":\"0.001\"}";

		// The owner declared North Korea (BLOCKED by default): the stricter of address and declaration applies.
		this.jdbc.sql("update accounts set country = 'KP' where id = ?").param(this.owner).update();
		assertThat(everything.get("/api/v1/withdrawals?currency=USDT").code()).isEqualTo("200000");
		assertThat(everything.get("/api/v1/withdrawals/quotas?currency=USDT").code()).isEqualTo("200000");
		assertThat(everything.get("/api/v1/accounts").code()).as("balances beyond the quota").isEqualTo("400007");
		assertThat(everything.get("/api/v1/accounts/ledgers?currency=USDT").code()).isEqualTo("400007");
		assertThat(futures.get("/api/v1/account-overview?currency=USDT").code()).isEqualTo("400007");
		assertThat(everything.post("/api/v3/accounts/universal-transfer", transfer).code()).isEqualTo("400007");
		assertThat(everything.post("/api/v1/orders", order).code()).isEqualTo("400007");
		int withdrawalCalls = 0;
		for (Host host : Host.values()) {
			for (var route : KucoinRoutes.all(host).entrySet()) {
				if (route.getValue().signed()) {
					boolean kept = route.getKey().contains("withdrawals");
					withdrawalCalls += kept ? 1 : 0;
					assertThat(RegionAccess.BLOCKED.permits(route.getValue().region())).as(route.getKey()).isEqualTo(kept);
				}
			}
		}
		assertThat(withdrawalCalls).as("list, history, quotas, make, cancel").isEqualTo(5);

		// The US is WITHDRAW_ONLY here: reading and moving one's own funds stay, trading goes.
		this.jdbc.sql("update accounts set country = 'US' where id = ?").param(this.owner).update();
		assertThat(everything.get("/api/v1/accounts").code()).isEqualTo("200000");
		assertThat(everything.post("/api/v3/accounts/universal-transfer", transfer).code()).isEqualTo("200000");
		assertThat(everything.post("/api/v1/orders", order).code()).isEqualTo("400007");
		assertThat(futures.post("/api/v1/transfer-in", "{\"currency\":\"USDT\",\"amount\":\"1\",\"payAccountType\":\"MAIN\"}")
			.code()).isEqualTo("400007");
	}

	@Test
	void ledgersDepositAddressesAndAWithdrawalWithATransferKey() {
		this.repository.setKycLevel(this.owner, 1);
		ApiClient wallet = new ApiClient(this.internalPort);
		String pooled = "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8";
		assertThat(wallet.post("/internal/v1/deposit-addresses", Map.of("chain", "TRC20", "addresses",
				List.of(Map.of("address", pooled))), TestContextInitializer.WALLET_TOKEN)
			.status()).isEqualTo(200);
		KucoinClient client = key(this.spotPort, List.of("InnerTransfer", "Transfer"), "127.0.0.1");
		assertThat(client.post("/api/v3/accounts/universal-transfer", transfer("led-1", "7", "MAIN", "TRADE")).code())
			.isEqualTo("200000");

		var ledgers = client.get("/api/v1/accounts/ledgers?currency=USDT&bizType=TRANSFER").data();
		assertThat(ledgers.path("items").findValuesAsString("direction")).contains("in", "out");
		assertThat(ledgers.path("items").get(0).path("bizType").asString()).isEqualTo("TRANSFER");
		var address = client.get("/api/v1/deposit-addresses?currency=USDT&chain=trx").data();
		assertThat(address.path("address").asString()).as("one from the pool (other tests fill it too)").isNotBlank();
		assertThat(address.path("chainId").asString()).isEqualTo("trx");
		assertThat(client.get("/api/v3/deposit-addresses?currency=USDT").data().get(0).path("address").asString())
			.isEqualTo(address.path("address").asString());
		assertThat(client.get("/api/v1/deposit-addresses?currency=USDT&chain=trx").data().path("address").asString())
			.as("the same one ever after").isEqualTo(address.path("address").asString());

		String withdrawal = "{\"currency\":\"USDT\",\"toAddress\":\"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t\","
				+ "\"withdrawType\":\"ADDRESS\",\"chain\":\"trx\",\"amount\":20}";
		var cooling = client.post("/api/v3/withdrawals", withdrawal);
		assertThat(cooling.code()).as("the key with Transfer started the cooldown").isEqualTo("400100");
		assertThat(cooling.json().path("msg").asString()).contains("withdrawal_cooldown");
		this.clock.advance(Duration.ofHours(25));
		var made = client.post("/api/v3/withdrawals", withdrawal);
		assertThat(made.code()).as(made.body()).isEqualTo("200000");
		String id = made.data().path("withdrawalId").asString();
		var listed = client.get("/api/v1/withdrawals?currency=USDT").data().path("items");
		assertThat(listed.get(0).path("id").asString()).isEqualTo(id);
		assertThat(listed.get(0).path("status").asString()).as("first use of the address: reviewed").isEqualTo("REVIEW");
		assertThat(client.send("DELETE", "/api/v1/withdrawals/" + id, "", h -> h).code()).isEqualTo("200000");
		assertThat(client.get("/api/v1/withdrawals?currency=USDT").data().path("items").get(0).path("status").asString())
			.isEqualTo("FAILURE");
		String second = client.post("/api/v3/withdrawals", withdrawal.replace("20}", "21}")).data().path("withdrawalId")
			.asString();
		// The owner's session ended with the day the clock moved; the owner deletes the key as the page would.
		UUID keyId = this.jdbc.sql("select id from api_keys where api_key = ?").param(client.apiKey).query(UUID.class)
			.single();
		assertThat(this.keys.delete(new Actor.Customer(this.owner, UUID.randomUUID()), keyId,
				RequestContext.of(ClientIp.of("127.0.0.1"), "test"))).isEmpty();
		assertThat(this.jdbc.sql("select status || ':' || outcome_reason from withdrawals where id = ?::uuid").param(second)
			.query(String.class).single()).as("deleting the key stops what it asked for")
			.isEqualTo("CANCELLED:api_key_revoked");
		// A request already past the signature check when the key goes: its own transaction finds the key gone.
		assertThat(this.requests.submitByKey(this.owner, keyId, new Withdrawals.Request("late-1", "USDT", "TRC20",
				"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", null, "20"), RequestContext.of(ClientIp.of("127.0.0.1"), "test")))
			.isInstanceOfSatisfying(Withdrawals.Result.Refused.class,
					r -> assertThat(r.rejection().code()).isEqualTo("api_key_revoked"));
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void gatekeeperWhenATradingPathIsSignedWithItsPermissionThenForwardedWithTheVerifiedAccountAndNoSecrets()
			throws Exception {
		KucoinClient general = spot();
		KucoinClient trader = spot("Spot");
		String order = "{\"clientOid\":\"o-1\",\"side\":\"buy\",\"symbol\":\"BTC-USDT\",\"type\":\"limit\","
				+ "\"price\":\"50000\",\"size\":\"0.001\"}";
		try (TradingApiStandIn trading = new TradingApiStandIn()) {
			assertThat(general.post("/api/v1/orders", order).code()).as("a General key cannot trade").isEqualTo("400007");
			assertThat(trader.send("POST", "/api/v1/orders", order, h -> { h.put("KC-API-SIGN", "AAAA" + h.get("KC-API-SIGN").substring(4)); return h; })
				.code()).isEqualTo("400005");
			assertThat(trading.arrived).as("nothing unverified reaches the trading API").isEmpty();

			var placed = trader.post("/api/v1/orders", order);
			var listed = general.get("/api/v1/orders?status=active");
			var unknown = trader.post("/api/v1/lend/orders", "{}");

			assertThat(placed.code()).as(placed.body()).isEqualTo("200000");
			assertThat(placed.data().path("orderId").asString()).isEqualTo("5bd6e9286d99522a52e458de");
			assertThat(listed.code()).as("reading orders needs General only").isEqualTo("200000");
			assertThat(unknown.code()).as("a path with no known permission is never forwarded").isEqualTo("404000");
			assertThat(trading.arrived).hasSize(2);
			TradingApiStandIn.Arrived first = trading.arrived.getFirst();
			assertThat(first.method()).isEqualTo("POST");
			assertThat(first.target()).isEqualTo("/api/v1/orders");
			assertThat(first.body()).isEqualTo(order);
			assertThat(first.headers()).containsEntry("x-gatehouse-account-id", this.owner.toString())
				.containsEntry("x-gatehouse-api-key", trader.apiKey)
				.containsEntry("x-gatehouse-permissions", "General,Spot");
			assertThat(first.headers().keySet()).noneMatch(h -> h.startsWith("kc-"));
			assertThat(trading.arrived.get(1).target()).isEqualTo("/api/v1/orders?status=active");
		}
		var down = trader.post("/api/v1/orders", order.replace("o-1", "o-2"));
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.code()).as("the trading API down: KuCoin's 500000, never a bare error").isEqualTo("500000");
	}

	@Test
	void internalAskWhenAGatewayAsksWhetherASignedRequestOrASessionIsValidThenTheSameAnswerAsTheListeners() {
		KucoinClient client = spot("InnerTransfer");
		ApiClient internal = new ApiClient(this.internalPort);
		String token = TestContextInitializer.WALLET_TOKEN;
		String body = transfer("ask-1", "1", "MAIN", "TRADE");
		var headers = client.headers("POST", "/api/v3/accounts/universal-transfer", body, Long.toString(this.clock.millis()));
		Map<String, Object> asked = new java.util.LinkedHashMap<>(Map.of("host", "spot", "method", "POST", "path",
				"/api/v3/accounts/universal-transfer", "body", body, "headers", headers, "ip", "127.0.0.1"));

		var valid = internal.post("/internal/v1/kucoin/verify", asked, token);
		var again = internal.post("/internal/v1/kucoin/verify", asked, token);
		asked.put("body", body.replace("\"1\"", "\"2\""));
		var tampered = internal.post("/internal/v1/kucoin/verify", asked, token);

		assertThat(valid.json().path("valid").asBoolean()).as(valid.body()).isTrue();
		assertThat(valid.text("accountId")).isEqualTo(this.owner.toString());
		assertThat(valid.text("needed")).isEqualTo("InnerTransfer");
		assertThat(again.text("code")).as("asking twice is a replay").isEqualTo("400002");
		assertThat(tampered.text("code")).isEqualTo("400005");
		assertThat(internal.post("/internal/v1/kucoin/verify", asked, client.apiKey).status()).as("a service token only")
			.isEqualTo(401);

		var session = internal.post("/internal/v1/sessions/verify", Map.of("token", this.token), token);
		assertThat(session.json().path("valid").asBoolean()).isTrue();
		assertThat(session.text("accountId")).isEqualTo(this.owner.toString());
		assertThat(internal.post("/internal/v1/sessions/verify", Map.of("token", "ghs_nonsense"), token).json()
			.path("valid").asBoolean()).isFalse();
	}

	@Test
	void twoNodesWhenAKeyIsDeletedOnOneThenTheOtherRefusesItAtOnce() {
		KucoinClient client = spot();
		try (var second = SecondNode.startLike(this.environment, this.clock, true)) {
			KucoinClient onSecond = new KucoinClient(second.kucoinSpotPort(), client.apiKey, client.secret,
					client.passphrase, () -> this.clock.millis());
			assertThat(onSecond.get("/api/v1/accounts").code()).isEqualTo("200000");
			String id = this.api.get("/api/v1/me/api-keys", this.token).json().path("apiKeys").get(0).path("id").asString();

			assertThat(this.api.delete("/api/v1/me/api-keys/" + id, this.token).status()).isEqualTo(204);

			assertThat(onSecond.get("/api/v1/accounts").code()).as("no cache: the other node sees it at once")
				.isEqualTo("400003");
		}
	}

	@Test
	void badInputOnTheKucoinPortsAlwaysGetsKucoinsEnvelopeNeverA500() {
		KucoinClient client = spot("InnerTransfer");
		KucoinClient general = spot();

		assertThat(client.post("/api/v3/accounts/universal-transfer", "{\"clientOid\":\"x1\",\"currency\":\"USDT\","
				+ "\"amount\":1e999999999,\"type\":\"INTERNAL\",\"fromAccountType\":\"MAIN\",\"toAccountType\":\"TRADE\"}")
			.code()).as("an eleven-character number a billion digits long").isEqualTo("400100");
		assertThat(client.post("/api/v3/accounts/universal-transfer", "[1,2").code()).isEqualTo("400100");
		assertThat(client.send("GET", "/api/v1/accounts", "", h -> { h.put("KC-API-TIMESTAMP", "9999999999999999999"); return h; })
			.code()).as("a 19-digit timestamp").isEqualTo("400002");
		assertThat(general.get("/api/v1/withdrawals/quotas").code()).as("a required parameter missing").isEqualTo("400100");
		assertThat(general.get("/api/v1/accounts/ledgers?pageSize=abc").code()).isEqualTo("400100");
		assertThat(general.get("/api/v1/accounts/ledgers?startAt=99999999999999999").code()).isEqualTo("200000");
	}
}
