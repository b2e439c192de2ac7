package io.gatehouse.withdraw;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.account.CooldownService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestContextInitializer;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wallet service's side of withdrawals on the internal listener: claim with a lease (two workers never
 * take the same one), broadcast, success (the holds posted, once), failure (voided), the final gate at the
 * claim, and every call idempotent; wrong tokens change nothing.
 */
@IntegrationTest
class WalletWithdrawalIntegrationTests extends WithdrawalTest {

	static final RequestContext LOCAL = RequestContext.of(ClientIp.of("127.0.0.1"), "test");

	@Value("${gatehouse.internal.port}")
	int internalPort;

	@Autowired
	WithdrawalReviews reviews;

	@Autowired
	CooldownService cooldowns;

	ApiClient wallet;

	@BeforeEach
	void wallet() {
		this.wallet = new ApiClient(this.internalPort);
	}

	/**
	 * Earlier tests leave withdrawals waiting or claimed: the wallet fails them all first, so each test's claims
	 * find its own.
	 */
	void drain() {
		for (ApiClient.Response r = claim(); r.status() == 200; r = claim()) {
			report(UUID.fromString(r.text("id")), "failure", Map.of("reason", "drained before the test", "dropped", true));
		}
		for (UUID id : this.jdbc.sql("select id from withdrawals where status = 'PROCESSING'").query(UUID.class).list()) {
			report(id, "failure", Map.of("reason", "drained before the test", "dropped", true));
		}
	}

	/** A withdrawal requested and approved, waiting for the wallet. */
	UUID approved(Withdrawer w, String clientOid, String amount) {
		ApiClient.Response made = w.withdraw(clientOid, Withdrawer.destination("USDT", "TRC20", TRON, null, amount));
		assertThat(made.status()).as(made.body()).isEqualTo(201);
		UUID id = UUID.fromString(made.text("id"));
		if (made.text("status").equals("review")) {
			assertThat(this.reviews.approve(new Actor.Staff(UUID.randomUUID(), "rev", Set.of(Actor.Staff.Role.REVIEWER),
					UUID.randomUUID()), id, "destination checked", LOCAL)).isEmpty();
		}
		return id;
	}

	Withdrawer funded(String amount) {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", amount);
		drain();
		return w;
	}

	ApiClient.Response claim() {
		return this.wallet.post("/internal/v1/withdrawals/claim", null, TestContextInitializer.WALLET_TOKEN);
	}

	ApiClient.Response report(UUID id, String what, Map<String, ?> body) {
		return this.wallet.post("/internal/v1/withdrawals/" + id + "/" + what, body, TestContextInitializer.WALLET_TOKEN);
	}

	@Test
	void lifecycleClaimBroadcastSuccessThenHoldsPostedOnceAndTheOwnerTold() {
		Withdrawer w = funded("1000");
		UUID id = approved(w, "life", "100");

		ApiClient.Response claimed = claim();
		assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
		assertThat(claimed.text("id")).isEqualTo(id.toString());
		assertThat(claimed.text("status")).isEqualTo("processing");
		assertThat(claimed.text("address")).isEqualTo(TRON);
		assertThat(claim().status()).as("nothing else waits").isEqualTo(204);
		assertThat(this.api.post("/api/v1/me/withdrawals/" + id + "/cancel", null, w.token).text("code"))
			.as("picked up: too late to cancel").isEqualTo("withdrawal_not_cancellable");

		assertThat(report(id, "broadcast", Map.of("txId", "0xabc123")).status()).isEqualTo(200);
		ApiClient.Response done = report(id, "success", Map.of("txId", "0xabc123"));
		ApiClient.Response again = report(id, "success", Map.of("txId", "0xabc123"));

		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(done.json().path("withdrawal").path("status").asString()).isEqualTo("success");
		assertThat(again.json().path("repeated").asBoolean()).isTrue();
		assertThat(total(w.id, "USDT")).as("amount and fee left once").isEqualTo(BigInteger.valueOf(899_000_000));
		assertThat(held(w.id, "USDT")).isZero();
		assertThat(report(id, "success", Map.of("txId", "0xother")).text("code")).isEqualTo("withdrawal_tx_id_mismatch");
		assertThat(TestMail.body(TestMail.awaitSubject(w.email, "Withdrawal completed"))).contains("0xabc123");
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void failureThenHoldsVoidedAndReportedTwiceVoidsOnce() {
		Withdrawer w = funded("1000");
		UUID id = approved(w, "fail", "100");
		ApiClient.Response claimed = claim();
		assertThat(claimed.text("id")).as(claimed.body()).isEqualTo(id.toString());

		assertThat(report(id, "failure", Map.of("reason", "node rejected the transaction")).status()).isEqualTo(200);
		assertThat(report(id, "failure", Map.of("reason", "node rejected the transaction")).json().path("repeated")
			.asBoolean()).isTrue();

		assertThat(total(w.id, "USDT")).isEqualTo(BigInteger.valueOf(1000_000_000));
		assertThat(held(w.id, "USDT")).isZero();
		TestMail.awaitSubject(w.email, "Withdrawal failed");
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void successAfterCancelThenRefusedAndAlerted() {
		Withdrawer w = funded("1000");
		UUID id = approved(w, "late", "100");
		assertThat(this.api.post("/api/v1/me/withdrawals/" + id + "/cancel", null, w.token).status()).isEqualTo(200);

		ApiClient.Response late = report(id, "success", Map.of("txId", "0xlate"));

		assertThat(late.status()).isEqualTo(409);
		assertThat(late.text("code")).isEqualTo("withdrawal_wrong_state");
		assertThat(total(w.id, "USDT")).isEqualTo(BigInteger.valueOf(1000_000_000));
		assertThat(this.jdbc.sql("select count(*) from security_events where account_id = ? and type = 'withdrawal_late_success_refused'")
			.param(w.id).query(Long.class).single()).isOne();
	}

	@Test
	void twoWorkersWhenClaimingAtOnceThenNeverTheSameWithdrawal() throws Exception {
		Withdrawer w = funded("5000");
		UUID a = approved(w, "c-1", "100");
		UUID b = approved(w, "c-2", "101");
		UUID c = approved(w, "c-3", "102");
		Map<String, Integer> claimedBy = new ConcurrentHashMap<>();

		int claims = Race.successes(12, () -> {
			ApiClient.Response r = claim();
			if (r.status() == 200) {
				claimedBy.merge(r.text("id"), 1, Integer::sum);
			}
			return r.status() == 200;
		});

		assertThat(claims).isEqualTo(3);
		assertThat(claimedBy).containsOnlyKeys(a.toString(), b.toString(), c.toString()).allSatisfy((k, v) -> assertThat(v).isOne());
	}

	@Test
	void leaseWhenItRunsOutBeforeABroadcastThenClaimedAgainAsASecondAttemptThatCannotSimplyBeFailed() {
		Withdrawer w = funded("1000");
		UUID id = approved(w, "lease", "100");
		ApiClient.Response first = claim();
		assertThat(first.text("id")).isEqualTo(id.toString());
		assertThat(first.json().path("claims").asInt()).isOne();
		assertThat(claim().status()).isEqualTo(204);

		this.clock.advance(Duration.ofMinutes(11));
		ApiClient.Response again = claim();
		assertThat(again.text("id")).as("the first worker went quiet").isEqualTo(id.toString());
		assertThat(again.json().path("claims").asInt()).as("the worker must look on chain first").isEqualTo(2);
		ApiClient.Response blindFailure = report(id, "failure", Map.of("reason", "gave up"));
		assertThat(blindFailure.text("code")).as("the coins may have left").isEqualTo("withdrawal_outcome_unknown");
		assertThat(held(w.id, "USDT")).isEqualTo(BigInteger.valueOf(101_000_000));

		report(id, "broadcast", Map.of("txId", "0xsent"));
		this.clock.advance(Duration.ofMinutes(11));
		assertThat(claim().status()).as("broadcast: only its result may come now").isEqualTo(204);
		assertThat(report(id, "failure", Map.of("reason", "replaced", "dropped", true)).status()).isEqualTo(200);
		assertThat(held(w.id, "USDT")).isZero();
	}

	@Test
	void finalGateWhenACooldownStartedAfterTheRequestThenTheClaimFailsIt() {
		Withdrawer w = funded("1000");
		UUID id = approved(w, "gate", "100");
		this.tx.executeWithoutResult(s -> this.cooldowns.start(w.id, Duration.ofHours(24), "password_changed", LOCAL));

		assertThat(claim().status()).isEqualTo(204);

		assertThat(stored(id, "status") + ":" + stored(id, "outcome_reason")).isEqualTo("FAILURE:final_gate:withdrawal_cooldown");
		assertThat(held(w.id, "USDT")).isZero();
	}

	@Test
	void tokenWhenWrongOrMissingThen401AndNothingChanges() throws Exception {
		Withdrawer w = funded("1000");
		UUID id = approved(w, "tok", "100");
		HttpClient http = HttpClient.newHttpClient();

		int missing = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.internalPort
				+ "/internal/v1/withdrawals/claim")).POST(HttpRequest.BodyPublishers.noBody()).build(),
				HttpResponse.BodyHandlers.discarding()).statusCode();
		int wrong = this.wallet.post("/internal/v1/withdrawals/claim", null, "not-the-wallet-token").status();
		int customer = this.wallet.post("/internal/v1/withdrawals/claim", null, w.token).status();
		int publicPort = this.api.post("/internal/v1/withdrawals/claim", null, TestContextInitializer.WALLET_TOKEN)
			.status();
		int success = this.wallet.post("/internal/v1/withdrawals/" + id + "/success", Map.of("txId", "0x1"), "nope")
			.status();

		assertThat(missing).isEqualTo(401);
		assertThat(wrong).isEqualTo(401);
		assertThat(customer).isEqualTo(401);
		assertThat(publicPort).isIn(401, 403, 404);
		assertThat(success).isEqualTo(401);
		assertThat(this.jdbc.sql("select status from withdrawals where id = ?").param(id).query(String.class).single())
			.isEqualTo("WAITING");
	}

	@Test
	void pricesWhenReportedThenUsedAndWhenStaleOrUnknownThenFailClosed() {
		ApiClient.Response unknown = this.wallet.put("/internal/v1/prices", Map.of("prices", Map.of("BTC", "70000",
				"NOPE", "1")), TestContextInitializer.PRICES_TOKEN);
		ApiClient.Response number = this.wallet.put("/internal/v1/prices", Map.of("prices", Map.of("BTC", 70000)),
				TestContextInitializer.PRICES_TOKEN);
		assertThat(this.wallet.put("/internal/v1/prices", Map.of("prices", Map.of("BTC", "1")),
				TestContextInitializer.WALLET_TOKEN).text("code")).as("the wallet's token cannot set a price")
			.isEqualTo("service_not_allowed");
		assertThat(this.wallet.post("/internal/v1/withdrawals/claim", null, TestContextInitializer.PRICES_TOKEN)
			.text("code")).as("nor the price feed's claim a payout").isEqualTo("service_not_allowed");
		assertThat(unknown.text("code")).isEqualTo("price_invalid");
		assertThat(number.text("code")).isEqualTo("price_invalid");
		assertThat(this.jdbc.sql("select count(*) from reference_prices where currency = 'BTC'").query(Long.class)
			.single()).as("all or nothing").isZero();

		Withdrawer w = funded("10");
		this.funds.deposit(w.id, "KCS", "100");
		assertThat(this.wallet.put("/internal/v1/prices", Map.of("prices", Map.of("kcs", "150")),
				TestContextInitializer.PRICES_TOKEN).status()).as("a currency in lower case is the same one").isEqualTo(200);
		assertThat(w.quote(Withdrawer.destination("KCS", "KCC", ETHEREUM, null, "70"))
			.json().path("refusal").path("code").asString()).as("70 KCS at 150 is over 10000").isEqualTo(
					"withdrawal_limit_exceeded");
		this.clock.advance(Duration.ofHours(2));
		w.token = w.signIn();
		assertThat(w.quote(Withdrawer.destination("KCS", "KCC", ETHEREUM, null, "1")).json()
			.path("refusal").path("code").asString()).as("a stale price is not used").isEqualTo(
					"reference_price_unavailable");
		this.jdbc.sql("delete from reference_prices").update();
	}
}
