package io.gatehouse.geo;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Where the geo databases are.
 *
 * @param countryDatabase a MaxMind-format database with a country per network: the shipped CC0
 * {@code geo-whois-asn-country} by default; a {@code file:} path to a newer copy updates it
 * @param asnDatabase an optional MaxMind-format ASN database (for example {@code @ip-location-db/asn-mmdb},
 * or GeoLite2-ASN); without it there is no ASN signal
 */
@ConfigurationProperties("gatehouse.geo")
record GeoProperties(
		@DefaultValue("classpath:geo/geo-whois-asn-country.mmdb") Resource countryDatabase,
		@Nullable Resource asnDatabase) {
}
