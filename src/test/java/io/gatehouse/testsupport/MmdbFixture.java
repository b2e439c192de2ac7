package io.gatehouse.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files (format 2.0, IPv6 tree, 24-bit records) for tests, so the geo code is
 * exercised through MaxMind's own reader against networks the tests choose. IPv4 networks live at
 * {@code ::a.b.c.d}, where the reader looks for them.
 */
public final class MmdbFixture {

	/** The networks of the test country database, used by every test context. */
	public static final Map<String, String> COUNTRIES = Map.of("198.51.100.0/24", "DE", "192.0.2.0/24", "JP",
			"203.0.113.0/24", "KP", "198.18.0.0/16", "US", "198.19.0.0/16", "DE", "2001:db8::/32", "FR");

	/** And of the test ASN database: 198.19/16 is a second network in Germany. */
	public static final Map<String, Long> ASNS = Map.of("198.51.100.0/24", 64496L, "192.0.2.0/24", 64497L,
			"203.0.113.0/24", 64498L, "198.18.0.0/16", 64499L, "198.19.0.0/16", 64511L, "2001:db8::/32", 64500L);

	private static final int EMPTY = -1;

	private final List<int[]> nodes = new ArrayList<>();

	private final List<byte[]> records = new ArrayList<>();

	private final String databaseType;

	private MmdbFixture(String databaseType) {
		this.databaseType = databaseType;
		this.nodes.add(new int[] { EMPTY, EMPTY });
	}

	/** The test country database, in the ip-location-db shape ({@code country_code}). */
	public static Path countries(Path dir) {
		MmdbFixture db = new MmdbFixture("country ipvAll");
		COUNTRIES.forEach((network, country) -> db.insert(network, Map.of("country_code", country)));
		return db.write(dir.resolve("test-country.mmdb"));
	}

	/** The test ASN database, in the GeoLite2-ASN shape. */
	public static Path asns(Path dir) {
		MmdbFixture db = new MmdbFixture("GeoLite2-ASN");
		ASNS.forEach((network, asn) -> db.insert(network,
				Map.of("autonomous_system_number", asn, "autonomous_system_organization", "Test network AS" + asn)));
		return db.write(dir.resolve("test-asn.mmdb"));
	}

	/** A test city database: Berlin in the GeoLite2-City shape, Osaka in ip-location-db's dbip-city shape. */
	public static Path cities(Path dir) {
		MmdbFixture db = new MmdbFixture("GeoLite2-City");
		db.insert("198.51.100.0/24", Map.of("city", Map.of("names", Map.of("en", "Berlin", "de", "Berlin")), "country",
				Map.of("iso_code", "DE")));
		db.insert("192.0.2.0/24", Map.of("city", "Osaka", "country_code", "JP"));
		return db.write(dir.resolve("test-city.mmdb"));
	}

	private void insert(String cidr, Map<String, Object> data) {
		int slash = cidr.indexOf('/');
		byte[] address;
		try {
			address = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException(ex);
		}
		int prefix = Integer.parseInt(cidr.substring(slash + 1));
		byte[] v6 = new byte[16];
		if (address.length == 4) {
			System.arraycopy(address, 0, v6, 12, 4);
			prefix += 96;
		}
		else {
			v6 = address;
		}
		this.records.add(encode(data));
		int dataIndex = -2 - (this.records.size() - 1);
		int node = 0;
		for (int i = 0; i < prefix; i++) {
			int bit = (v6[i / 8] >> (7 - i % 8)) & 1;
			if (i == prefix - 1) {
				this.nodes.get(node)[bit] = dataIndex;
				return;
			}
			int next = this.nodes.get(node)[bit];
			if (next == EMPTY) {
				this.nodes.add(new int[] { EMPTY, EMPTY });
				next = this.nodes.size() - 1;
				this.nodes.get(node)[bit] = next;
			}
			else if (next < EMPTY) {
				throw new IllegalArgumentException("overlapping networks: " + cidr);
			}
			node = next;
		}
	}

	private Path write(Path file) {
		ByteArrayOutputStream data = new ByteArrayOutputStream();
		List<Integer> offsets = new ArrayList<>();
		for (byte[] r : this.records) {
			offsets.add(data.size());
			data.writeBytes(r);
		}
		int nodeCount = this.nodes.size();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int[] n : this.nodes) {
			for (int record : n) {
				int value = record == EMPTY ? nodeCount
						: record < EMPTY ? nodeCount + 16 + offsets.get(-2 - record) : record;
				out.write(value >> 16);
				out.write(value >> 8);
				out.write(value);
			}
		}
		out.writeBytes(new byte[16]);
		out.writeBytes(data.toByteArray());
		out.writeBytes(new byte[] { (byte) 0xAB, (byte) 0xCD, (byte) 0xEF });
		out.writeBytes("MaxMind.com".getBytes(StandardCharsets.US_ASCII));
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("binary_format_major_version", new U16(2));
		metadata.put("binary_format_minor_version", new U16(0));
		metadata.put("build_epoch", new U64(1_700_000_000L));
		metadata.put("database_type", this.databaseType);
		metadata.put("description", Map.of("en", "Gatehouse test fixture"));
		metadata.put("ip_version", new U16(6));
		metadata.put("languages", List.of("en"));
		metadata.put("node_count", (long) nodeCount);
		metadata.put("record_size", new U16(24));
		out.writeBytes(encode(metadata));
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, out.toByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return file;
	}

	private record U16(int value) {
	}

	private record U64(long value) {
	}

	private static byte[] encode(Object value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		switch (value) {
			case String s -> {
				byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
				control(out, 2, utf8.length);
				out.writeBytes(utf8);
			}
			case U16 u -> unsigned(out, 5, u.value(), 2);
			case Long l -> unsigned(out, 6, l, 4);
			case U64 u -> unsigned(out, 9, u.value(), 8);
			case Map<?, ?> m -> {
				control(out, 7, m.size());
				m.forEach((k, v) -> {
					out.writeBytes(encode(k));
					out.writeBytes(encode(v));
				});
			}
			case List<?> list -> {
				control(out, 11, list.size());
				list.forEach(v -> out.writeBytes(encode(v)));
			}
			default -> throw new IllegalArgumentException("unsupported: " + value.getClass());
		}
		return out.toByteArray();
	}

	private static void unsigned(ByteArrayOutputStream out, int type, long value, int maxBytes) {
		int length = 0;
		for (long v = value; v != 0; v >>>= 8) {
			length++;
		}
		if (length > maxBytes) {
			throw new IllegalArgumentException("too large");
		}
		control(out, type, length);
		for (int i = length - 1; i >= 0; i--) {
			out.write((int) (value >>> (8 * i)));
		}
	}

	/**
	 * A control byte; types above 7 are extended (type bits 0, then type - 7 in the next byte). Sizes from
	 * 29 take one more byte, holding size - 29.
	 */
	private static void control(ByteArrayOutputStream out, int type, int size) {
		if (size >= 29 + 256) {
			throw new IllegalArgumentException("fixtures keep sizes below 285");
		}
		int sizeBits = Math.min(size, 29);
		if (type <= 7) {
			out.write((type << 5) | sizeBits);
		}
		else {
			out.write(sizeBits);
			out.write(type - 7);
		}
		if (size >= 29) {
			out.write(size - 29);
		}
	}
}
