package io.gatehouse.kernel;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The address a request really came from, as decided by {@code web.ClientIpResolver}. */
public record ClientIp(InetAddress address) {

	/** Parses an IP literal; an IPv6 zone ({@code fe80::1%eth0}, as Tomcat reports link-local peers) is dropped. */
	public static ClientIp of(String text) {
		int zone = text.indexOf('%');
		String literal = zone > 0 && text.indexOf(':') >= 0 ? text.substring(0, zone) : text;
		if (!IpLiterals.isLiteral(literal)) {
			throw new IllegalArgumentException("not an IP literal");
		}
		try {
			return new ClientIp(InetAddress.getByName(literal));
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("not an IP literal", ex);
		}
	}

	/** IPv4 dotted, IPv6 in RFC 5952 canonical form ({@code ::1}, not {@code 0:0:0:0:0:0:0:1}). */
	@Override
	public String toString() {
		byte[] b = this.address.getAddress();
		if (b.length == 4) {
			return this.address.getHostAddress();
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = j == i ? i + 1 : j;
		}
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				out.append("::");
				i += bestLength - 1;
				continue;
			}
			if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
				out.append(':');
			}
			out.append(Integer.toHexString(groups[i]));
		}
		return out.toString();
	}
}
