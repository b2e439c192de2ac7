package io.gatehouse.ledger;

import java.math.BigInteger;

/**
 * One customer ledger account's money, in minor units.
 *
 * @param total what the account holds: credits posted minus debits posted
 * @param held what pending transfers out of it reserve
 */
public record Balance(String currency, LedgerAccountType type, BigInteger total, BigInteger held) {

	public BigInteger available() {
		return this.total.subtract(this.held);
	}
}
