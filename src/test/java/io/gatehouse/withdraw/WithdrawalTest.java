package io.gatehouse.withdraw;

import java.math.BigInteger;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;

import io.gatehouse.account.Accounts;
import io.gatehouse.assets.TestFunds;
import io.gatehouse.kernel.Actor;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.ledger.LedgerCheck;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the withdrawal tests share: customers ready to withdraw, funds, balances, the clock and the ledger check. */
abstract class WithdrawalTest extends ApiTest {

	static final String TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t";

	static final String ETHEREUM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

	static final String BITCOIN = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";

	static final String XRP = "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh";

	@Autowired
	MutableClock clock;

	@Autowired
	Accounts repository;

	@Autowired
	Ledger ledger;

	@Autowired
	LedgerAccounts ledgerAccounts;

	@Autowired
	Currencies currencies;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	LedgerCheck check;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WalletWithdrawals walletService;

	TestFunds funds;

	@BeforeEach
	void funds() {
		this.funds = new TestFunds(this.ledger, this.ledgerAccounts, this.currencies, this.tx);
	}

	Withdrawer withdrawer(int kycLevel) {
		return Withdrawer.ready(this.api, this.accounts, this.port, this.clock, this.repository, kycLevel);
	}

	/**
	 * Plays the wallet service for one withdrawal: claims until it is this one (failing, as dropped, any other
	 * test's withdrawal claimed on the way) and reports it sent.
	 */
	void paidOut(UUID withdrawalId) {
		Actor.Service service = new Actor.Service("wallet");
		for (int i = 0; i < 500; i++) {
			Withdrawal claimed = this.walletService.claim(service).orElseThrow();
			if (claimed.id().equals(withdrawalId)) {
				assertThat(this.walletService.succeed(service, withdrawalId, "tx-" + i + "-" + withdrawalId))
					.isInstanceOf(WalletWithdrawals.Result.Done.class);
				return;
			}
			this.walletService.fail(service, claimed.id(), "drained by a test", true);
		}
		throw new AssertionError("never claimed " + withdrawalId);
	}

	/** A column of the stored withdrawal, for what the owner's view does not show. */
	String stored(UUID withdrawalId, String column) {
		return this.jdbc.sql("select " + column + "::text from withdrawals where id = ?").param(withdrawalId)
			.query(String.class)
			.single();
	}

	BigInteger available(UUID owner, String currency) {
		return this.ledgerAccounts.balance(owner, currency, LedgerAccountType.MAIN).available();
	}

	BigInteger held(UUID owner, String currency) {
		return this.ledgerAccounts.balance(owner, currency, LedgerAccountType.MAIN).held();
	}

	BigInteger total(UUID owner, String currency) {
		return this.ledgerAccounts.balance(owner, currency, LedgerAccountType.MAIN).total();
	}
}
