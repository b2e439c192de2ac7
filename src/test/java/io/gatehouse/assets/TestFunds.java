package io.gatehouse.assets;

import java.util.Map;
import java.util.UUID;

import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.ledger.Transfer;
import io.gatehouse.ledger.TransferResult;

import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Puts money on a test account's Funding account, as a deposit from the exchange's deposits account. */
public final class TestFunds {

	private final Ledger ledger;

	private final LedgerAccounts accounts;

	private final Currencies currencies;

	private final TransactionTemplate tx;

	public TestFunds(Ledger ledger, LedgerAccounts accounts, Currencies currencies, TransactionTemplate tx) {
		this.ledger = ledger;
		this.accounts = accounts;
		this.currencies = currencies;
		this.tx = tx;
	}

	public void deposit(UUID owner, String currency, String amount) {
		long minor = Amounts.parse(amount, this.currencies.find(currency).orElseThrow().scale()).orElseThrow();
		TransferResult result = this.tx.execute(s -> {
			Map<LedgerAccountType, Long> ids = this.accounts.open(owner, currency, LedgerAccountType.MAIN);
			return this.ledger.transfer(new Transfer(UUID.randomUUID(),
					this.accounts.system(currency, LedgerAccountType.DEPOSITS), ids.get(LedgerAccountType.MAIN),
					currency, minor, "deposit", "test"));
		});
		assertThat(result).isEqualTo(TransferResult.OK);
	}
}
