package io.gatehouse.assets;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The wallet service's pool of deposit addresses per chain, from which {@link AddressAssignment} gives one
 * out per (owner, currency, chain). Adding an address twice adds it once.
 */
@Service
public class AddressPool {

	/** Letters, digits and the separators chains use; no spaces, no markup. */
	private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9:_.-]{1,128}");

	private static final Pattern MEMO = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final DepositAddresses addresses;

	private final Currencies currencies;

	private final TransactionTemplate tx;

	private final Clock clock;

	AddressPool(DepositAddresses addresses, Currencies currencies, TransactionTemplate tx, Clock clock) {
		this.addresses = addresses;
		this.currencies = currencies;
		this.tx = tx;
		this.clock = clock;
	}

	public record NewAddress(String address, @Nullable String memo) {
	}

	public Result add(String chainName, List<NewAddress> fresh) {
		Currency.Chain chain = this.currencies.all()
			.stream()
			.flatMap(c -> c.chains().stream())
			.filter(c -> c.chain().equalsIgnoreCase(chainName))
			.findFirst()
			.orElse(null);
		if (chain == null) {
			return new Result.Refused(AssetsRejection.CHAIN_UNKNOWN);
		}
		for (NewAddress a : fresh) {
			String memo = a.memo() == null || a.memo().isEmpty() ? null : a.memo();
			if (!ADDRESS.matcher(a.address()).matches() || (memo != null && !MEMO.matcher(memo).matches())
					|| (chain.needsMemo() != (memo != null))) {
				return new Result.Refused(AssetsRejection.ADDRESS_INVALID);
			}
		}
		List<DepositAddresses.Address> rows = fresh.stream()
			.map(a -> new DepositAddresses.Address(chain.chain(), a.address(),
					a.memo() == null || a.memo().isEmpty() ? null : a.memo(), null, null))
			.toList();
		int added = Objects.requireNonNull(
				this.tx.execute(s -> this.addresses.add(chain.chain(), rows, this.clock.instant())));
		return new Result.Added(chain.chain(), added, this.addresses.free(chain.chain()));
	}

	/** How many addresses of the chain are waiting to be given out. */
	public int free(String chain) {
		return this.addresses.free(chain);
	}

	public sealed interface Result {

		record Added(String chain, int added, int free) implements Result {
		}

		record Refused(AssetsRejection rejection) implements Result {
		}
	}
}
