package io.gatehouse.withdraw;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;

import org.springframework.stereotype.Component;

/**
 * How a withdrawal reads on the wire: amounts as decimal strings, states in lower case. The owner sees what it
 * is and where it stands; staff and the wallet service also see why it was reviewed, the wallet's notes and
 * how often it was claimed.
 */
@Component
public class WithdrawalViews {

	private final Currencies currencies;

	WithdrawalViews(Currencies currencies) {
		this.currencies = currencies;
	}

	public Map<String, @Nullable Object> view(Withdrawal w) {
		int scale = this.currencies.find(w.currency()).map(Currency::scale).orElse(0);
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("id", w.id().toString());
		out.put("clientOid", w.clientOid());
		out.put("currency", w.currency());
		out.put("chain", w.chain());
		out.put("address", w.address());
		out.put("memo", w.memo());
		out.put("amount", Amounts.format(w.amount(), scale));
		out.put("fee", Amounts.format(w.fee(), scale));
		out.put("status", w.status().wireName());
		out.put("txId", w.txId());
		out.put("reason", w.outcomeReason());
		out.put("createdAt", w.createdAt().toString());
		out.put("updatedAt", w.updatedAt().toString());
		return out;
	}

	/** The owner's view and what staff and the wallet service need besides. */
	public Map<String, @Nullable Object> full(Withdrawal w) {
		Map<String, @Nullable Object> out = view(w);
		out.put("accountId", w.accountId().toString());
		out.put("reviewReasons", w.reviewReasons());
		out.put("approvalsNeeded", w.approvalsNeeded());
		out.put("walletNote", w.walletNote());
		out.put("claims", w.claims());
		return out;
	}
}
