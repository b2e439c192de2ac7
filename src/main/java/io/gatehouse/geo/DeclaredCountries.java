package io.gatehouse.geo;

import java.util.Optional;
import java.util.UUID;

/**
 * The country an account declared (its KYC country, once verified), for the region rules of its
 * requests. The account module answers; geo only asks, so it does not depend on accounts.
 */
public interface DeclaredCountries {

	/** ISO 3166-1 alpha-2, or empty for an account that no longer exists. */
	Optional<String> of(UUID accountId);
}
