package io.gatehouse.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Country bounding boxes (from the MIT-licensed {@code country-json} package), enough to tell how far
 * apart two countries at least are. A country database gives no coordinates, so impossible travel is
 * judged on this lower bound: neighbours, overlapping boxes and countries the table lacks count as no
 * distance at all, and only journeys that are clearly impossible trip the signal.
 */
@Component
public class CountryAreas {

	private static final double EARTH_RADIUS_KM = 6371.0;

	private final Map<String, Box> boxes;

	CountryAreas() {
		this.boxes = load();
	}

	/**
	 * A lower bound on the great-circle distance in kilometres between any point of one country and any
	 * point of the other; empty when either is unknown.
	 */
	public OptionalDouble minimumDistanceKm(String countryA, String countryB) {
		if (countryA.equals(countryB)) {
			return OptionalDouble.of(0);
		}
		Box a = this.boxes.get(countryA);
		Box b = this.boxes.get(countryB);
		if (a == null || b == null) {
			return OptionalDouble.empty();
		}
		return OptionalDouble.of(a.distanceKm(b));
	}

	private static Map<String, Box> load() {
		Map<String, Box> loaded = new HashMap<>();
		try (InputStream in = new ClassPathResource("geo/country-areas.csv").getInputStream();
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				String[] f = line.split(",");
				loaded.put(f[0], new Box(Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
						Double.parseDouble(f[4])));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Map.copyOf(loaded);
	}

	/** A latitude/longitude box; {@code west > east} when it crosses the antimeridian. */
	record Box(double north, double south, double west, double east) {

		double distanceKm(Box other) {
			double latGap = Math.max(0, Math.max(other.south - this.north, this.south - other.north));
			double lonGap = longitudeGap(other);
			if (latGap == 0 && lonGap == 0) {
				return 0;
			}
			// The longitude gap is shortest nearest the pole, so measure it at the most poleward latitude the
			// two boxes share (or the nearer edges when they share none): a lower bound.
			double lat1;
			double lat2;
			if (latGap > 0) {
				lat1 = this.north < other.south ? this.north : this.south;
				lat2 = this.north < other.south ? other.south : other.north;
			}
			else {
				double top = Math.min(this.north, other.north);
				double bottom = Math.max(this.south, other.south);
				lat1 = Math.abs(top) > Math.abs(bottom) ? top : bottom;
				lat2 = lat1;
			}
			return haversineKm(lat1, 0, lat2, lonGap);
		}

		private double longitudeGap(Box other) {
			if (crossesAntimeridian() || other.crossesAntimeridian() || this.east - this.west >= 180
					|| other.east - other.west >= 180) {
				// Boxes that wrap or span half the globe say too little to bound anything.
				return 0;
			}
			if (this.west <= other.east && other.west <= this.east) {
				return 0;
			}
			double gap = this.east < other.west ? other.west - this.east : this.west - other.east;
			return Math.min(gap, 360 - gap - (this.east - this.west) - (other.east - other.west));
		}

		private boolean crossesAntimeridian() {
			return this.west > this.east;
		}
	}

	static double haversineKm(double lat1, double lon1, double lat2, double lon2) {
		double p1 = Math.toRadians(lat1);
		double p2 = Math.toRadians(lat2);
		double dp = p2 - p1;
		double dl = Math.toRadians(lon2 - lon1);
		double h = Math.sin(dp / 2) * Math.sin(dp / 2) + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) * Math.sin(dl / 2);
		return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
	}
}
