package io.gatehouse.geo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.testsupport.MmdbFixture;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Geo lookup through MaxMind's reader, region decisions, and the distance bound behind impossible travel. */
class GeoTests {

	@TempDir
	static Path dir;

	static Geo fixture;

	static Geo shipped;

	@BeforeAll
	static void open() {
		fixture = new Geo(new GeoProperties(new FileSystemResource(MmdbFixture.countries(dir)),
				new FileSystemResource(MmdbFixture.asns(dir)), true,
				new FileSystemResource(MmdbFixture.cities(dir))));
		shipped = new Geo(new GeoProperties(new ClassPathResource("geo/geo-whois-asn-country.mmdb"), null, true, null));
	}

	@AfterAll
	static void close() throws Exception {
		fixture.destroy();
		shipped.destroy();
	}

	@Test
	void locateWhenFixtureNetworkThenCountryAndAsn() {
		Location de = fixture.locate(ClientIp.of("198.51.100.23"));
		assertThat(de.network()).isEqualTo(Location.Network.PUBLIC);
		assertThat(de.country()).isEqualTo("DE");
		assertThat(de.asn()).isEqualTo(64496L);
		assertThat(de.asnOrganization()).isEqualTo("Test network AS64496");
		assertThat(de.describe()).isEqualTo("Berlin, Germany (DE)");
		assertThat(fixture.locate(ClientIp.of("198.19.4.5")).asn()).isEqualTo(64511L);
		assertThat(fixture.locate(ClientIp.of("2001:db8:1::5")).country()).isEqualTo("FR");
		assertThat(de.city()).as("GeoLite2-City shape").isEqualTo("Berlin");
		assertThat(fixture.locate(ClientIp.of("192.0.2.9")).city()).as("ip-location-db shape").isEqualTo("Osaka");
		assertThat(fixture.locate(ClientIp.of("198.18.0.1")).city()).as("not in the city database").isNull();
		assertThat(Location.placeName("Berlin", "DE")).isEqualTo("Berlin, Germany (DE)");
		assertThat(Location.placeName(null, "DE")).isEqualTo("Germany (DE)");
		assertThat(shipped.locate(ClientIp.of("8.8.8.8")).city()).as("no city database configured").isNull();
	}

	/** Issue 20 item 12: with no ASN database configured, the shipped table (RouteViews, DB-IP) answers. */
	@Test
	void locateWhenNoAsnDatabaseIsConfiguredThenTheShippedTableGivesTheNetworkForBothFamilies() {
		assertThat(shipped.locate(ClientIp.of("1.0.0.1")).asn()).as("first range of the table").isEqualTo(13335L);
		assertThat(shipped.locate(ClientIp.of("8.8.8.8")).asn()).isEqualTo(15169L);
		assertThat(shipped.locate(ClientIp.of("2001:4860:4860::8888")).asn()).isEqualTo(15169L);
		assertThat(shipped.locate(ClientIp.of("2a00:1450:4001::1")).asn()).isEqualTo(15169L);
		assertThat(shipped.locate(ClientIp.of("240.0.0.1")).asn()).as("reserved: announced by no one").isNull();
		assertThat(shipped.locate(ClientIp.of("255.255.255.254")).asn()).isNull();
	}

	@Test
	void locateWhenAddressInNoNetworkThenPublicButUnknown() {
		Location nowhere = fixture.locate(ClientIp.of("8.8.8.8"));
		assertThat(nowhere.network()).isEqualTo(Location.Network.PUBLIC);
		assertThat(nowhere.country()).isNull();
		assertThat(nowhere.asn()).isNull();
		assertThat(nowhere.describe()).isEqualTo("an unknown location");
	}

	@Test
	void locateWhenPrivateLoopbackLinkLocalSharedOrUniqueLocalThenLocalWithoutLookup() {
		for (String ip : new String[] { "127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.1.1",
				"100.64.3.4", "::1", "fe80::1", "fd12:3456::1" }) {
			Location local = fixture.locate(ClientIp.of(ip));
			assertThat(local.network()).as(ip).isEqualTo(Location.Network.LOCAL);
			assertThat(local.country()).as(ip).isNull();
		}
		assertThat(fixture.locate(ClientIp.of("100.128.0.1")).network()).isEqualTo(Location.Network.PUBLIC);
	}

	@Test
	void locateWhenShippedDatabaseThenRealCountries() {
		assertThat(shipped.locate(ClientIp.of("8.8.8.8")).country()).isEqualTo("US");
		assertThat(shipped.locate(ClientIp.of("175.45.176.1")).country()).isEqualTo("KP");
		assertThat(shipped.locate(ClientIp.of("2a00:1450:4001::1")).country()).isNotNull();
	}

	@Test
	void decideWhenIpAndDeclaredCountryDifferThenStricterWins() {
		RegionService regions = new RegionService(fixture, new RegionProperties(
				Map.of("kp", RegionAccess.BLOCKED, "US", RegionAccess.WITHDRAW_ONLY), RegionAccess.FULL, RegionAccess.FULL));
		Region fromNorthKorea = regions.decide(ClientIp.of("203.0.113.5"), "DE");
		assertThat(fromNorthKorea.access()).isEqualTo(RegionAccess.BLOCKED);
		assertThat(fromNorthKorea.decidedBy()).isEqualTo("ip");
		Region declaredUs = regions.decide(ClientIp.of("198.51.100.5"), "us");
		assertThat(declaredUs.access()).isEqualTo(RegionAccess.WITHDRAW_ONLY);
		assertThat(declaredUs.decidedBy()).isEqualTo("declared");
		assertThat(regions.decide(ClientIp.of("198.51.100.5"), "DE").access()).isEqualTo(RegionAccess.FULL);
		assertThat(regions.decide(ClientIp.of("198.18.1.1"), "KP").access()).isEqualTo(RegionAccess.BLOCKED);
		assertThat(regions.decide(ClientIp.of("127.0.0.1"), null).access()).isEqualTo(RegionAccess.FULL);
	}

	@Test
	void decideWhenUnknownOrLocalConfiguredStrictThenThatApplies() {
		RegionService strict = new RegionService(fixture, new RegionProperties(Map.of(), RegionAccess.WITHDRAW_ONLY,
				RegionAccess.BLOCKED));
		assertThat(strict.decide(ClientIp.of("8.8.8.8"), null).access()).isEqualTo(RegionAccess.WITHDRAW_ONLY);
		assertThat(strict.decide(ClientIp.of("10.0.0.1"), "DE").access()).isEqualTo(RegionAccess.BLOCKED);
	}

	@Test
	void regionsWhenCountryCodeMalformedThenStartupFails() {
		assertThatThrownBy(() -> new RegionService(fixture,
				new RegionProperties(Map.of("North Korea", RegionAccess.BLOCKED), RegionAccess.FULL, RegionAccess.FULL)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("ISO 3166-1");
	}

	@Test
	void accessWhenRankedThenEachLevelPermitsLessThanTheOneAbove() {
		assertThat(RegionAccess.BLOCKED.permits(RegionAccess.Capability.SIGN_UP)).isFalse();
		assertThat(RegionAccess.BLOCKED.permits(RegionAccess.Capability.SIGN_IN)).isTrue();
		assertThat(RegionAccess.BLOCKED.permits(RegionAccess.Capability.WITHDRAW)).isTrue();
		assertThat(RegionAccess.BLOCKED.permits(RegionAccess.Capability.CONFIGURE)).isFalse();
		assertThat(RegionAccess.WITHDRAW_ONLY.permits(RegionAccess.Capability.SIGN_UP)).isTrue();
		for (RegionAccess.Capability refused : new RegionAccess.Capability[] { RegionAccess.Capability.TRADE,
				RegionAccess.Capability.DEPOSIT, RegionAccess.Capability.FUTURES_TRANSFER,
				RegionAccess.Capability.NEW_API_KEY }) {
			assertThat(RegionAccess.WITHDRAW_ONLY.permits(refused)).as(refused.name()).isFalse();
			assertThat(RegionAccess.FULL.permits(refused)).isTrue();
		}
		assertThat(RegionAccess.FULL.stricter(RegionAccess.BLOCKED)).isEqualTo(RegionAccess.BLOCKED);
		assertThat(RegionAccess.WITHDRAW_ONLY.stricter(RegionAccess.FULL)).isEqualTo(RegionAccess.WITHDRAW_ONLY);
	}

	@Test
	void minimumDistanceWhenFarApartThenALowerBoundOfTheRealDistance() {
		CountryAreas areas = new CountryAreas();
		// Berlin–Tokyo is about 8,900 km; the nearest edges of Germany and Japan are closer, but thousands apart.
		double deJp = areas.minimumDistanceKm("DE", "JP").orElseThrow();
		assertThat(deJp).isBetween(6000.0, 8900.0);
		assertThat(areas.minimumDistanceKm("DE", "FR").orElseThrow()).as("neighbours").isZero();
		assertThat(areas.minimumDistanceKm("DE", "DE").orElseThrow()).isZero();
		assertThat(areas.minimumDistanceKm("DE", "ZZ")).isEmpty();
		double deUs = areas.minimumDistanceKm("DE", "US").orElseThrow();
		assertThat(deUs).isBetween(4000.0, 7000.0);
	}

	@Test
	void haversineWhenKnownCitiesThenKnownDistance() {
		// London (51.5074, -0.1278) to Paris (48.8566, 2.3522): about 344 km.
		assertThat(CountryAreas.haversineKm(51.5074, -0.1278, 48.8566, 2.3522)).isBetween(340.0, 348.0);
	}

	@Test
	void startWhenDatabaseUnreadableThenStopsBeforeAnyRequest() throws Exception {
		// Opened on a thread of its own while the application starts, but waited for before it is ready.
		Path notADatabase = Files.writeString(dir.resolve("not-a-database.mmdb"), "not a database");
		Geo broken = new Geo(new GeoProperties(new FileSystemResource(notADatabase), null, false, null));
		assertThatThrownBy(broken::afterSingletonsInstantiated).isInstanceOf(RuntimeException.class)
			.isNotInstanceOf(CompletionException.class);
		broken.destroy();
	}
}
