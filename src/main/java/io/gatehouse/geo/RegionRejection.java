package io.gatehouse.geo;


import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of the region policy: 451, the status for what the law forbids. */
public enum RegionRejection implements Rejection {

	SIGN_UP_NOT_AVAILABLE(Rejection.of("region_sign_up_unavailable", Kind.REGION_RESTRICTED,
			"Gatehouse is not available in your region, so new accounts cannot be opened from it.")),
	RESTRICTED(Rejection.of("region_restricted", Kind.REGION_RESTRICTED,
			"This is not available in your region. You can still sign in, see your account, keep it secure and withdraw your funds."));

	private final Definition definition;

	RegionRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
