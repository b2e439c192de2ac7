package io.gatehouse.team;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.assets.TestFunds;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.ledger.LedgerCheck;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 24, sub-accounts: created by name, funded by master↔sub transfers, seen in one view, frozen by the master. */
@IntegrationTest
class SubAccountIntegrationTests extends ApiTest {

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	Currencies currencies;

	@Autowired
	LedgerCheck check;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	String token;

	UUID master;

	@BeforeEach
	void master() {
		this.token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		this.master = UUID.fromString(this.api.get("/api/v1/me", this.token).text("id"));
	}

	private ApiClient.Response create(String name) {
		return this.api.post("/api/v1/me/sub-accounts", Map.of("name", name), this.token);
	}

	private ApiClient.Response transfer(String sub, String clientOid, String direction, String amount, String from,
			String to) {
		return this.api.post("/api/v1/me/sub-accounts/" + sub + "/transfers", Map.of("clientOid", clientOid,
				"direction", direction, "currency", "USDT", "amount", amount, "from", from, "to", to), this.token);
	}

	private int subs() {
		return this.jdbc.sql("select count(*) from accounts where master_id = ?").param(this.master)
			.query(Integer.class).single();
	}

	@Test
	void createWhenNameFollowsTheRulesThenOnceAndMalformedOrTakenNamesWriteNothing() {
		ApiClient.Response created = create("trader01");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("name")).isEqualTo("trader01");
		assertThat(created.text("status")).isEqualTo("active");

		for (String bad : List.of("short1", "abcdefgh", "12345678", "has space1", "trader-01",
				"a1234567890123456789012345678901234")) {
			ApiClient.Response refused = create(bad);
			assertThat(refused.status()).as(bad).isEqualTo(400);
			assertThat(refused.text("code")).as(bad).isEqualTo("sub_account_name_invalid");
		}
		ApiClient.Response taken = create("TRADER01");
		assertThat(taken.status()).isEqualTo(409);
		assertThat(taken.text("code")).isEqualTo("sub_account_name_taken");
		assertThat(subs()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/me/events?type=security", this.token).json().path("events")
			.findValuesAsString("event")).contains("sub_account_created");
	}

	@Test
	void transferWhenParentToSubAndBackThenBalancesMoveOnceConservedAndNeverNegative() {
		new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx).deposit(this.master, "USDT", "100");
		String sub = create("desk0001").text("id");

		ApiClient.Response down = transfer(sub, "s-1", "PARENT_TO_SUB", "60", "main", "trade");
		ApiClient.Response again = transfer(sub, "s-1", "PARENT_TO_SUB", "60", "main", "trade");
		ApiClient.Response reused = transfer(sub, "s-1", "PARENT_TO_SUB", "61", "main", "trade");
		ApiClient.Response tooMuch = transfer(sub, "s-2", "SUB_TO_PARENT", "60.000001", "trade", "main");
		ApiClient.Response up = transfer(sub, "s-3", "SUB_TO_PARENT", "10", "trade", "main");

		assertThat(down.status()).as(down.body()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().path("repeated").asBoolean()).isTrue();
		assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");
		assertThat(tooMuch.text("code")).isEqualTo("insufficient_balance");
		assertThat(up.status()).isEqualTo(201);
		var view = this.api.get("/api/v1/me/sub-accounts/" + sub, this.token).json();
		assertThat(view.path("assets").get(0).path("trade").path("total").asString()).isEqualTo("50.000000");
		var mine = this.api.get("/api/v1/me/assets", this.token).json().path("assets").get(0);
		assertThat(mine.path("accounts").path("main").path("total").asString()).isEqualTo("50.000000");
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void futuresWhenTheMasterActivatesThemForASubAccountThenFundsGoIntoItsFutures() {
		new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx).deposit(this.master, "USDT", "20");
		String sub = create("futures1").text("id");

		ApiClient.Response activated = this.api.post("/api/v1/me/sub-accounts/" + sub + "/futures",
				Map.of("acknowledged", true), this.token);
		ApiClient.Response moved = transfer(sub, "fut-1", "PARENT_TO_SUB", "5", "main", "contract");

		assertThat(activated.status()).as(activated.body()).isEqualTo(200);
		assertThat(moved.status()).as(moved.body()).isEqualTo(201);
		assertThat(this.api.get("/api/v1/me/futures", this.token).json().path("activated").asBoolean())
			.as("the master's own futures stay as they were").isFalse();
		assertThat(this.api.get("/api/v1/me/events?type=security", this.token).json().path("events")
			.findValuesAsString("event")).contains("sub_account_futures_activated");
	}

	@Test
	void transferWhenTwentyRetriesRaceThenMovedOnce() throws Exception {
		new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx).deposit(this.master, "USDT", "100");
		String sub = create("race0001").text("id");

		int created = Race.successes(20, () -> transfer(sub, "race-1", "PARENT_TO_SUB", "7", "main", "main")
			.status() == 201);

		assertThat(created).isEqualTo(1);
		assertThat(this.api.get("/api/v1/me/sub-accounts/" + sub, this.token).json().path("assets").get(0).path("main")
			.path("total").asString()).isEqualTo("7.000000");
	}

	@Test
	void subAccountWhenFrozenThenNothingComesInButFundsGoBackAndAnotherMastersSubIsUnknown() {
		new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx).deposit(this.master, "USDT", "100");
		String sub = create("frozen01").text("id");
		assertThat(transfer(sub, "f-1", "PARENT_TO_SUB", "30", "main", "main").status()).isEqualTo(201);

		ApiClient.Response frozen = this.api.post("/api/v1/me/sub-accounts/" + sub + "/freeze", null, this.token);
		ApiClient.Response twice = this.api.post("/api/v1/me/sub-accounts/" + sub + "/freeze", null, this.token);

		assertThat(frozen.text("status")).isEqualTo("frozen");
		assertThat(twice.text("code")).isEqualTo("sub_account_state_unchanged");
		assertThat(transfer(sub, "f-2", "PARENT_TO_SUB", "1", "main", "main").text("code"))
			.isEqualTo("sub_account_frozen");
		assertThat(transfer(sub, "f-3", "SUB_TO_PARENT", "30", "main", "main").status()).isEqualTo(201);
		assertThat(this.api.post("/api/v1/me/sub-accounts/" + sub + "/unfreeze", null, this.token).text("status"))
			.isEqualTo("active");

		String otherToken = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		ApiClient.Response foreign = this.api.post("/api/v1/me/sub-accounts/" + sub + "/transfers",
				Map.of("clientOid", "x-1", "direction", "SUB_TO_PARENT", "currency", "USDT", "amount", "1", "from",
						"main", "to", "main"), otherToken);
		assertThat(foreign.text("code")).isEqualTo("sub_account_unknown");
		assertThat(this.api.post("/api/v1/me/sub-accounts/" + sub + "/freeze", null, otherToken).text("code"))
			.isEqualTo("sub_account_unknown");
		assertThat(this.api.get("/api/v1/me/sub-accounts", otherToken).json().path("subAccounts").size()).isZero();
	}

	@Test
	void transferWhenMalformedThenClearCodesAndNothingMoves() {
		String sub = create("input001").text("id");
		assertThat(transfer(sub, "m-1", "SIDEWAYS", "1", "main", "main").text("code"))
			.isEqualTo("transfer_direction_invalid");
		assertThat(transfer(sub, "m-2", "PARENT_TO_SUB", "-1", "main", "main").text("code")).isEqualTo("amount_invalid");
		assertThat(transfer(sub, "m-3", "PARENT_TO_SUB", "1", "main", "margin").text("code"))
			.isEqualTo("account_type_invalid");
		assertThat(transfer(sub, "m 4", "PARENT_TO_SUB", "1", "main", "main").text("code"))
			.isEqualTo("client_oid_invalid");
		assertThat(transfer(sub, "m-5", "PARENT_TO_SUB", "1", "main", "contract").text("code"))
			.isEqualTo("futures_not_activated");
		assertThat(this.api.post("/api/v1/me/sub-accounts/" + sub + "/futures", Map.of("acknowledged", false),
				this.token).text("code")).isEqualTo("futures_acknowledgement_required");
		assertThat(this.api.post("/api/v1/me/sub-accounts/" + UUID.randomUUID() + "/transfers",
				Map.of("clientOid", "m-6", "direction", "PARENT_TO_SUB", "currency", "USDT", "amount", "1", "from", "main",
						"to", "main"), this.token).text("code")).isEqualTo("sub_account_unknown");
		assertThat(this.jdbc.sql("select count(*) from ledger_transfers where kind = 'sub_transfer' and reference like 'm-%'")
			.query(Integer.class).single()).isZero();
	}
}
