package io.gatehouse.assets;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.gatehouse.ledger.Balance;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerAccounts;

import org.springframework.stereotype.Service;

/** What the owner holds: per currency, the Funding, Spot and Futures balances and their total. */
@Service
public class AssetBalances {

	private final Currencies currencies;

	private final LedgerAccounts accounts;

	AssetBalances(Currencies currencies, LedgerAccounts accounts) {
		this.currencies = currencies;
		this.accounts = accounts;
	}

	/** Every configured currency, those the owner holds first, each group in code order; zeros where nothing is held. */
	public List<Asset> of(UUID ownerId) {
		Map<String, Map<LedgerAccountType, Balance>> held = new HashMap<>();
		for (Balance b : this.accounts.balances(ownerId)) {
			held.computeIfAbsent(b.currency(), c -> new EnumMap<>(LedgerAccountType.class)).put(b.type(), b);
		}
		List<Asset> out = new ArrayList<>();
		for (Currency currency : this.currencies.all()) {
			Map<LedgerAccountType, Balance> mine = held.getOrDefault(currency.code(), Map.of());
			Map<LedgerAccountType, Balance> all = new EnumMap<>(LedgerAccountType.class);
			for (LedgerAccountType type : CUSTOMER_TYPES) {
				all.put(type, mine.getOrDefault(type, new Balance(currency.code(), type, BigInteger.ZERO, BigInteger.ZERO)));
			}
			out.add(new Asset(currency, all));
		}
		out.sort(Comparator.comparing(Asset::empty));
		return out;
	}

	static final List<LedgerAccountType> CUSTOMER_TYPES = List.of(LedgerAccountType.MAIN, LedgerAccountType.TRADE,
			LedgerAccountType.CONTRACT);

	/** One currency's three accounts. */
	public record Asset(Currency currency, Map<LedgerAccountType, Balance> accounts) {

		public Asset {
			accounts = Map.copyOf(accounts);
		}

		public Balance account(LedgerAccountType type) {
			Balance b = this.accounts.get(type);
			return b != null ? b : new Balance(this.currency.code(), type, BigInteger.ZERO, BigInteger.ZERO);
		}

		public BigInteger total() {
			return this.accounts.values().stream().map(Balance::total).reduce(BigInteger.ZERO, BigInteger::add);
		}

		public boolean empty() {
			return this.accounts.values().stream().allMatch(b -> b.total().signum() == 0 && b.held().signum() == 0);
		}
	}
}
