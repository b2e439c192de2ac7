package io.gatehouse.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;

/**
 * The shipped IP-to-ASN table (RouteViews and DB-IP via {@code @ip-location-db/asn}, CC BY 4.0;
 * {@code scripts/update-asn.sh}): sorted, non-overlapping address ranges with their AS numbers, held as
 * arrays and searched by bisection. Used when no MaxMind-format ASN database is configured, so the risk
 * engine's new-network signal works out of the box.
 */
final class AsnTable {

	/** IPv4 range starts and ends as unsigned 32-bit numbers in longs. */
	private final long[] v4Start;

	private final long[] v4End;

	private final int[] v4Asn;

	/** IPv6 range starts and ends, high and low 64 bits each, compared unsigned. */
	private final long[] v6StartHi;

	private final long[] v6StartLo;

	private final long[] v6EndHi;

	private final long[] v6EndLo;

	private final int[] v6Asn;

	private AsnTable(Columns v4, Columns v6) {
		this.v4Start = v4.a();
		this.v4End = v4.c();
		this.v4Asn = v4.asn();
		this.v6StartHi = v6.a();
		this.v6StartLo = v6.b();
		this.v6EndHi = v6.c();
		this.v6EndLo = v6.d();
		this.v6Asn = v6.asn();
	}

	private record Columns(long[] a, long[] b, long[] c, long[] d, int[] asn) {
	}

	static AsnTable load(Resource ipv4, Resource ipv6) {
		return new AsnTable(read(ipv4, false), read(ipv6, true));
	}

	/** Lines {@code start,end,asn}, in ascending order: numbers for IPv4, addresses for IPv6. */
	private static Columns read(Resource resource, boolean v6) {
		int size = 0;
		long[] a = new long[1 << 16];
		long[] b = new long[v6 ? a.length : 0];
		long[] c = new long[a.length];
		long[] d = new long[b.length];
		int[] asn = new int[a.length];
		try (InputStream raw = resource.getInputStream();
				BufferedReader lines = new BufferedReader(
						new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.US_ASCII))) {
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				int first = line.indexOf(',');
				int second = line.indexOf(',', first + 1);
				if (first < 0 || second < 0) {
					throw new IllegalStateException("malformed line in " + resource.getDescription() + ": " + line);
				}
				if (size == a.length) {
					a = Arrays.copyOf(a, size * 2);
					c = Arrays.copyOf(c, size * 2);
					asn = Arrays.copyOf(asn, size * 2);
					if (v6) {
						b = Arrays.copyOf(b, size * 2);
						d = Arrays.copyOf(d, size * 2);
					}
				}
				String start = line.substring(0, first);
				String end = line.substring(first + 1, second);
				if (v6) {
					byte[] startBytes = InetAddress.ofLiteral(start).getAddress();
					byte[] endBytes = InetAddress.ofLiteral(end).getAddress();
					if (startBytes.length != 16 || endBytes.length != 16) {
						continue; // an IPv4-mapped range: the IPv4 table answers for those addresses
					}
					ByteBuffer s = ByteBuffer.wrap(startBytes);
					ByteBuffer e = ByteBuffer.wrap(endBytes);
					a[size] = s.getLong();
					b[size] = s.getLong();
					c[size] = e.getLong();
					d[size] = e.getLong();
				}
				else {
					a[size] = Long.parseLong(start);
					c[size] = Long.parseLong(end);
				}
				asn[size] = Integer.parseUnsignedInt(line.substring(second + 1));
				if (size > 0 && !ordered(a, b, c, d, size, v6)) {
					throw new IllegalStateException("the ASN table " + resource.getDescription()
							+ " is not in ascending order at: " + line);
				}
				size++;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the ASN table " + resource.getDescription(), ex);
		}
		return new Columns(Arrays.copyOf(a, size), Arrays.copyOf(b, v6 ? size : 0), Arrays.copyOf(c, size),
				Arrays.copyOf(d, v6 ? size : 0), Arrays.copyOf(asn, size));
	}

	/**
	 * Whether range {@code i} starts after range {@code i - 1} starts; a range that overlaps the one before is cut
	 * to start where that one ends, so that bisection finds exactly one range for each address.
	 */
	private static boolean ordered(long[] a, long[] b, long[] c, long[] d, int i, boolean v6) {
		if (!v6) {
			if (a[i] <= a[i - 1] || c[i] < a[i]) {
				return false;
			}
			c[i - 1] = Math.min(c[i - 1], a[i] - 1);
			return true;
		}
		if (compare(a[i], b[i], a[i - 1], b[i - 1]) <= 0 || compare(c[i], d[i], a[i], b[i]) < 0) {
			return false;
		}
		if (compare(c[i - 1], d[i - 1], a[i], b[i]) >= 0) {
			// the end before is the start here minus one (128-bit, unsigned)
			c[i - 1] = b[i] == 0 ? a[i] - 1 : a[i];
			d[i - 1] = b[i] - 1;
		}
		return true;
	}

	/** The AS number announcing the address, if the table has a range holding it. */
	@Nullable Long asn(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			long value = ByteBuffer.wrap(bytes).getInt() & 0xffffffffL;
			int i = lastStartAtOrBelow(this.v4Start, value);
			return i >= 0 && value <= this.v4End[i] ? Integer.toUnsignedLong(this.v4Asn[i]) : null;
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		long hi = buffer.getLong();
		long lo = buffer.getLong();
		int low = 0;
		int high = this.v6StartHi.length - 1;
		int found = -1;
		while (low <= high) {
			int mid = (low + high) >>> 1;
			if (compare(this.v6StartHi[mid], this.v6StartLo[mid], hi, lo) <= 0) {
				found = mid;
				low = mid + 1;
			}
			else {
				high = mid - 1;
			}
		}
		return found >= 0 && compare(hi, lo, this.v6EndHi[found], this.v6EndLo[found]) <= 0
				? Integer.toUnsignedLong(this.v6Asn[found]) : null;
	}

	private static int lastStartAtOrBelow(long[] starts, long value) {
		int i = Arrays.binarySearch(starts, value);
		return i >= 0 ? i : -i - 2;
	}

	private static int compare(long hiA, long loA, long hiB, long loB) {
		int hi = Long.compareUnsigned(hiA, hiB);
		return hi != 0 ? hi : Long.compareUnsigned(loA, loB);
	}

	int ranges() {
		return this.v4Start.length + this.v6StartHi.length;
	}
}
