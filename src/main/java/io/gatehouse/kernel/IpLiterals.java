package io.gatehouse.kernel;

import java.util.regex.Pattern;

/** Checks that a string is an IPv4 or IPv6 literal, so that parsing it never triggers a DNS lookup. */
final class IpLiterals {

	private static final Pattern IPV4 = Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$");

	private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

	private IpLiterals() {
	}

	static boolean isLiteral(String value) {
		var v4 = IPV4.matcher(value);
		if (v4.matches()) {
			for (int i = 1; i <= 4; i++) {
				if (Integer.parseInt(v4.group(i)) > 255) {
					return false;
				}
			}
			return true;
		}
		return value.indexOf(':') >= 0 && IPV6.matcher(value).matches();
	}
}
