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
 * @param asnDatabase an optional MaxMind-format ASN database (for example GeoLite2-ASN); without it the shipped
 * table answers
 * @param shippedAsn whether the shipped IP-to-ASN table (RouteViews and DB-IP, CC BY 4.0) answers when no
 * {@code asnDatabase} is configured; false leaves the new-network signal off
 * @param cityDatabase an optional MaxMind-format city database (GeoLite2-City, or ip-location-db's
 * {@code dbip-city}): sessions, devices and security events then keep the city as well as the country
 */
@ConfigurationProperties("gatehouse.geo")
record GeoProperties(
		@DefaultValue("classpath:geo/geo-whois-asn-country.mmdb") Resource countryDatabase,
		@Nullable Resource asnDatabase, @DefaultValue("true") boolean shippedAsn, @Nullable Resource cityDatabase) {
}
