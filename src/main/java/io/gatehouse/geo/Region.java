package io.gatehouse.geo;

import org.jspecify.annotations.Nullable;

/**
 * The region rules that apply to one request.
 *
 * @param access the stricter of the address's and the declared country's
 * @param ipCountry where the request came from, when known
 * @param declaredCountry the account's country, when there is an account
 * @param decidedBy which of the two set the access: {@code ip}, {@code declared}, or {@code both} when
 * they agree
 */
public record Region(RegionAccess access, @Nullable String ipCountry, @Nullable String declaredCountry,
		String decidedBy) {

	public boolean permits(RegionAccess.Capability capability) {
		return this.access.permits(capability);
	}
}
