package io.gatehouse.withdraw;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.ledger.Ledger;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestMail;

import static org.assertj.core.api.Assertions.assertThat;

/** WD-01, WD-02, WD-03, WD-09: the address book and the whitelist. */
@IntegrationTest
class AddressBookIntegrationTests extends WithdrawalTest {

	Withdrawer w;

	@BeforeEach
	void withdrawer() {
		this.w = withdrawer(1);
		this.funds.deposit(this.w.id, "USDT", "1000");
		this.funds.deposit(this.w.id, "XRP", "1000");
	}

	String refusal(Map<String, Object> destination) {
		return this.w.quote(destination).json().path("refusal").path("code").asString();
	}

	@Test
	void wd02AddingWhenSteppedUpWithTheTradingPasswordThenListedToldEverywhereAndUsableOnlyAfterADay() {
		ApiClient.Response added = this.w.addAddress("USDT", "TRC20", TRON, null, "Cold wallet");
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		assertThat(Instant.parse(added.text("usableAt"))).isEqualTo(this.clock.instant().plus(Duration.ofHours(24)));
		assertThat(TestMail.body(TestMail.awaitSubject(this.w.email, "A withdrawal address was added"))).contains(TRON)
			.contains("/freeze?token=");
		assertThat(this.w.whitelist(true).status()).isEqualTo(200);
		var destination = Withdrawer.destination("USDT", "TRC20", TRON, null, "20");

		ApiClient.Response early = this.w.quote(destination);
		assertThat(early.json().path("refusal").path("code").asString()).isEqualTo("address_cooldown");
		assertThat(early.json().path("refusal").path("facts").path("cooldownUntil").asString())
			.isEqualTo(added.text("usableAt"));

		this.clock.advance(Duration.ofHours(24));
		this.w.token = this.w.signIn();
		assertThat(this.w.quote(destination).json().path("allowed").asBoolean()).isTrue();
		assertThat(this.w.withdraw("book-1", destination).status()).isEqualTo(201);
	}

	@Test
	void wd02AddingWithoutProofOrWithAWrongTradingPasswordOrAProofForAnotherAddressThenRefused() {
		Map<String, Object> body = new LinkedHashMap<>(Map.of("currency", "USDT", "chain", "TRC20", "address", TRON,
				"memo", "", "label", "x", "tradingPassword", Withdrawer.TRADING_PASSWORD));
		assertThat(this.api.post("/api/v1/me/withdrawal-addresses", body, this.w.token).text("code"))
			.isEqualTo("step_up_required");

		String proofForOther = this.w.stepUp("add_withdrawal_address", Map.of("currency", "USDT", "chain", "ERC20",
				"address", ETHEREUM, "memo", "", "label", "x")).text("proof");
		assertThat(this.api.post("/api/v1/me/withdrawal-addresses", body, this.w.token, "X-Step-Up-Proof", proofForOther)
			.text("code")).isEqualTo("step_up_required");

		String proof = this.w.stepUp("add_withdrawal_address", Map.of("currency", "USDT", "chain", "TRC20", "address",
				TRON, "memo", "", "label", "x")).text("proof");
		body.put("tradingPassword", "wrong");
		assertThat(this.api.post("/api/v1/me/withdrawal-addresses", body, this.w.token, "X-Step-Up-Proof", proof)
			.text("code")).isEqualTo("trading_password_incorrect");
		assertThat(this.api.get("/api/v1/me/withdrawal-addresses", this.w.token).json().path("addresses")).isEmpty();
	}

	@Test
	void wd01WhitelistOnThenANonBookAddressIsRefusedWhateverElseTheRequestSays() {
		assertThat(this.w.whitelist(true).status()).isEqualTo(200);
		TestMail.awaitSubject(this.w.email, "Your withdrawal whitelist was turned on");
		var destination = Withdrawer.destination("USDT", "TRC20", TRON, null, "20");
		assertThat(refusal(destination)).isEqualTo("address_not_whitelisted");

		Map<String, String> params = Map.of("currency", "USDT", "chain", "TRC20", "address", TRON, "memo", "", "amount",
				"20.000000", "fee", "1.000000");
		String proof = this.w.stepUp("withdraw", params).text("proof");
		Map<String, Object> body = new LinkedHashMap<>(destination);
		body.put("clientOid", "bypass");
		body.put("tradingPassword", Withdrawer.TRADING_PASSWORD);
		body.put("skipWhitelist", true);
		body.put("force", true);
		ApiClient.Response bypass = this.api.post("/api/v1/me/withdrawals", body, this.w.token, "X-Step-Up-Proof", proof);
		assertThat(bypass.status()).isIn(400, 403);
		assertThat(this.api.get("/api/v1/me/withdrawals", this.w.token).json().path("withdrawals")).isEmpty();
	}

	@Test
	void wd03TurningTheWhitelistOffTakesADayMeanwhileItStillHoldsAndItCanBeCancelled() {
		this.w.whitelist(true);
		var destination = Withdrawer.destination("USDT", "TRC20", TRON, null, "20");

		ApiClient.Response off = this.w.whitelist(false);
		assertThat(off.status()).as(off.body()).isEqualTo(200);
		assertThat(off.json().path("on").asBoolean()).isTrue();
		assertThat(Instant.parse(off.text("offAt"))).isEqualTo(this.clock.instant().plus(Duration.ofHours(24)));
		assertThat(refusal(destination)).as("an attacker who turns it off cannot withdraw at once")
			.isEqualTo("address_not_whitelisted");
		TestMail.awaitSubject(this.w.email, "Your withdrawal whitelist is being turned off");

		assertThat(this.api.post("/api/v1/me/withdrawal-whitelist/cancel-off", null, this.w.token).status()).isEqualTo(200);
		this.clock.advance(Duration.ofHours(25));
		this.w.token = this.w.signIn();
		assertThat(refusal(destination)).as("cancelled: still on").isEqualTo("address_not_whitelisted");

		this.w.whitelist(false);
		this.clock.advance(Duration.ofHours(23));
		this.w.token = this.w.signIn();
		assertThat(refusal(destination)).isEqualTo("address_not_whitelisted");
		this.clock.advance(Duration.ofHours(1));
		this.w.token = this.w.signIn();
		assertThat(this.w.quote(destination).json().path("allowed").asBoolean()).isTrue();
	}

	@Test
	void wd09CaseVariantsMatchWhereTheChainAllowsAndAnotherMemoIsAnotherDestination() {
		this.w.addAddress("USDT", "ERC20", ETHEREUM.toLowerCase(), null, "Exchange");
		this.w.addAddress("XRP", "XRP", XRP, "12345", "Ledger tag 12345");
		this.w.whitelist(true);
		this.clock.advance(Duration.ofHours(24));
		this.w.token = this.w.signIn();

		assertThat(this.w.quote(Withdrawer.destination("USDT", "ERC20", ETHEREUM, null, "20")).json().path("allowed")
			.asBoolean()).as("stored in EIP-55 form; the checksummed form is the same address").isTrue();
		assertThat(refusal(Withdrawer.destination("XRP", "XRP", XRP, "54321", "30"))).isEqualTo("address_not_whitelisted");
		assertThat(this.w.quote(Withdrawer.destination("XRP", "XRP", XRP, "12345", "30")).json().path("allowed")
			.asBoolean()).isTrue();
		assertThat(this.w.addAddress("USDT", "ERC20", ETHEREUM, null, "Again").text("code")).isEqualTo("address_exists");
	}

	@Test
	void removingWhenConfirmedThenTheAddressIsNoLongerWhitelisted() {
		String id = this.w.addAddress("USDT", "TRC20", TRON, null, "Old").text("id");
		this.w.whitelist(true);
		this.clock.advance(Duration.ofHours(24));
		this.w.token = this.w.signIn();
		String proof = this.w.stepUp("remove_withdrawal_address", Map.of("id", id)).text("proof");

		ApiClient.Response removed = this.api.post("/api/v1/me/withdrawal-addresses/" + id + "/remove",
				Map.of("tradingPassword", Withdrawer.TRADING_PASSWORD), this.w.token, "X-Step-Up-Proof", proof);

		assertThat(removed.status()).as(removed.body()).isEqualTo(200);
		assertThat(refusal(Withdrawer.destination("USDT", "TRC20", TRON, null, "20"))).isEqualTo("address_not_whitelisted");
		TestMail.awaitSubject(this.w.email, "A withdrawal address was removed");
	}
}
