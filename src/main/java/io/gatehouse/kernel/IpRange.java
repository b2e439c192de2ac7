package io.gatehouse.kernel;

import java.net.InetAddress;

/** A CIDR range such as {@code 10.0.0.0/8} or {@code ::1/128}. */
public record IpRange(InetAddress network, int prefixLength) {

	public IpRange {
		int max = network.getAddress().length * 8;
		if (prefixLength < 0 || prefixLength > max) {
			throw new IllegalArgumentException("prefix length out of range");
		}
	}

	public static IpRange parse(String cidr) {
		String trimmed = cidr.trim();
		int slash = trimmed.indexOf('/');
		ClientIp ip = ClientIp.of(slash < 0 ? trimmed : trimmed.substring(0, slash));
		int bits = ip.address().getAddress().length * 8;
		int prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
		return new IpRange(ip.address(), prefix);
	}

	public boolean contains(InetAddress address) {
		byte[] a = address.getAddress();
		byte[] n = this.network.getAddress();
		if (a.length != n.length) {
			return false;
		}
		int full = this.prefixLength / 8;
		for (int i = 0; i < full; i++) {
			if (a[i] != n[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (a[full] & mask) == (n[full] & mask);
	}
}
