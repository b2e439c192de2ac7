package io.gatehouse.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Amounts cross every wire as decimal strings and live inside as integer minor units of the currency's
 * scale (8 for BTC: 1 = 100000000). Parsing is strict: digits, at most one point, at most the scale's
 * decimals, above zero and within a bigint; no sign, exponent, spaces, grouping or locale commas. Never
 * binary floating point: {@link BigDecimal} at the edge, {@code long} minor units inside.
 */
public final class Amounts {

	/** 19 integer digits at most; the bigint bound is checked after. */
	private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,18})(\\.[0-9]{1,18})?");

	private Amounts() {
	}

	/** The amount in minor units, or empty when the text is not a positive amount of this scale. */
	public static Optional<Long> parse(String text, int scale) {
		if (text.length() > 40 || !DECIMAL.matcher(text).matches()) {
			return Optional.empty();
		}
		BigDecimal value = new BigDecimal(text);
		if (value.scale() > scale || value.signum() <= 0) {
			return Optional.empty();
		}
		BigInteger minor = value.movePointRight(scale).toBigIntegerExact();
		return minor.bitLength() < Long.SIZE ? Optional.of(minor.longValueExact()) : Optional.empty();
	}

	/** Minor units as a plain decimal string with the scale's decimals, e.g. {@code 1.50000000}. */
	public static String format(BigInteger minor, int scale) {
		return new BigDecimal(minor, scale).toPlainString();
	}

	public static String format(long minor, int scale) {
		return BigDecimal.valueOf(minor, scale).toPlainString();
	}
}
