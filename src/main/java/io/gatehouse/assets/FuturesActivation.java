package io.gatehouse.assets;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.assets.AssetsEvents.FuturesActivated;
import io.gatehouse.account.SubAccountRows;
import io.gatehouse.assets.AssetsEvents.SubAccountFuturesActivated;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Futures are opened explicitly (PRODUCT.md 1.9): the owner reads what they risk (leverage, liquidation,
 * a ledger of its own) and says so; refused while the account is frozen or the region rules do not allow
 * futures. Until then nothing can be transferred into the Futures account.
 */
@Service
public class FuturesActivation {

	/** The version of the risk statement the owner acknowledges; kept with the activation. */
	public static final String TERMS = "futures-risks-2026-12";

	private final FuturesActivations activations;

	private final Standing standing;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final SubAccountRows subAccounts;

	FuturesActivation(FuturesActivations activations, Standing standing, ApplicationEventPublisher events,
			TransactionTemplate tx, Clock clock, SubAccountRows subAccounts) {
		this.activations = activations;
		this.standing = standing;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
		this.subAccounts = subAccounts;
	}

	/** Activates futures; activating again changes nothing and answers the same. */
	public Optional<AssetsRejection> activate(Actor.Customer owner, boolean acknowledged, RequestContext context) {
		if (!acknowledged) {
			return Optional.of(AssetsRejection.FUTURES_ACKNOWLEDGEMENT_REQUIRED);
		}
		Optional<AssetsRejection> refused = this.standing.refusal(owner.accountId());
		if (refused.isPresent()) {
			return refused;
		}
		if (!this.standing.allows(owner.accountId(), RegionAccess.Capability.FUTURES_TRANSFER, context)) {
			return Optional.of(AssetsRejection.REGION_RESTRICTED);
		}
		this.tx.executeWithoutResult(s -> {
			if (this.activations.insert(owner.accountId(), this.clock.instant(), TERMS, context.ip().toString())) {
				this.events.publishEvent(new FuturesActivated(owner.accountId(), TERMS, context));
			}
		});
		return Optional.empty();
	}

	/**
	 * Activates futures on one of the master's sub-accounts, the master acknowledging the risks for it; the master
	 * and the sub-account must both be active, and the region must allow futures. On the master's chain.
	 */
	public Optional<AssetsRejection> activateForSubAccount(UUID masterId, UUID subAccountId, boolean acknowledged,
			RequestContext context) {
		if (!acknowledged) {
			return Optional.of(AssetsRejection.FUTURES_ACKNOWLEDGEMENT_REQUIRED);
		}
		if (this.subAccounts.find(masterId, subAccountId).isEmpty()) {
			return Optional.of(AssetsRejection.SUB_ACCOUNT_UNKNOWN);
		}
		Optional<AssetsRejection> refused = this.standing.refusal(masterId)
			.or(() -> this.standing.refusal(subAccountId).map(r -> AssetsRejection.SUB_ACCOUNT_FROZEN));
		if (refused.isPresent()) {
			return refused;
		}
		if (!this.standing.allows(masterId, RegionAccess.Capability.FUTURES_TRANSFER, context)) {
			return Optional.of(AssetsRejection.REGION_RESTRICTED);
		}
		this.tx.executeWithoutResult(s -> {
			if (this.activations.insert(subAccountId, this.clock.instant(), TERMS, context.ip().toString())) {
				this.events.publishEvent(new SubAccountFuturesActivated(masterId, subAccountId, TERMS, context));
			}
		});
		return Optional.empty();
	}

	public Optional<Instant> activatedAt(UUID accountId) {
		return this.activations.activatedAt(accountId);
	}
}
