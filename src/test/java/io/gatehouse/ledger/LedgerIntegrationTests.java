package io.gatehouse.ledger;

import java.math.BigInteger;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's own rules: results in precedence, two-phase holds, resolution once, conservation. */
@IntegrationTest
class LedgerIntegrationTests extends ApiTest {

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	LedgerCheck check;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MutableClock clock;

	long deposits;

	long main;

	long trade;

	long btcMain;

	UUID owner;

	@BeforeEach
	void accounts() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		this.owner = UUID.fromString(this.api.get("/api/v1/me", token).text("id"));
		var ids = this.ledgerAccounts.open(this.owner, "USDT", LedgerAccountType.MAIN, LedgerAccountType.TRADE);
		this.main = ids.get(LedgerAccountType.MAIN);
		this.trade = ids.get(LedgerAccountType.TRADE);
		this.btcMain = this.ledgerAccounts.open(this.owner, "BTC", LedgerAccountType.MAIN).get(LedgerAccountType.MAIN);
		this.deposits = this.ledgerAccounts.system("USDT", LedgerAccountType.DEPOSITS);
	}

	@Test
	void resultsInPrecedenceAndNothingWrittenOnARefusal() {
		assertThat(move(UUID.randomUUID(), this.deposits, this.main, 0)).isEqualTo(TransferResult.AMOUNT_MUST_NOT_BE_ZERO);
		assertThat(move(UUID.randomUUID(), this.main, this.main, 1)).isEqualTo(TransferResult.ACCOUNTS_MUST_BE_DIFFERENT);
		assertThat(move(UUID.randomUUID(), -5, this.main, 1)).isEqualTo(TransferResult.DEBIT_ACCOUNT_NOT_FOUND);
		assertThat(move(UUID.randomUUID(), this.main, -5, 1)).isEqualTo(TransferResult.CREDIT_ACCOUNT_NOT_FOUND);
		assertThat(move(UUID.randomUUID(), this.main, this.btcMain, 1)).isEqualTo(TransferResult.CURRENCY_MISMATCH);
		assertThat(move(UUID.randomUUID(), this.main, this.trade, 1)).isEqualTo(TransferResult.EXCEEDS_CREDITS);

		UUID id = UUID.randomUUID();
		assertThat(move(id, this.deposits, this.main, 100)).isEqualTo(TransferResult.OK);
		assertThat(move(id, this.deposits, this.main, 100)).isEqualTo(TransferResult.EXISTS);
		assertThat(move(id, this.deposits, this.main, 101)).isEqualTo(TransferResult.EXISTS_WITH_DIFFERENT_AMOUNT);
		assertThat(move(id, this.deposits, this.trade, 100)).isEqualTo(TransferResult.EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT);
		assertThat(this.ledger.hold(new Transfer(id, this.deposits, this.main, "USDT", 100, "test", null)))
			.isEqualTo(TransferResult.EXISTS_WITH_DIFFERENT_PHASE);
		assertThat(balance(LedgerAccountType.MAIN)).isEqualTo(100);
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void holdThenPostMovesWhatWasHeldAndAHoldIsResolvedOnce() {
		move(UUID.randomUUID(), this.deposits, this.main, 100);
		UUID hold = UUID.randomUUID();

		assertThat(this.ledger.hold(new Transfer(hold, this.main, this.trade, "USDT", 70, "test_hold", "h")))
			.isEqualTo(TransferResult.OK);
		assertThat(this.ledgerAccounts.balance(this.owner, "USDT", LedgerAccountType.MAIN))
			.isEqualTo(new Balance("USDT", LedgerAccountType.MAIN, BigInteger.valueOf(100), BigInteger.valueOf(70)));
		assertThat(move(UUID.randomUUID(), this.main, this.trade, 31)).isEqualTo(TransferResult.EXCEEDS_CREDITS);

		UUID post = UUID.randomUUID();
		assertThat(this.ledger.post(post, hold)).isEqualTo(TransferResult.OK);
		assertThat(this.ledger.post(post, hold)).isEqualTo(TransferResult.EXISTS);
		assertThat(this.ledger.post(UUID.randomUUID(), hold)).isEqualTo(TransferResult.PENDING_TRANSFER_ALREADY_POSTED);
		assertThat(this.ledger.voidHold(UUID.randomUUID(), hold)).isEqualTo(TransferResult.PENDING_TRANSFER_ALREADY_POSTED);
		assertThat(this.ledger.post(UUID.randomUUID(), post)).isEqualTo(TransferResult.PENDING_TRANSFER_NOT_PENDING);
		assertThat(this.ledger.post(UUID.randomUUID(), UUID.randomUUID())).isEqualTo(TransferResult.PENDING_TRANSFER_NOT_FOUND);
		assertThat(balance(LedgerAccountType.MAIN)).isEqualTo(30);
		assertThat(balance(LedgerAccountType.TRADE)).isEqualTo(70);
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void holdThenVoidReleasesIt() {
		move(UUID.randomUUID(), this.deposits, this.main, 100);
		UUID hold = UUID.randomUUID();
		this.ledger.hold(new Transfer(hold, this.main, this.trade, "USDT", 100, "test_hold", null));

		assertThat(this.ledger.voidHold(UUID.randomUUID(), hold)).isEqualTo(TransferResult.OK);
		assertThat(this.ledger.voidHold(UUID.randomUUID(), hold)).isEqualTo(TransferResult.PENDING_TRANSFER_ALREADY_VOIDED);
		assertThat(this.ledgerAccounts.balance(this.owner, "USDT", LedgerAccountType.MAIN))
			.isEqualTo(new Balance("USDT", LedgerAccountType.MAIN, BigInteger.valueOf(100), BigInteger.ZERO));
		assertThat(balance(LedgerAccountType.TRADE)).isZero();
	}

	@Test
	void twentyConcurrentResolutionsOfOneHoldThenOnePost() throws Exception {
		move(UUID.randomUUID(), this.deposits, this.main, 100);
		UUID hold = UUID.randomUUID();
		this.ledger.hold(new Transfer(hold, this.main, this.trade, "USDT", 60, "test_hold", null));

		int posted = Race.successes(20, () -> this.ledger.post(UUID.randomUUID(), hold) == TransferResult.OK);

		assertThat(posted).isEqualTo(1);
		assertThat(balance(LedgerAccountType.TRADE)).isEqualTo(60);
		assertThat(this.check.run().conserved()).isTrue();
	}

	@Test
	void opposingTransfersAtOnceNeverDeadlockAndConserve() throws Exception {
		move(UUID.randomUUID(), this.deposits, this.main, 1000);
		move(UUID.randomUUID(), this.main, this.trade, 500);

		int done = Race.successes(20, () -> {
			boolean forth = Thread.currentThread().threadId() % 2 == 0;
			return move(UUID.randomUUID(), forth ? this.main : this.trade, forth ? this.trade : this.main, 10)
				.succeeded();
		});

		assertThat(done).isEqualTo(20);
		assertThat(balance(LedgerAccountType.MAIN) + balance(LedgerAccountType.TRADE)).isEqualTo(1000);
		assertThat(this.check.run().conserved()).isTrue();
	}

	/** IT-05: a fault after the debit and before the credit leaves nothing behind. */
	@Test
	void it05FaultBetweenDebitAndCreditThenEverythingRollsBack() {
		move(UUID.randomUUID(), this.deposits, this.main, 100);
		this.jdbc.sql("""
				create function pg_temp_fail_credit() returns trigger language plpgsql as $$
				begin raise exception 'injected fault'; end $$""").update();
		this.jdbc.sql("create trigger fail_credit before update of credits_posted on ledger_accounts for each row "
				+ "when (new.id = " + this.trade + ") execute function pg_temp_fail_credit()").update();
		UUID id = UUID.randomUUID();
		try {
			assertThatThrownBy(() -> move(id, this.main, this.trade, 40)).isInstanceOf(DataAccessException.class)
				.hasMessageContaining("injected fault");
		}
		finally {
			this.jdbc.sql("drop trigger fail_credit on ledger_accounts").update();
			this.jdbc.sql("drop function pg_temp_fail_credit()").update();
		}

		assertThat(balance(LedgerAccountType.MAIN)).isEqualTo(100);
		assertThat(balance(LedgerAccountType.TRADE)).isZero();
		assertThat(this.jdbc.sql("select count(*) from ledger_transfers where id = ?").param(id).query(Long.class)
			.single()).isZero();
		assertThat(move(id, this.main, this.trade, 40)).as("the id is free again").isEqualTo(TransferResult.OK);
		assertThat(this.check.run().conserved()).isTrue();
	}

	/** An operator adds a currency after the migration: its system accounts open the first time money moves. */
	@Test
	void currencyAddedLaterThenItsSystemAccountsOpenOnFirstUse() {
		String code = "T" + Long.toString(System.nanoTime() % 100_000_000, 36).toUpperCase();
		this.jdbc.sql("insert into currencies (code, name, scale) values (?, 'Test coin', 4)").param(code).update();

		long deposits = this.ledgerAccounts.system(code, LedgerAccountType.DEPOSITS);
		long again = this.ledgerAccounts.system(code, LedgerAccountType.DEPOSITS);
		long main = this.ledgerAccounts.open(this.owner, code, LedgerAccountType.MAIN).get(LedgerAccountType.MAIN);

		assertThat(again).isEqualTo(deposits);
		assertThat(this.ledger.transfer(new Transfer(UUID.randomUUID(), deposits, main, code, 5, "deposit", null)))
			.isEqualTo(TransferResult.OK);
		assertThat(this.check.run().conserved()).isTrue();
	}

	/** The console's check is served again for 30 s, so reloading it cannot keep the database scanning. */
	@Test
	void recentCheckWhenAskedAgainWithinHalfAMinuteThenTheSameReportAndAfterThatAFreshOne() {
		LedgerCheck.Report first = this.check.recent();

		assertThat(this.check.recent()).isSameAs(first);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.check.recent()).isNotSameAs(first);
	}

	private TransferResult move(UUID id, long debit, long credit, long amount) {
		return this.ledger.transfer(new Transfer(id, debit, credit, "USDT", amount, "test", null));
	}

	private long balance(LedgerAccountType type) {
		return this.ledgerAccounts.balance(this.owner, "USDT", type).total().longValueExact();
	}
}
