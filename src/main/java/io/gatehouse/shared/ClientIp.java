package io.gatehouse.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The address a request really came from, as decided by {@link ClientIpResolver}. */
public record ClientIp(InetAddress address) {

	public static ClientIp of(String literal) {
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

	@Override
	public String toString() {
		return this.address.getHostAddress();
	}
}
