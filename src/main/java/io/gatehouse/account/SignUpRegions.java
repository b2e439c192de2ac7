package io.gatehouse.account;

import java.util.Optional;

import io.gatehouse.geo.Region;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionEvents.RegionRestricted;
import io.gatehouse.geo.RegionRejection;
import io.gatehouse.geo.RegionService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * No sign-up from a BLOCKED region, judged by the trusted client address and the declared country alike
 * (PRODUCT.md 1.6); asked when the sign-up starts and again where the account would be created, as the
 * code may be typed in from elsewhere. The answer depends on nothing about the identifier.
 */
@Component
class SignUpRegions {

	private final RegionService regions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	SignUpRegions(RegionService regions, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.regions = regions;
		this.events = events;
		this.tx = tx;
	}

	Optional<Rejection> refusal(Country country, RequestContext context) {
		Region region = this.regions.decide(context.ip(), country.code());
		if (region.permits(RegionAccess.Capability.SIGN_UP)) {
			return Optional.empty();
		}
		this.tx.executeWithoutResult(s -> this.events.publishEvent(new RegionRestricted(null, "sign_up", region, context)));
		return Optional.of(RegionRejection.SIGN_UP_NOT_AVAILABLE);
	}
}
