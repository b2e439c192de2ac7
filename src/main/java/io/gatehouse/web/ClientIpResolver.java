package io.gatehouse.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.IpRange;

import org.springframework.stereotype.Component;

/**
 * Decides the client address. The socket peer is the client unless that peer is a configured trusted
 * proxy; then the forwarding chain of the one configured header (X-Forwarded-For or Forwarded) is
 * walked from the right and the first address that is not itself a trusted proxy is the client.
 * Headers from anyone else, and the other header from anyone, are ignored, so a client cannot choose
 * its own address.
 */
@Component
public class ClientIpResolver {

	private final List<IpRange> trustedProxies;

	private final ClientIpProperties.ForwardedHeader header;

	public ClientIpResolver(ClientIpProperties properties) {
		this.trustedProxies = properties.trustedProxies().stream().map(IpRange::parse).toList();
		this.header = properties.forwardedHeader();
	}

	public ClientIp resolve(HttpServletRequest request) {
		ClientIp peer = ClientIp.of(request.getRemoteAddr());
		if (!isTrusted(peer)) {
			return peer;
		}
		List<String> chain = this.header == ClientIpProperties.ForwardedHeader.FORWARDED ? forwarded(request)
				: xForwardedFor(request);
		ClientIp client = peer;
		for (int i = chain.size() - 1; i >= 0; i--) {
			ClientIp hop;
			try {
				hop = ClientIp.of(chain.get(i));
			}
			catch (IllegalArgumentException ex) {
				// An unparseable hop ends the trusted part of the chain: keep the last trusted answer.
				return client;
			}
			client = hop;
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return client;
	}

	private boolean isTrusted(ClientIp ip) {
		for (IpRange range : this.trustedProxies) {
			if (range.contains(ip.address())) {
				return true;
			}
		}
		return false;
	}

	private static List<String> forwarded(HttpServletRequest request) {
		List<String> hops = new ArrayList<>();
		var forwarded = request.getHeaders("Forwarded");
		while (forwarded != null && forwarded.hasMoreElements()) {
			for (String element : forwarded.nextElement().split(",")) {
				for (String pair : element.split(";")) {
					String p = pair.trim();
					if (p.toLowerCase(Locale.ROOT).startsWith("for=")) {
						hops.add(stripForwardedNode(p.substring(4)));
					}
				}
			}
		}
		return hops;
	}

	private static List<String> xForwardedFor(HttpServletRequest request) {
		List<String> hops = new ArrayList<>();
		var xff = request.getHeaders("X-Forwarded-For");
		while (xff != null && xff.hasMoreElements()) {
			for (String hop : xff.nextElement().split(",")) {
				if (!hop.isBlank()) {
					hops.add(hop.trim());
				}
			}
		}
		return hops;
	}

	/** {@code "[2001:db8::1]:443"} → {@code 2001:db8::1}; {@code 192.0.2.1:80} → {@code 192.0.2.1}. */
	private static String stripForwardedNode(String node) {
		String n = node.trim();
		if (n.startsWith("\"") && n.endsWith("\"") && n.length() >= 2) {
			n = n.substring(1, n.length() - 1);
		}
		if (n.startsWith("[")) {
			int end = n.indexOf(']');
			return end > 0 ? n.substring(1, end) : n;
		}
		int colon = n.indexOf(':');
		if (colon > 0 && n.indexOf(':', colon + 1) < 0) {
			return n.substring(0, colon);
		}
		return n;
	}
}
