package io.gatehouse.withdraw;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.gatehouse.account.AccountStatusService;
import io.gatehouse.account.CooldownService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * B13 and issue 22: withdrawals through the JSON API, each rule of the documented precedence, the
 * confirmation's binding (WD-06), idempotency and races (WD-07, WD-08), cancellation and the freeze link
 * (WD-10), and review (WD-11).
 */
@IntegrationTest
class WithdrawalIntegrationTests extends WithdrawalTest {

	static final RequestContext LOCAL = RequestContext.of(ClientIp.of("127.0.0.1"), "test");

	@Autowired
	WithdrawalQuotes quotes;

	@Autowired
	WithdrawalReviews reviews;

	@Autowired
	AccountStatusService statuses;

	@Autowired
	CooldownService cooldowns;

	static Actor.Staff reviewer(String name) {
		return new Actor.Staff(UUID.randomUUID(), name, Set.of(Actor.Staff.Role.REVIEWER), UUID.randomUUID());
	}

	long withdrawalRows(UUID owner) {
		return this.jdbc.sql("select count(*) from withdrawals where account_id = ?").param(owner).query(Long.class)
			.single();
	}

	@Test
	void withdrawWhenConfirmedThenFundsHeldAtOnceTheOwnerToldAndTheRequestListed() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "1000");
		var destination = Withdrawer.destination("USDT", "TRC20", TRON, null, "100");

		ApiClient.Response quote = w.quote(destination);
		assertThat(quote.json().path("allowed").asBoolean()).as(quote.body()).isTrue();
		assertThat(quote.text("fee")).isEqualTo("1.000000");
		assertThat(quote.text("limitRemaining")).isEqualTo("10000.000000");
		assertThat(quote.json().path("stepUpParams").path("amount").asString()).isEqualTo("100.000000");
		ApiClient.Response made = w.withdraw("first", destination);

		assertThat(made.status()).as(made.body()).isEqualTo(201);
		assertThat(made.text("status")).as("a destination used for the first time is reviewed").isEqualTo("review");
		assertThat(stored(UUID.fromString(made.text("id")), "review_reasons")).isEqualTo("new_address");
		assertThat(made.json().has("reviewReasons")).as("why it is reviewed is for staff").isFalse();
		assertThat(available(w.id, "USDT")).isEqualTo(BigInteger.valueOf(899_000_000));
		assertThat(held(w.id, "USDT")).isEqualTo(BigInteger.valueOf(101_000_000));
		String notice = TestMail.body(TestMail.awaitSubject(w.email, "Withdrawal requested: 100.000000 USDT"));
		assertThat(notice).contains(TRON).contains("/freeze?token=");
		assertThat(this.api.get("/api/v1/me/withdrawals", w.token).json().path("withdrawals").get(0).path("id")
			.asString()).isEqualTo(made.text("id"));
		assertThat(w.quote(destination).text("limitRemaining")).isEqualTo("9900.000000");
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void ruleAccountFrozenComesFirst() {
		Withdrawer w = withdrawer(0);
		this.tx.executeWithoutResult(s -> this.statuses.freeze(w.id, "test", null, LOCAL));

		var quote = this.quotes.quote(w.id, new Withdrawals.Request(null, "USDT", "TRC20", "not an address", null, "50"),
				LOCAL);

		assertThat(quote.refusal()).isEqualTo(WithdrawalRejection.ACCOUNT_FROZEN);
	}

	@Test
	void ruleRegionWhenSanctionedThenNothingLeaves() {
		Withdrawer w = withdrawer(0);
		RequestContext fromFrance = RequestContext.of(ClientIp.of("2001:db8:1::5"), "test");

		var quote = this.quotes.quote(w.id, new Withdrawals.Request(null, "USDT", "TRC20", TRON, null, "50"), fromFrance);

		assertThat(quote.refusal()).isEqualTo(WithdrawalRejection.REGION_RESTRICTED);
	}

	@Test
	void ruleCooldownWhenPasswordChangedThenRefusedWithItsEndUntilTwentyFourHoursPass() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "100");
		ApiClient.Response changed = this.api.post("/api/v1/me/password", Map.of("currentPassword",
				io.gatehouse.testsupport.TestAccounts.PASSWORD, "newPassword", "a brand new passphrase 81"), w.token);
		assertThat(changed.status()).as(changed.body()).isEqualTo(200);
		w.token = w.signIn();
		var destination = Withdrawer.destination("USDT", "TRC20", TRON, null, "50");

		ApiClient.Response quote = w.quote(destination);
		assertThat(quote.json().path("refusal").path("code").asString()).isEqualTo("withdrawal_cooldown");
		Instant until = Instant.parse(quote.json().path("refusal").path("facts").path("cooldownUntil").asString());
		assertThat(until).isAfter(this.clock.instant().plus(Duration.ofHours(23)));
		ApiClient.Response submitted = w.submit("cool", destination, "ghp_anything", Withdrawer.TRADING_PASSWORD, "123456");
		assertThat(submitted.status()).isEqualTo(409);
		assertThat(submitted.text("code")).isEqualTo("withdrawal_cooldown");
		assertThat(submitted.text("cooldownUntil")).isEqualTo(until.toString());

		this.clock.advance(Duration.ofHours(24));
		w.token = w.signIn();
		assertThat(w.quote(destination).json().path("allowed").asBoolean()).isTrue();
	}

	/**
	 * WD-04: each security change a signed-in person can make locks withdrawals for a day, shown by the quote
	 * and lifted only by time (reset, unfreeze and recovery are held by their own modules' tests).
	 */
	@Test
	void ruleCooldownEveryTriggerLocksWithdrawalsForADayThenOpensThem() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "100");
		var destination = Withdrawer.destination("USDT", "TRC20", TRON, null, "50");
		Map<String, Runnable> triggers = new java.util.LinkedHashMap<>();
		triggers.put("anti-phishing code", () -> assertThat(w.put("/api/v1/me/anti-phishing-code",
				Map.of("code", "Blue Heron 4"), w.stepUp("set_anti_phishing_code", Map.of("code", "Blue Heron 4"))
					.text("proof")).status()).isEqualTo(200));
		triggers.put("trading password", () -> assertThat(w.put("/api/v1/me/trading-password",
				Map.of("password", Withdrawer.TRADING_PASSWORD + "!"), w.stepUp("set_trading_password", Map.of())
					.text("proof")).status()).isEqualTo(200));
		triggers.put("backup codes", () -> {
			String proof = w.stepUp("regenerate_backup_codes", Map.of()).text("proof");
			assertThat(this.api.post("/api/v1/me/factors/backup-codes", null, w.token, "X-Step-Up-Proof", proof)
				.status()).isEqualTo(201);
		});
		triggers.put("email change", () -> {
			String next = io.gatehouse.testsupport.TestAccounts.newEmail();
			String proof = w.stepUp("change_email", Map.of("email", next)).text("proof");
			assertThat(w.put("/api/v1/me/contact/email", Map.of("value", next), proof).status()).isEqualTo(202);
			assertThat(this.api.post("/api/v1/me/contact/email/confirm",
					Map.of("code", TestMail.latestCode(next, 1)), w.token).status()).isEqualTo(200);
		});

		triggers.forEach((name, trigger) -> {
			assertThat(w.quote(destination).json().path("allowed").asBoolean()).as("before: " + name).isTrue();
			trigger.run();
			assertThat(w.quote(destination).json().path("refusal").path("code").asString()).as(name)
				.isEqualTo("withdrawal_cooldown");
			this.clock.advance(Duration.ofHours(23));
			w.token = w.signIn();
			assertThat(w.quote(destination).json().path("refusal").path("code").asString()).as(name + " after 23 h")
				.isEqualTo("withdrawal_cooldown");
			this.clock.advance(Duration.ofHours(1));
			w.token = w.signIn();
		});
		assertThat(w.quote(destination).json().path("allowed").asBoolean()).isTrue();
	}

	@Test
	void ruleCooldownEachTriggerExtendsTheLockToTheLatest() {
		Withdrawer w = withdrawer(1);
		Instant first = this.tx.execute(s -> this.cooldowns.start(w.id, Duration.ofHours(24), "password_changed", LOCAL));
		this.clock.advance(Duration.ofHours(10));
		Instant second = this.tx.execute(s -> this.cooldowns.start(w.id, Duration.ofHours(24), "factor_enrolled", LOCAL));

		assertThat(second).isEqualTo(first.plus(Duration.ofHours(10)));
		this.clock.advance(Duration.ofHours(15));
		var quote = this.quotes.quote(w.id, new Withdrawals.Request(null, "USDT", "TRC20", TRON, null, "50"), LOCAL);
		assertThat(quote.refusal()).as("the first lock has ended, the second has not").isEqualTo(WithdrawalRejection.COOLDOWN);
	}

	@Test
	void ruleKycLevelZeroThenNoWithdrawals() {
		Withdrawer w = withdrawer(0);
		this.funds.deposit(w.id, "USDT", "100");

		ApiClient.Response quote = w.quote(Withdrawer.destination("USDT", "TRC20", TRON, null, "50"));

		assertThat(quote.json().path("refusal").path("code").asString()).isEqualTo("kyc_required");
		assertThat(quote.text("limit")).isEqualTo("0.000000");
	}

	@Test
	void ruleLimitWhenTheRollingDayIsUsedUpThenRefusedWithWhatIsLeft() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "BTC", "1");

		ApiClient.Response quote = w.quote(Withdrawer.destination("BTC", "BTC", BITCOIN, null, "0.2"));

		assertThat(quote.json().path("refusal").path("code").asString()).as("0.2 BTC at 60000 is 12000 USDT")
			.isEqualTo("withdrawal_limit_exceeded");
		assertThat(quote.json().path("refusal").path("facts").path("remaining").asString()).isEqualTo("10000.000000");
		assertThat(w.quote(Withdrawer.destination("BTC", "BTC", BITCOIN, null, "0.15")).json().path("allowed").asBoolean())
			.isTrue();
	}

	@Test
	void ruleAddressWhenItsChecksumIsWrongThenRefusedBeforeAnythingIsHeld() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "100");
		String wrongCase = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
		String wrongTron = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u";

		for (var d : new Map[] { Withdrawer.destination("USDT", "ERC20", wrongCase, null, "20"),
				Withdrawer.destination("USDT", "TRC20", wrongTron, null, "20"),
				Withdrawer.destination("USDT", "TRC20", ETHEREUM, null, "20") }) {
			@SuppressWarnings("unchecked")
			ApiClient.Response quote = w.quote(d);
			assertThat(quote.json().path("refusal").path("code").asString()).as(d.toString())
				.isEqualTo("withdrawal_address_invalid");
		}
		assertThat(held(w.id, "USDT")).isZero();
	}

	@Test
	void ruleMemoWhenTheChainNeedsOneThenRequiredAndANumberOnXrpAndRefusedElsewhere() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "XRP", "100");
		this.funds.deposit(w.id, "USDT", "100");

		assertThat(w.quote(Withdrawer.destination("XRP", "XRP", XRP, null, "30")).json().path("refusal").path("code")
			.asString()).isEqualTo("withdrawal_memo_invalid");
		assertThat(w.quote(Withdrawer.destination("XRP", "XRP", XRP, "tag-1", "30")).json().path("refusal").path("code")
			.asString()).isEqualTo("withdrawal_memo_invalid");
		assertThat(w.quote(Withdrawer.destination("XRP", "XRP", XRP, "4294967296", "30")).json().path("refusal")
			.path("code").asString()).isEqualTo("withdrawal_memo_invalid");
		assertThat(w.quote(Withdrawer.destination("USDT", "TRC20", TRON, "123", "30")).json().path("refusal")
			.path("code").asString()).isEqualTo("withdrawal_memo_invalid");
		assertThat(w.quote(Withdrawer.destination("XRP", "XRP", XRP, "4294967295", "30")).json().path("allowed")
			.asBoolean()).isTrue();
	}

	@Test
	void ruleBalanceWhenAmountPlusFeeIsNotAvailableThenRefused() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "100");

		assertThat(w.quote(Withdrawer.destination("USDT", "TRC20", TRON, null, "99.5")).json().path("refusal")
			.path("code").asString()).as("99.5 + 1 fee > 100").isEqualTo("insufficient_balance");
		assertThat(w.quote(Withdrawer.destination("USDT", "TRC20", TRON, null, "99")).json().path("allowed").asBoolean())
			.isTrue();
	}

	@Test
	void badInputWhenMalformedThenAClearCodeAndNothingWritten() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "100");
		Map<String, Object> numberAmount = new java.util.LinkedHashMap<>(
				Withdrawer.destination("USDT", "TRC20", TRON, null, "1"));
		numberAmount.put("amount", 10);

		assertThat(w.submit("bad-1", numberAmount, null, "x", null).text("code")).isEqualTo("amount_invalid");
		for (String amount : new String[] { "-1", "0", "1e3", "NaN", "10.1234567", " 10", "10,5",
				"1234567890123456789012345678901234567890" }) {
			ApiClient.Response r = w.submit("bad-2", Withdrawer.destination("USDT", "TRC20", TRON, null, amount), null,
					"x", null);
			assertThat(r.status()).as(amount).isEqualTo(400);
			assertThat(r.text("code")).as(amount).isEqualTo("amount_invalid");
		}
		assertThat(w.submit("bad-3", Withdrawer.destination("USDT", "BEP20", TRON, null, "20"), null, "x", null)
			.text("code")).isEqualTo("withdrawal_chain_unknown");
		assertThat(w.submit("bad-4", Withdrawer.destination("DOGE", "DOGE", TRON, null, "20"), null, "x", null)
			.text("code")).isEqualTo("currency_unknown");
		assertThat(w.submit("bad 5", Withdrawer.destination("USDT", "TRC20", TRON, null, "20"), null, "x", null)
			.text("code")).isEqualTo("client_oid_invalid");
		assertThat(w.submit("bad-6", Withdrawer.destination("USDT", "TRC20", "T".repeat(200), null, "20"), null, "x",
				null).text("code")).isEqualTo("withdrawal_address_invalid");
		assertThat(w.submit("bad-7", Withdrawer.destination("USDT", "TRC20", TRON, null, "5"), null, "x", null)
			.text("code")).isEqualTo("withdrawal_amount_below_minimum");
		assertThat(this.api.post("/api/v1/me/withdrawals", "{\"clientOid\":", w.token).status()).isEqualTo(400);
		assertThat(withdrawalRows(w.id)).isZero();
		assertThat(held(w.id, "USDT")).isZero();
	}

	@Test
	void wd06WhenTheProofWasForAnotherAmountOrAddressThenRefusedAndAReusedProofToo() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "1000");
		var asked = Withdrawer.destination("USDT", "TRC20", TRON, null, "100");
		Map<String, String> params = w.stepUpParams(asked);
		String code = w.emailCode(asked);
		String proof = w.stepUp("withdraw", params).text("proof");

		ApiClient.Response otherAmount = w.submit("w6-a", Withdrawer.destination("USDT", "TRC20", TRON, null, "900"),
				proof, Withdrawer.TRADING_PASSWORD, code);
		ApiClient.Response otherAddress = w.submit("w6-b",
				Withdrawer.destination("USDT", "ERC20", ETHEREUM, null, "100"), proof, Withdrawer.TRADING_PASSWORD, code);
		ApiClient.Response spent = w.submit("w6-c", asked, proof, Withdrawer.TRADING_PASSWORD, code);
		ApiClient.Response again = w.submit("w6-d", asked, proof, Withdrawer.TRADING_PASSWORD, code);

		assertThat(otherAmount.text("code")).isEqualTo("step_up_required");
		assertThat(otherAddress.text("code")).isEqualTo("step_up_required");
		assertThat(spent.status()).as(spent.body()).isEqualTo(201);
		assertThat(again.text("code")).as("a proof is used once").isEqualTo("step_up_required");
		assertThat(withdrawalRows(w.id)).isOne();
	}

	@Test
	void emailCodeWhenSentForOtherDetailsOrWrongThenRefusedAndFiveWrongEndIt() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "1000");
		var asked = Withdrawer.destination("USDT", "TRC20", TRON, null, "100");
		var other = Withdrawer.destination("USDT", "TRC20", TRON, null, "101");
		String codeForOther = w.emailCode(other);

		ApiClient.Response wrongDetails = w.submit("ec-1", asked, w.stepUp("withdraw", w.stepUpParams(asked)).text("proof"),
				Withdrawer.TRADING_PASSWORD, codeForOther);
		assertThat(wrongDetails.text("code")).isEqualTo("withdrawal_email_code_invalid");

		String code = w.emailCode(asked);
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 5; i++) {
			assertThat(w.submit("ec-2", asked, w.stepUp("withdraw", w.stepUpParams(asked)).text("proof"),
					Withdrawer.TRADING_PASSWORD, wrong).text("code")).isEqualTo("withdrawal_email_code_invalid");
		}
		assertThat(w.submit("ec-3", asked, w.stepUp("withdraw", w.stepUpParams(asked)).text("proof"),
				Withdrawer.TRADING_PASSWORD, code).text("code")).as("the fifth wrong one ended it")
			.isEqualTo("withdrawal_email_code_invalid");
		assertThat(withdrawalRows(w.id)).isZero();
	}

	@Test
	void tradingPasswordWhenWrongThenCountedAndTheFifthLocksItForTwoHours() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "1000");
		var asked = Withdrawer.destination("USDT", "TRC20", TRON, null, "100");

		for (int i = 0; i < 5; i++) {
			String code = w.emailCode(asked);
			ApiClient.Response r = w.submit("tp-" + i, asked, w.stepUp("withdraw", w.stepUpParams(asked)).text("proof"),
					"not my trading password", code);
			assertThat(r.text("code")).isEqualTo(i < 4 ? "trading_password_incorrect" : "trading_password_locked");
		}
		TestMail.awaitSubject(w.email, "Your trading password was locked");
		String code = w.emailCode(asked);
		assertThat(w.submit("tp-right", asked, w.stepUp("withdraw", w.stepUpParams(asked)).text("proof"),
				Withdrawer.TRADING_PASSWORD, code).text("code")).isEqualTo("trading_password_locked");
		assertThat(withdrawalRows(w.id)).isZero();
	}

	@Test
	void strongFactorWhenTheAccountHasOnlyAPasswordThenRefused() {
		String email = this.accounts.create();
		String token = this.accounts.signIn(email, io.gatehouse.testsupport.TestAccounts.PASSWORD);
		UUID id = UUID.fromString(this.api.get("/api/v1/me", token).text("id"));
		this.repository.setKycLevel(id, 1);
		this.funds.deposit(id, "USDT", "100");

		var quote = this.quotes.quote(id, new Withdrawals.Request(null, "USDT", "TRC20", TRON, null, "50"), LOCAL);

		assertThat(quote.refusal()).isEqualTo(WithdrawalRejection.STRONG_FACTOR_REQUIRED);
	}

	@Test
	void idempotencyWhenTwentySubmitTheSameRequestAtOnceThenOneWithdrawal() throws Exception {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "1000");
		var asked = Withdrawer.destination("USDT", "TRC20", TRON, null, "100");
		String code = w.emailCode(asked);
		String proof = w.stepUp("withdraw", w.stepUpParams(asked)).text("proof");
		AtomicInteger created = new AtomicInteger();

		int answered = Race.successes(20, () -> {
			ApiClient.Response r = w.submit("same-key", asked, proof, Withdrawer.TRADING_PASSWORD, code);
			if (r.status() == 201) {
				created.incrementAndGet();
			}
			return r.status() == 201 || r.status() == 200;
		});

		assertThat(created.get()).isOne();
		assertThat(answered).isEqualTo(20);
		assertThat(withdrawalRows(w.id)).isOne();
		assertThat(held(w.id, "USDT")).isEqualTo(BigInteger.valueOf(101_000_000));
		ApiClient.Response other = w.submit("same-key", Withdrawer.destination("USDT", "TRC20", TRON, null, "99"), null,
				Withdrawer.TRADING_PASSWORD, null);
		assertThat(other.status()).isEqualTo(409);
		assertThat(other.text("code")).isEqualTo("idempotency_key_reused");
	}

	@Test
	void wd07TwentyDifferentWithdrawalsAtOnceThenOnlyTheAffordableOnesAndTheBalanceNeverNegative() throws Exception {
		Withdrawer w = withdrawer(3);
		this.funds.deposit(w.id, "USDT", "500");
		Confirmed[] confirmed = confirmations(w, 20, i -> Withdrawer.destination("USDT", "TRC20", TRON, null, (100 + i) + ""));
		AtomicInteger n = new AtomicInteger();

		int succeeded = Race.successes(20, () -> {
			Confirmed c = confirmed[n.getAndIncrement()];
			return w.submit(c.clientOid(), c.destination(), c.proof(), Withdrawer.TRADING_PASSWORD, c.code(), c.session())
				.status() == 201;
		});

		assertThat(succeeded).as("each costs at least 101 of 500").isBetween(3, 4);
		assertThat(available(w.id, "USDT").signum()).isNotNegative();
		assertThat(held(w.id, "USDT").add(available(w.id, "USDT"))).isEqualTo(BigInteger.valueOf(500_000_000));
		assertThat(withdrawalRows(w.id)).isEqualTo(succeeded);
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void wd08TenAtOnceOverTheDailyLimitThenOnlyThoseWithinIt() throws Exception {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "50000");
		Confirmed[] confirmed = confirmations(w, 10,
				i -> Withdrawer.destination("USDT", "TRC20", TRON, null, (1500 + i) + ""));
		AtomicInteger n = new AtomicInteger();

		int succeeded = Race.successes(10, () -> {
			Confirmed c = confirmed[n.getAndIncrement()];
			return w.submit(c.clientOid(), c.destination(), c.proof(), Withdrawer.TRADING_PASSWORD, c.code(), c.session())
				.status() == 201;
		});

		assertThat(succeeded).as("about 1500 each against 10000").isEqualTo(6);
		BigInteger used = this.jdbc.sql("select sum(reference_value) from withdrawals where account_id = ?").param(w.id)
			.query(java.math.BigDecimal.class).single().toBigIntegerExact();
		assertThat(used).isLessThanOrEqualTo(BigInteger.valueOf(10_000_000_000L));
	}

	/** A confirmation made ahead: its own session (proofs belong to one), email code and proof. */
	record Confirmed(String clientOid, Map<String, Object> destination, String session, String code, String proof) {
	}

	private Confirmed[] confirmations(Withdrawer w, int count,
			java.util.function.IntFunction<Map<String, Object>> destinations) {
		Confirmed[] out = new Confirmed[count];
		for (int i = 0; i < count; i++) {
			Map<String, Object> d = destinations.apply(i);
			Map<String, String> params = w.stepUpParams(d);
			String code = w.emailCode(d);
			String[] session = { w.signIn() };
			String proof = w.stepUp("withdraw", params, session[0], t -> session[0] = t).text("proof");
			out[i] = new Confirmed("race-" + i, d, session[0], code, proof);
		}
		return out;
	}

	@Test
	void cancelWhileWaitingThenFundsReleasedAndOnceClaimedNoLonger() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "1000");
		ApiClient.Response made = w.withdraw("to-cancel", Withdrawer.destination("USDT", "TRC20", TRON, null, "100"));
		String id = made.text("id");

		ApiClient.Response cancelled = this.api.post("/api/v1/me/withdrawals/" + id + "/cancel", null, w.token);
		ApiClient.Response twice = this.api.post("/api/v1/me/withdrawals/" + id + "/cancel", null, w.token);

		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
		assertThat(cancelled.text("status")).isEqualTo("cancelled");
		assertThat(twice.text("code")).isEqualTo("withdrawal_not_cancellable");
		assertThat(held(w.id, "USDT")).isZero();
		assertThat(available(w.id, "USDT")).isEqualTo(BigInteger.valueOf(1000_000_000));
		TestMail.awaitSubject(w.email, "Withdrawal cancelled");
		Withdrawer stranger = withdrawer(1);
		assertThat(this.api.post("/api/v1/me/withdrawals/" + id + "/cancel", null, stranger.token).status())
			.as("another account's withdrawal does not exist for it").isEqualTo(404);
	}

	@Test
	void wd10FreezeLinkInTheRequestEmailFreezesAndCancelsEveryWithdrawalNotPickedUp() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "1000");
		w.withdraw("one", Withdrawer.destination("USDT", "TRC20", TRON, null, "100"));
		w.withdraw("two", Withdrawer.destination("USDT", "ERC20", ETHEREUM, null, "200"));
		String body = TestMail.body(TestMail.awaitSubject(w.email, "Withdrawal requested: 200.000000 USDT"));
		var link = java.util.regex.Pattern.compile("/freeze\\?token=(ghf_[A-Za-z0-9_-]{43})").matcher(body);
		assertThat(link.find()).isTrue();

		ApiClient.Response frozen = this.api.post("/api/v1/freeze", Map.of("token", link.group(1)), null);

		assertThat(frozen.status()).as(frozen.body()).isEqualTo(200);
		assertThat(this.jdbc.sql("select count(*) from withdrawals where account_id = ? and status = 'CANCELLED'")
			.param(w.id).query(Long.class).single()).isEqualTo(2);
		assertThat(held(w.id, "USDT")).isZero();
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void wd11AboveTheSecondThresholdTwoDifferentReviewersMustApprove() {
		Withdrawer w = withdrawer(3);
		this.funds.deposit(w.id, "USDT", "100000");
		ApiClient.Response made = w.withdraw("big", Withdrawer.destination("USDT", "TRC20", TRON, null, "60000"));
		UUID id = UUID.fromString(made.text("id"));
		assertThat(stored(id, "approvals_needed")).isEqualTo("2");
		Actor.Staff first = reviewer("rev-a");

		assertThat(this.reviews.approve(first, id, "checked the destination", LOCAL)).isEmpty();
		assertThat(status(id)).isEqualTo("REVIEW");
		assertThat(this.reviews.approve(first, id, "approving once more", LOCAL)).as("the same reviewer again")
			.contains(WithdrawalRejection.ALREADY_DECIDED);
		Actor.Staff support = new Actor.Staff(UUID.randomUUID(), "sup", Set.of(Actor.Staff.Role.SUPPORT),
				UUID.randomUUID());
		assertThat(this.reviews.approve(support, id, "support cannot", LOCAL)).contains(WithdrawalRejection.ROLE_MISSING);
		assertThat(this.reviews.approve(reviewer("rev-b"), id, "second pair of eyes", LOCAL)).isEmpty();
		assertThat(status(id)).isEqualTo("WAITING");
		assertThat(this.jdbc.sql("""
				select count(*) from security_events
				where account_id = ? and type in ('withdrawal_first_approval', 'withdrawal_approved') and actor like 'staff:%'""")
			.param(w.id).query(Long.class).single()).as("every staff decision is a security event").isEqualTo(2);
	}

	@Test
	void reviewWhenRejectedThenCancelledAndFundsReleased() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "1000");
		UUID id = UUID.fromString(w.withdraw("rej", Withdrawer.destination("USDT", "TRC20", TRON, null, "100")).text("id"));

		assertThat(this.reviews.reject(reviewer("rev-c"), id, "no", LOCAL)).contains(WithdrawalRejection.REASON_REQUIRED);
		assertThat(this.reviews.reject(reviewer("rev-c"), id, "destination is a known scam", LOCAL)).isEmpty();

		assertThat(status(id)).isEqualTo("CANCELLED");
		assertThat(held(w.id, "USDT")).isZero();
		TestMail.awaitSubject(w.email, "Withdrawal not approved");
	}

	@Test
	void reviewWhenWithinTheWindowAfterARecoveryThenReviewedEvenToAKnownAddress() {
		Withdrawer w = withdrawer(1);
		this.funds.deposit(w.id, "USDT", "1000");
		UUID first = UUID.fromString(w.withdraw("known", Withdrawer.destination("USDT", "TRC20", TRON, null, "20")).text("id"));
		this.reviews.approve(reviewer("rev-d"), first, "first use checked", LOCAL);
		UUID pending = UUID.fromString(w.withdraw("pending", Withdrawer.destination("USDT", "TRC20", TRON, null, "19"))
			.text("id"));
		assertThat(stored(pending, "review_reasons")).as("a first withdrawal not yet sent proves nothing")
			.isEqualTo("new_address");
		paidOut(first);
		this.clock.advance(Duration.ofHours(25));
		w.token = w.signIn();
		assertThat(w.withdraw("again", Withdrawer.destination("USDT", "TRC20", TRON, null, "21")).text("status"))
			.as("a destination used a day ago, a small amount: straight to the wallet").isEqualTo("waiting");

		this.tx.executeWithoutResult(s -> this.cooldowns.start(w.id, Duration.ofMinutes(1),
				CooldownService.LOST_FACTOR_RECOVERY, LOCAL));
		this.clock.advance(Duration.ofMinutes(2));
		ApiClient.Response after = w.withdraw("after-recovery", Withdrawer.destination("USDT", "TRC20", TRON, null, "22"));

		assertThat(after.text("status")).isEqualTo("review");
		assertThat(stored(UUID.fromString(after.text("id")), "review_reasons")).isEqualTo("after_recovery");
	}

	private String status(UUID withdrawalId) {
		return this.jdbc.sql("select status from withdrawals where id = ?").param(withdrawalId).query(String.class)
			.single();
	}
}
