package io.gatehouse.geo;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Region policy.
 *
 * @param countries the access of each country that is not {@link RegionAccess#FULL}, by ISO 3166-1
 * alpha-2 code
 * @param unknown the access of an address the country database cannot place
 * @param local the access of private and loopback addresses (a development machine, or a proxy that is
 * not configured as trusted — which is a deployment mistake, so production may want BLOCKED here)
 */
@ConfigurationProperties("gatehouse.region")
record RegionProperties(@DefaultValue Map<String, RegionAccess> countries,
		@DefaultValue("FULL") RegionAccess unknown, @DefaultValue("FULL") RegionAccess local) {
}
