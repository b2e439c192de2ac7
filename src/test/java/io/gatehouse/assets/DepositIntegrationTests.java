package io.gatehouse.assets;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.ledger.LedgerCheck;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestContextInitializer;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/** Deposits: the wallet service on the internal listener fills the pool and credits; the owner is told. */
@IntegrationTest
class DepositIntegrationTests extends ApiTest {

	@Value("${gatehouse.internal.port}")
	int internalPort;

	@Autowired
	LedgerCheck check;

	ApiClient wallet;

	String email;

	String token;

	@BeforeEach
	void owner() {
		this.wallet = new ApiClient(this.internalPort);
		this.email = this.accounts.create();
		this.token = this.accounts.signIn(this.email, TestAccounts.PASSWORD);
		fill("ERC20", 3, false);
		fill("XRP", 2, true);
	}

	@Test
	void anAddressIsTheOwnersForGoodAndADepositToItLandsInFundingAndIsToldByEmail() throws Exception {
		ApiClient.Response given = address("USDT", "erc20");
		ApiClient.Response again = address("USDT", "ERC20");

		assertThat(given.status()).as(given.body()).isEqualTo(200);
		assertThat(given.text("chainName")).isEqualTo("Ethereum network (ERC20)");
		assertThat(given.json().get("memo").isNull()).isTrue();
		assertThat(again.text("address")).isEqualTo(given.text("address"));
		assertThat(this.api.get("/api/v1/me/deposit-addresses", this.token).json().get("addresses")).hasSize(1);

		String txHash = "0x" + UUID.randomUUID().toString().replace("-", "");
		ApiClient.Response credited = deposit("USDT", "ERC20", given.text("address"), null, txHash, 0, "250.5");
		ApiClient.Response repeated = deposit("USDT", "ERC20", given.text("address"), null, txHash, 0, "250.5");
		ApiClient.Response conflicting = deposit("USDT", "ERC20", given.text("address"), null, txHash, 0, "999");

		assertThat(credited.status()).as(credited.body()).isEqualTo(201);
		assertThat(repeated.status()).isEqualTo(200);
		assertThat(repeated.text("transferId")).isEqualTo(credited.text("transferId"));
		assertThat(conflicting.status()).isEqualTo(409);
		assertThat(conflicting.text("code")).isEqualTo("deposit_conflict");
		var usdt = asset("USDT");
		assertThat(usdt.get("accounts").get("main").get("available").asString()).isEqualTo("250.500000");
		String mail = TestMail.to(this.email, 3)
			.stream()
			.map(TestMail::body)
			.filter(b -> b.contains("arrived"))
			.findFirst()
			.orElseThrow();
		assertThat(mail).contains("250.500000 USDT").contains("Ethereum network (ERC20)").contains(txHash.substring(2));
		assertThat(deposit("USDT", "ERC20", given.text("address"), null, txHash.toUpperCase().replace("0X", "0x"), 0,
				"250.5").status()).as("the same hash in capitals is the same deposit").isEqualTo(200);
		assertThat(deposit("ETH", "ERC20", given.text("address"), null, txHash, 0, "0.1").status())
			.as("the native coin at the same output of the same transaction is another deposit").isEqualTo(201);
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void aMemoChainGivesAMemoAndOnlyTheRightMemoCredits() {
		ApiClient.Response given = address("XRP", "XRP");
		String memo = given.text("memo");

		assertThat(memo).isNotBlank();
		assertThat(given.json().get("needsMemo").asBoolean()).isTrue();
		assertThat(deposit("XRP", "XRP", given.text("address"), "999999999", "tx-" + UUID.randomUUID(), 0, "5").text(
				"code")).isEqualTo("deposit_address_unknown");
		assertThat(deposit("XRP", "XRP", given.text("address"), memo, "tx-" + UUID.randomUUID(), 0, "5").status())
			.isEqualTo(201);
	}

	@Test
	void theSameOutputSentTwentyTimesAtOnceThenOneCredit() throws Exception {
		ApiClient.Response given = address("ETH", "ERC20");
		String txHash = "tx-" + UUID.randomUUID();

		int answered = Race.successes(20,
				() -> deposit("ETH", "ERC20", given.text("address"), null, txHash, 3, "1.5").status() < 300);

		assertThat(answered).isEqualTo(20);
		assertThat(asset("ETH").get("accounts").get("main").get("total").asString()).isEqualTo("1.50000000");
	}

	@Test
	void theInternalApiAnswersOnlyOnItsPortAndOnlyToAServiceToken() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		String body = "{\"chain\":\"ERC20\",\"addresses\":[{\"address\":\"x1\"}]}";
		int noToken = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.internalPort
				+ "/internal/v1/deposit-addresses")).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
		int wrongToken = this.wallet.post("/internal/v1/deposit-addresses", Map.of("chain", "ERC20", "addresses",
				List.of(Map.of("address", "x2"))), "not-the-token").status();
		int publicPort = this.api.post("/internal/v1/deposit-addresses", Map.of("chain", "ERC20", "addresses",
				List.of(Map.of("address", "x3"))), TestContextInitializer.WALLET_TOKEN).status();
		int customerPathOnInternalPort = this.wallet.get("/api/v1/currencies", TestContextInitializer.WALLET_TOKEN)
			.status();
		int customerTokenOnInternalPort = this.wallet.post("/internal/v1/deposit-addresses", Map.of("chain", "ERC20",
				"addresses", List.of(Map.of("address", "x4"))), this.token).status();

		assertThat(noToken).isEqualTo(401);
		assertThat(wrongToken).isEqualTo(401);
		assertThat(publicPort).isEqualTo(404);
		assertThat(customerPathOnInternalPort).isEqualTo(404);
		assertThat(customerTokenOnInternalPort).isEqualTo(401);
		assertThat(this.wallet.get("/staff/signin", null).status()).as("the staff console is not there").isEqualTo(404);
	}

	@Test
	void badDepositsAndAddressesThen4xxAndNothingWritten() {
		ApiClient.Response given = address("USDT", "TRC20");
		assertThat(given.status()).as("no TRC20 address in the pool").isEqualTo(503);
		assertThat(given.text("code")).isEqualTo("deposit_address_unavailable");
		assertThat(address("USDT", "BEP20").text("code")).isEqualTo("chain_unknown");
		assertThat(address("DOGE", "ERC20").text("code")).isEqualTo("currency_unknown");
		String erc20 = address("USDT", "ERC20").text("address");
		assertThat(deposit("USDT", "ERC20", erc20, null, "t", 0, "1.0000001").text("code")).isEqualTo("amount_invalid");
		assertThat(deposit("USDT", "ERC20", erc20, null, "t x", 0, "1").text("code")).isEqualTo("transaction_invalid");
		assertThat(deposit("USDT", "ERC20", erc20, null, "t", -1, "1").text("code")).isEqualTo("transaction_invalid");
		assertThat(deposit("USDT", "ERC20", "nobody", null, "t", 0, "1").status()).isEqualTo(404);
		assertThat(this.wallet.post("/internal/v1/deposits", Map.of("currency", "USDT", "chain", "ERC20", "address",
				erc20, "transactionHash", "no-index", "amount", "1"), TestContextInitializer.WALLET_TOKEN).status())
			.as("an output index is never assumed").isEqualTo(400);
		assertThat(this.wallet.post("/internal/v1/deposit-addresses",
				Map.of("chain", "XRP", "addresses", List.of(Map.of("address", "rNoMemo"))),
				TestContextInitializer.WALLET_TOKEN).text("code")).isEqualTo("address_invalid");
		assertThat(asset("USDT").get("total").asString()).isEqualTo("0.000000");
	}

	private void fill(String chain, int count, boolean memo) {
		List<Map<String, String>> addresses = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			String address = "T-" + chain + "-" + UUID.randomUUID();
			addresses.add(memo ? Map.of("address", address, "memo", Integer.toString(100_000 + i)) : Map.of("address",
					address));
		}
		ApiClient.Response r = this.wallet.post("/internal/v1/deposit-addresses",
				Map.of("chain", chain, "addresses", addresses), TestContextInitializer.WALLET_TOKEN);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		assertThat(r.json().get("added").asInt()).isEqualTo(count);
	}

	private ApiClient.Response address(String currency, String chain) {
		return this.api.post("/api/v1/me/deposit-addresses", Map.of("currency", currency, "chain", chain), this.token);
	}

	private ApiClient.Response deposit(String currency, String chain, String address, String memo, String tx, int index,
			String amount) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("currency", currency, "chain", chain, "address",
				address, "transactionHash", tx, "outputIndex", index, "amount", amount));
		if (memo != null) {
			body.put("memo", memo);
		}
		return this.wallet.post("/internal/v1/deposits", body, TestContextInitializer.WALLET_TOKEN);
	}

	private tools.jackson.databind.JsonNode asset(String currency) {
		for (var asset : this.api.get("/api/v1/me/assets", this.token).json().get("assets")) {
			if (asset.get("currency").asString().equals(currency)) {
				return asset;
			}
		}
		throw new AssertionError("no " + currency);
	}
}
