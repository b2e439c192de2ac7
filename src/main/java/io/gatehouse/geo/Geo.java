package io.gatehouse.geo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatehouse.kernel.ClientIp;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Looks addresses up in the country database and the ASN database when one is configured, else the shipped
 * ASN table ({@link AsnTable}). Databases are read with MaxMind's reader; records in the ip-location-db shape ({@code country_code}) and in MaxMind's
 * GeoIP2/GeoLite2 shape ({@code country.iso_code}) are understood, so either kind can be configured.
 * Addresses no public database can place — private, loopback, link-local, shared (CGNAT), unique-local
 * — are answered as {@link Location.Network#LOCAL} without a lookup.
 */
@Service
public class Geo implements SmartInitializingSingleton, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(Geo.class);

	/**
	 * Opening reads the country database into memory, a tenth of a second or more: that happens on a
	 * thread of its own while the rest of the application is created, and {@link #afterSingletonsInstantiated}
	 * waits for it, so a database that cannot be read still stops the start before any request is served.
	 */
	private final CompletableFuture<Databases> databases = new CompletableFuture<>();

	Geo(GeoProperties properties) {
		Thread.ofPlatform().name("open-geo-databases").daemon().start(() -> {
			try {
				this.databases.complete(open(properties));
			}
			catch (RuntimeException | Error ex) {
				this.databases.completeExceptionally(ex);
			}
		});
	}

	private static Databases open(GeoProperties properties) {
		Reader countries = open(properties.countryDatabase());
		Resource asn = properties.asnDatabase();
		Reader asns = asn == null ? null : open(asn);
		AsnTable table = asns != null || !properties.shippedAsn() ? null
				: AsnTable.load(new ClassPathResource("geo/asn-ipv4.csv.gz"), new ClassPathResource("geo/asn-ipv6.csv.gz"));
		Resource city = properties.cityDatabase();
		Reader cities = city == null ? null : open(city);
		log.info("Geo: country database {} built {}{}{}", countries.getMetadata().databaseType(),
				countries.getMetadata().buildTime(), asns != null ? ", with ASN database"
						: table != null ? ", with the shipped ASN table (" + table.ranges() + " ranges)" : ", no ASN data",
				cities == null ? "" : ", with city database " + cities.getMetadata().databaseType());
		return new Databases(countries, asns, table, cities);
	}

	private static Reader open(Resource resource) {
		try {
			if (resource.isFile()) {
				return new Reader(resource.getFile(), new CHMCache());
			}
			try (InputStream in = resource.getInputStream()) {
				return new Reader(in, new CHMCache());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the geo database " + resource.getDescription(), ex);
		}
	}

	public Location locate(ClientIp ip) {
		InetAddress address = ip.address();
		if (isLocal(address)) {
			return Location.LOCAL;
		}
		String country = null;
		String city = null;
		Long asn = null;
		String organization = null;
		try {
			Databases databases = this.databases.join();
			Map<?, ?> record = databases.countries().get(address, Map.class);
			country = countryOf(record);
			if (databases.asns() != null) {
				Map<?, ?> as = databases.asns().get(address, Map.class);
				if (as != null && as.get("autonomous_system_number") instanceof Number n) {
					asn = n.longValue();
					organization = as.get("autonomous_system_organization") instanceof String s ? s : null;
				}
			}
			else if (databases.asnTable() != null) {
				asn = databases.asnTable().asn(address);
			}
			if (databases.cities() != null) {
				city = cityOf(databases.cities().get(address, Map.class));
			}
		}
		catch (IOException | RuntimeException ex) {
			// A damaged database must not fail a sign-in: the address is simply not placed.
			log.warn("Geo lookup failed: {}", ex.toString());
		}
		return new Location(Location.Network.PUBLIC, country, city, asn, organization);
	}

	/** GeoIP2's {@code city.names.en}, or ip-location-db's {@code city}; at most 100 characters. */
	private static @Nullable String cityOf(@Nullable Map<?, ?> record) {
		if (record == null) {
			return null;
		}
		Object name = record.get("city");
		if (name instanceof Map<?, ?> city && city.get("names") instanceof Map<?, ?> names) {
			name = names.get("en");
		}
		return name instanceof String s && !s.isBlank() && s.length() <= 100 ? s.strip() : null;
	}

	private static @Nullable String countryOf(@Nullable Map<?, ?> record) {
		if (record == null) {
			return null;
		}
		Object code = record.get("country_code");
		if (code == null && record.get("country") instanceof Map<?, ?> country) {
			code = country.get("iso_code");
		}
		if (code instanceof String s && s.length() == 2 && Character.isLetter(s.charAt(0))
				&& Character.isLetter(s.charAt(1))) {
			return s.toUpperCase(Locale.ROOT);
		}
		return null;
	}

	/** Addresses that say nothing about where a person is. */
	static boolean isLocal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		if (address instanceof Inet4Address) {
			// 100.64.0.0/10, shared address space (carrier-grade NAT)
			return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
		}
		// fc00::/7, unique local addresses
		return address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			this.databases.join();
		}
		catch (CompletionException ex) {
			throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
		}
	}

	@Override
	public void destroy() throws IOException {
		Databases open = this.databases.exceptionally(ex -> null).join();
		if (open == null) {
			return;
		}
		open.countries().close();
		if (open.asns() != null) {
			open.asns().close();
		}
		if (open.cities() != null) {
			open.cities().close();
		}
	}

	private record Databases(Reader countries, @Nullable Reader asns, @Nullable AsnTable asnTable,
			@Nullable Reader cities) {
	}
}
