package io.gatehouse.assets;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionService;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Component;

/**
 * What an account may do with money now: nothing moves while it is frozen, and futures need a region
 * that allows them (and new deposit addresses one that allows deposits), judged from this request's address and the account's country, as every signed-in
 * request is.
 */
@Component
class Standing {

	private final Accounts accounts;

	private final RegionService regions;

	Standing(Accounts accounts, RegionService regions) {
		this.accounts = accounts;
		this.regions = regions;
	}

	/** Why no money may move on the account now, if it may not. */
	Optional<AssetsRejection> refusal(UUID accountId) {
		Optional<Account> account = this.accounts.find(accountId);
		return account.isPresent() && account.get().status() == Account.Status.ACTIVE ? Optional.empty()
				: Optional.of(AssetsRejection.ACCOUNT_FROZEN);
	}

	/** The same, held for the caller's transaction: a freeze waits until the money it would stop has moved. */
	Optional<AssetsRejection> refusalHeld(UUID accountId) {
		return this.accounts.lockStatus(accountId).filter(s -> s == Account.Status.ACTIVE).isPresent() ? Optional.empty()
				: Optional.of(AssetsRejection.ACCOUNT_FROZEN);
	}

	/** Whether the region rules of this request allow it. */
	boolean allows(UUID accountId, RegionAccess.Capability capability, RequestContext context) {
		String country = this.accounts.find(accountId).map(a -> a.country().code()).orElse(null);
		return this.regions.decide(context.ip(), country).permits(capability);
	}
}
