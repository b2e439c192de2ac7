package io.gatehouse.apikey;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.CooldownService;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Whether an account may create or enable a key now: active (not frozen), a region that allows new keys, and
 * not within 72 hours of a lost-factor recovery (the block is recorded when the recovery's cooldown starts).
 */
@Component
class ApiKeyStanding {

	static final Duration AFTER_RECOVERY = Duration.ofHours(72);

	private final Accounts accounts;

	private final RegionService regions;

	private final ApiKeys keys;

	private final Clock clock;

	ApiKeyStanding(Accounts accounts, RegionService regions, ApiKeys keys, Clock clock) {
		this.accounts = accounts;
		this.regions = regions;
		this.keys = keys;
		this.clock = clock;
	}

	/** Why no key may be created or enabled now, with when it may where that is known. */
	Optional<Refusal> refusal(UUID accountId, RequestContext context) {
		Optional<Account> account = this.accounts.find(accountId);
		if (account.isEmpty() || account.get().status() != Account.Status.ACTIVE) {
			return Optional.of(new Refusal(ApiKeyRejection.ACCOUNT_NOT_ACTIVE, Map.of()));
		}
		if (!this.regions.decide(context.ip(), account.get().country().code())
			.permits(RegionAccess.Capability.NEW_API_KEY)) {
			return Optional.of(new Refusal(ApiKeyRejection.REGION_RESTRICTED, Map.of()));
		}
		return this.keys.blockedUntil(accountId)
			.filter(this.clock.instant()::isBefore)
			.map(until -> new Refusal(ApiKeyRejection.AFTER_RECOVERY, Map.of("blockedUntil", until.toString())));
	}

	record Refusal(Rejection rejection, Map<String, String> facts) {
	}

	@EventListener
	void on(CooldownService.SecurityCooldownStarted event) {
		if (CooldownService.LOST_FACTOR_RECOVERY.equals(event.reason())) {
			this.keys.block(event.accountId(), this.clock.instant().plus(AFTER_RECOVERY));
		}
	}
}
