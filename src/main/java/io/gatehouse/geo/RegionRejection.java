package io.gatehouse.geo;

import org.springframework.http.HttpStatus;

import io.gatehouse.shared.Rejection;
import io.gatehouse.shared.Rejection.Definition;

/** Refusals of the region policy: 451, the status for what the law forbids. */
public enum RegionRejection implements Rejection {

	SIGN_UP_NOT_AVAILABLE(Rejection.of("region_sign_up_unavailable", HttpStatus.UNAVAILABLE_FOR_LEGAL_REASONS,
			"Gatehouse is not available in your region, so new accounts cannot be opened from it.")),
	RESTRICTED(Rejection.of("region_restricted", HttpStatus.UNAVAILABLE_FOR_LEGAL_REASONS,
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
