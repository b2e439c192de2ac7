package io.gatehouse.assets;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.SubAccountRows;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deposit addresses for the owner: one per (currency, chain), taken from the wallet service's pool the
 * first time it is asked for and the same one ever after. No new address while the account is frozen or
 * where the region rules do not allow deposits; an address given out before keeps working, and what
 * arrives on it is credited.
 */
@Service
public class AddressAssignment {

	private final DepositAddresses addresses;

	private final Currencies currencies;

	private final Standing standing;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final SubAccountRows subAccounts;

	AddressAssignment(DepositAddresses addresses, Currencies currencies, Standing standing,
			TransactionTemplate tx, Clock clock, SubAccountRows subAccounts) {
		this.subAccounts = subAccounts;
		this.addresses = addresses;
		this.currencies = currencies;
		this.standing = standing;
		this.tx = tx;
		this.clock = clock;
	}

	/** An address to show: where to send, on which network spelled out, and the memo when it needs one. */
	public record DepositAddress(Currency currency, Currency.Chain chain, String address,
			@Nullable String memo) {
	}

	public Result addressFor(Actor.Customer owner, String currencyCode, String chainName, RequestContext context) {
		return addressFor(owner.accountId(), currencyCode, chainName, context);
	}

	/** The same for an API key acting for its account. */
	public Result addressFor(UUID ownerId, String currencyCode, String chainName, RequestContext context) {
		Optional<Currency> currency = this.currencies.find(currencyCode);
		if (currency.isEmpty()) {
			return new Result.Refused(AssetsRejection.CURRENCY_UNKNOWN);
		}
		Optional<Currency.Chain> chain = currency.get().chain(chainName);
		if (chain.isEmpty()) {
			return new Result.Refused(AssetsRejection.CHAIN_UNKNOWN);
		}
		if (this.subAccounts.isSubAccount(ownerId)) {
			return new Result.Refused(AssetsRejection.SUB_ACCOUNT_NO_DEPOSIT);
		}
		String code = currency.get().code();
		String network = chain.get().chain();
		Optional<DepositAddresses.Address> mine = this.addresses.assigned(ownerId, code, network);
		if (mine.isPresent()) {
			return new Result.Given(view(currency.get(), chain.get(), mine.get()));
		}
		Optional<AssetsRejection> refused = this.standing.refusal(ownerId);
		if (refused.isPresent()) {
			return new Result.Refused(refused.get());
		}
		if (!this.standing.allows(ownerId, RegionAccess.Capability.DEPOSIT, context)) {
			return new Result.Refused(AssetsRejection.DEPOSIT_REGION_RESTRICTED);
		}
		Optional<DepositAddresses.Address> assigned;
		try {
			assigned = Objects.requireNonNull(this.tx.execute(
					s -> this.addresses.assign(ownerId, code, network, this.clock.instant())));
		}
		catch (DuplicateKeyException ex) {
			// The owner's other request got one first: that one is theirs.
			assigned = this.addresses.assigned(ownerId, code, network);
		}
		return assigned.<Result>map(a -> new Result.Given(view(currency.get(), chain.get(), a)))
			.orElseGet(() -> new Result.Refused(AssetsRejection.DEPOSIT_ADDRESS_UNAVAILABLE));
	}

	/** The addresses the owner was given. */
	public List<DepositAddress> addresses(Actor.Customer owner) {
		return addresses(owner.accountId());
	}

	public List<DepositAddress> addresses(UUID ownerId) {
		return this.addresses.assigned(ownerId).stream().flatMap(a -> {
			Optional<Currency> currency = this.currencies.find(Objects.requireNonNull(a.currency()));
			return currency.flatMap(c -> c.chain(a.chain()).map(ch -> view(c, ch, a))).stream();
		}).toList();
	}

	private static DepositAddress view(Currency currency, Currency.Chain chain, DepositAddresses.Address a) {
		return new DepositAddress(currency, chain, a.address(), a.memo());
	}

	public sealed interface Result {

		record Given(DepositAddress address) implements Result {
		}

		record Refused(AssetsRejection rejection) implements Result {
		}
	}
}
