package io.gatehouse.geo;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.ClientIp;

import org.springframework.stereotype.Service;

/**
 * Decides the region rules for a request: the stricter of where the trusted client address is and the
 * country the account declared (its KYC country, once verified). Only the address the
 * {@link io.gatehouse.web.ClientIpResolver} trusts counts, so forwarding headers from anyone but a
 * configured proxy change nothing (LG-14).
 */
@Service
public class RegionService {

	private final Geo geo;

	private final RegionProperties properties;

	private final Map<String, RegionAccess> countries;

	RegionService(Geo geo, RegionProperties properties) {
		this.geo = geo;
		this.properties = properties;
		Map<String, RegionAccess> normalised = new HashMap<>();
		properties.countries().forEach((code, access) -> {
			String c = code.strip().toUpperCase(Locale.ROOT);
			if (!c.matches("[A-Z]{2}")) {
				throw new IllegalStateException("gatehouse.region.countries: '" + code + "' is not an ISO 3166-1 alpha-2 code");
			}
			normalised.put(c, access);
		});
		this.countries = Map.copyOf(normalised);
	}

	/** The rules for a request from {@code ip} by an account that declared {@code declaredCountry}, if any. */
	public Region decide(ClientIp ip, @Nullable String declaredCountry) {
		return decide(this.geo.locate(ip), declaredCountry);
	}

	public Region decide(Location location, @Nullable String declaredCountry) {
		RegionAccess byIp = location.network() == Location.Network.LOCAL ? this.properties.local()
				: location.country() == null ? this.properties.unknown() : of(location.country());
		String declared = declaredCountry == null ? null : declaredCountry.strip().toUpperCase(Locale.ROOT);
		if (declared == null) {
			return new Region(byIp, location.country(), null, "ip");
		}
		RegionAccess byDeclared = of(declared);
		String decidedBy = byIp == byDeclared ? "both" : byIp.stricter(byDeclared) == byIp ? "ip" : "declared";
		return new Region(byIp.stricter(byDeclared), location.country(), declared, decidedBy);
	}

	/** The access configured for a country. */
	public RegionAccess of(String country) {
		return this.countries.getOrDefault(country.toUpperCase(Locale.ROOT), RegionAccess.FULL);
	}
}
