package io.gatehouse.assets;

import java.util.Optional;
import java.util.regex.Pattern;

import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.LedgerAccountType;

/**
 * What every transfer request says, read alike for an internal and a master↔sub transfer, in this order: the
 * client's id (KuCoin's clientOid, the idempotency key), the currency, the amount in its scale, the two account types.
 */
record TransferAsk(String clientOid, Currency currency, long amount, LedgerAccountType from, LedgerAccountType to) {

	private static final Pattern CLIENT_OID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	sealed interface Read {

		record Ok(TransferAsk ask) implements Read {
		}

		record Refused(AssetsRejection rejection) implements Read {
		}
	}

	static Read read(Currencies currencies, String clientOid, String currencyCode, String amount, String from,
			String to) {
		if (!CLIENT_OID.matcher(clientOid).matches()) {
			return new Read.Refused(AssetsRejection.CLIENT_OID_INVALID);
		}
		Optional<Currency> currency = currencies.find(currencyCode);
		if (currency.isEmpty()) {
			return new Read.Refused(AssetsRejection.CURRENCY_UNKNOWN);
		}
		Optional<Long> minor = Amounts.parse(amount, currency.get().scale());
		if (minor.isEmpty()) {
			return new Read.Refused(AssetsRejection.AMOUNT_INVALID);
		}
		Optional<LedgerAccountType> fromType = LedgerAccountType.customer(from);
		Optional<LedgerAccountType> toType = LedgerAccountType.customer(to);
		if (fromType.isEmpty() || toType.isEmpty()) {
			return new Read.Refused(AssetsRejection.ACCOUNT_TYPE_INVALID);
		}
		return new Read.Ok(new TransferAsk(clientOid, currency.get(), minor.get(), fromType.get(), toType.get()));
	}
}
