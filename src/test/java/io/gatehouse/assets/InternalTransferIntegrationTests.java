package io.gatehouse.assets;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.account.AccountStatusService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.ledger.LedgerCheck;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** B14 (IT-01, IT-03, IT-04, IT-06, IT-08): internal transfers through the JSON API. */
@IntegrationTest
class InternalTransferIntegrationTests extends ApiTest {

	@Autowired
	Ledger ledger;

	@Autowired
	Currencies currencies;

	TestFunds funds;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	LedgerCheck check;

	@Autowired
	AccountStatusService statuses;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	InternalTransfers transfers;

	String token;

	UUID owner;

	@BeforeEach
	void owner() {
		this.funds = new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx);
		this.token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		this.owner = UUID.fromString(this.api.get("/api/v1/me", this.token).text("id"));
	}

	@Test
	void transferWhenCoveredThenBothBalancesMoveAndTheStatementShowsBothPostings() {
		this.funds.deposit(this.owner, "USDT", "100");

		ApiClient.Response moved = transfer("t-1", "USDT", "40.5", "main", "trade");

		assertThat(moved.status()).isEqualTo(201);
		assertThat(moved.json().get("repeated").asBoolean()).isFalse();
		Map<String, String> usdt = balances("USDT");
		assertThat(usdt).containsEntry("main", "59.500000").containsEntry("trade", "40.500000")
			.containsEntry("total", "100.000000");
		var postings = this.api.get("/api/v1/me/ledger?currency=usdt", this.token).json().get("postings");
		assertThat(postings).hasSize(3);
		assertThat(postings.get(0).get("kind").asString()).isEqualTo("internal_transfer");
		assertThat(List.of(postings.get(0).get("account").asString(), postings.get(1).get("account").asString()))
			.containsExactlyInAnyOrder("main", "trade");
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void it03SameClientOidAndBodyThenTheFirstResultAgainAndAnotherBodyThen409() {
		this.funds.deposit(this.owner, "USDT", "100");
		ApiClient.Response first = transfer("same-id", "USDT", "10", "main", "trade");

		ApiClient.Response again = transfer("same-id", "USDT", "10", "MAIN", "TRADE");
		ApiClient.Response other = transfer("same-id", "USDT", "11", "main", "trade");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.text("transferId")).isEqualTo(first.text("transferId"));
		assertThat(again.json().get("repeated").asBoolean()).isTrue();
		assertThat(other.status()).isEqualTo(409);
		assertThat(other.text("code")).isEqualTo("idempotency_key_reused");
		assertThat(balances("USDT")).containsEntry("main", "90.000000").containsEntry("trade", "10.000000");
	}

	@Test
	void it01TwentyConcurrentTransfersWhenTheBalanceCoversThreeThenExactlyThree() throws Exception {
		this.funds.deposit(this.owner, "BTC", "1");
		AtomicInteger n = new AtomicInteger();

		int succeeded = Race.successes(20,
				() -> transfer("race-" + n.incrementAndGet(), "BTC", "0.3", "main", "trade").status() == 201);

		assertThat(succeeded).isEqualTo(3);
		assertThat(balances("BTC")).containsEntry("main", "0.10000000").containsEntry("trade", "0.90000000");
		assertThat(this.ledgerAccounts.balance(this.owner, "BTC", LedgerAccountType.MAIN).available())
			.isEqualTo(BigInteger.valueOf(10_000_000));
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void it03TheSameClientOidTwentyTimesAtOnceThenOneTransfer() throws Exception {
		this.funds.deposit(this.owner, "USDT", "100");
		AtomicInteger created = new AtomicInteger();

		int answered = Race.successes(20, () -> {
			ApiClient.Response r = transfer("once", "USDT", "1", "main", "trade");
			if (r.status() == 201) {
				created.incrementAndGet();
			}
			return r.status() == 201 || r.status() == 200;
		});

		assertThat(answered).isEqualTo(20);
		assertThat(created.get()).isEqualTo(1);
		assertThat(balances("USDT")).containsEntry("main", "99.000000").containsEntry("trade", "1.000000");
		assertThat(this.api.get("/api/v1/me/ledger?currency=USDT&account=trade", this.token).json().get("postings"))
			.hasSize(1);
	}

	@Test
	void it04EveryMalformedAmountThen400AndNothingMoves() {
		this.funds.deposit(this.owner, "USDT", "100");
		List<Object> bad = List.of("-1", "0", "0.000000", "1e309", "1E2", "NaN", "Infinity", "\"Infinity\"",
				"0.0000001", "1234567890123456789012345678901234567890", "99999999999999.999999", " 1", "1 ", "1,5",
				"1.", ".5", "+1", "0x10", "１", "", 10, 1.5);

		for (Object amount : bad) {
			ApiClient.Response r = this.api.post("/api/v1/me/transfers", Map.of("clientOid", "bad-" + bad.indexOf(amount),
					"currency", "USDT", "amount", amount, "from", "main", "to", "trade"), this.token);
			assertThat(r.status()).as("amount %s", amount).isEqualTo(400);
			assertThat(r.text("code")).as("amount %s", amount).isEqualTo("amount_invalid");
		}
		assertThat(balances("USDT")).containsEntry("main", "100.000000").containsEntry("trade", "0.000000");
		assertThat(this.api.get("/api/v1/me/ledger?account=trade", this.token).json().get("postings")).isEmpty();
	}

	@Test
	void badCurrencyAccountOrClientOidThen400WithItsCode() {
		assertThat(transfer("x", "DOGE", "1", "main", "trade").text("code")).isEqualTo("currency_unknown");
		assertThat(transfer("x", "USDT", "1", "main", "margin").text("code")).isEqualTo("account_type_invalid");
		assertThat(transfer("x", "USDT", "1", "trade", "trade").text("code")).isEqualTo("transfer_same_account");
		assertThat(transfer("has space", "USDT", "1", "main", "trade").text("code")).isEqualTo("client_oid_invalid");
		assertThat(transfer("y".repeat(65), "USDT", "1", "main", "trade").text("code")).isEqualTo("client_oid_invalid");
		assertThat(this.api.post("/api/v1/me/transfers", Map.of("clientOid", "z"), this.token).status()).isEqualTo(400);
		assertThat(transfer("x", "USDT", "1", "main", "trade").text("code")).isEqualTo("insufficient_balance");
	}

	@Test
	void futuresWhenNotActivatedThenRefusedWithTheWayToActivateAndAfterActivationAllowed() {
		this.funds.deposit(this.owner, "USDT", "100");

		ApiClient.Response refused = transfer("f-1", "USDT", "5", "main", "contract");
		ApiClient.Response unacknowledged = this.api.post("/api/v1/me/futures", Map.of("acknowledged", false),
				this.token);
		ApiClient.Response activated = this.api.post("/api/v1/me/futures", Map.of("acknowledged", true), this.token);
		ApiClient.Response allowed = transfer("f-2", "USDT", "5", "main", "contract");
		ApiClient.Response back = transfer("f-3", "USDT", "2", "contract", "trade");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("code")).isEqualTo("futures_not_activated");
		assertThat(refused.text("page")).isEqualTo("/account/futures");
		assertThat(unacknowledged.text("code")).isEqualTo("futures_acknowledgement_required");
		assertThat(activated.json().get("activated").asBoolean()).isTrue();
		assertThat(allowed.status()).isEqualTo(201);
		assertThat(back.status()).isEqualTo(201);
		assertThat(balances("USDT")).containsEntry("contract", "3.000000").containsEntry("trade", "2.000000");
	}

	@Test
	void frozenAccountThenNoTransfer() {
		this.funds.deposit(this.owner, "USDT", "100");
		this.tx.executeWithoutResult(s -> this.statuses.freeze(this.owner, "test", null, null));

		ApiClient.Response refused = transfer("frozen", "USDT", "1", "main", "trade");

		// A freeze ends every session: the owner's token no longer works at all.
		assertThat(refused.status()).isIn(401, 403);
		// Whatever else still acts for the account (an API key, later) is refused by the transfer itself.
		assertThat(this.transfers.transfer(new Actor.Customer(this.owner, UUID.randomUUID()),
				new InternalTransfers.Request("frozen-2", "USDT", "1", "main", "trade"),
				RequestContext.of(ClientIp.of("198.51.100.7"), "test")))
			.isEqualTo(new InternalTransfers.Result.Refused(AssetsRejection.ACCOUNT_FROZEN));
		assertThat(this.ledgerAccounts.balance(this.owner, "USDT", LedgerAccountType.MAIN).total())
			.isEqualTo(BigInteger.valueOf(100_000_000));
	}

	@Test
	void ledgerExportAsCsvHasTheColumnsAndTheRows() {
		this.funds.deposit(this.owner, "ETH", "2");
		transfer("csv-1", "ETH", "0.25", "main", "trade");

		ApiClient.Response csv = this.api.get("/api/v1/me/ledger?format=csv&currency=ETH", this.token);

		assertThat(csv.status()).isEqualTo(200);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0)).isEqualTo(String.join(",", Statements.COLUMNS));
		assertThat(lines).hasSize(4);
		assertThat(this.api.get("/api/v1/me/ledger?from=yesterday", this.token).text("code")).isEqualTo("time_invalid");
		assertThat(this.api.get("/api/v1/me/ledger?from=%2B300000-01-01T00:00:00Z", this.token).text("code"))
			.as("beyond what the database holds").isEqualTo("time_invalid");
	}

	private ApiClient.Response transfer(String clientOid, String currency, String amount, String from, String to) {
		return this.api.post("/api/v1/me/transfers",
				Map.of("clientOid", clientOid, "currency", currency, "amount", amount, "from", from, "to", to),
				this.token);
	}

	private Map<String, String> balances(String currency) {
		for (var asset : this.api.get("/api/v1/me/assets", this.token).json().get("assets")) {
			if (asset.get("currency").asString().equals(currency)) {
				var accounts = asset.get("accounts");
				return Map.of("main", accounts.get("main").get("total").asString(), "trade",
						accounts.get("trade").get("total").asString(), "contract",
						accounts.get("contract").get("total").asString(), "total", asset.get("total").asString());
			}
		}
		throw new AssertionError("no " + currency);
	}
}
