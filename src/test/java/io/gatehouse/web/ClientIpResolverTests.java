package io.gatehouse.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.IpRange;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** LG-14 / AK-05: forwarded headers count only when the peer is a configured trusted proxy. */
class ClientIpResolverTests {

	final ClientIpResolver noProxies = new ClientIpResolver(
			new ClientIpProperties(List.of(), ClientIpProperties.ForwardedHeader.X_FORWARDED_FOR));

	final ClientIpResolver behindProxy = new ClientIpResolver(
			new ClientIpProperties(List.of("10.0.0.0/8", "fd00::/8"), ClientIpProperties.ForwardedHeader.X_FORWARDED_FOR));

	final ClientIpResolver behindRfc7239Proxy = new ClientIpResolver(
			new ClientIpProperties(List.of("10.0.0.0/8"), ClientIpProperties.ForwardedHeader.FORWARDED));

	@Test
	void resolveWhenNoTrustedProxyThenSocketAddressWhateverTheHeadersSay() {
		MockHttpServletRequest request = request("198.51.100.7");
		request.addHeader("X-Forwarded-For", "203.0.113.5");
		request.addHeader("Forwarded", "for=203.0.113.5");
		request.addHeader("X-Real-IP", "203.0.113.5");
		assertThat(this.noProxies.resolve(request)).hasToString("198.51.100.7");
	}

	@Test
	void resolveWhenPeerIsTrustedProxyThenRightmostUntrustedHop() {
		MockHttpServletRequest request = request("10.1.2.3");
		request.addHeader("X-Forwarded-For", "203.0.113.99, 198.51.100.7, 10.9.9.9");
		assertThat(this.behindProxy.resolve(request)).hasToString("198.51.100.7");
	}

	@Test
	void resolveWhenUntrustedPeerSendsForwardedThenIgnored() {
		MockHttpServletRequest request = request("198.51.100.7");
		request.addHeader("X-Forwarded-For", "10.0.0.1");
		assertThat(this.behindProxy.resolve(request)).hasToString("198.51.100.7");
	}

	@Test
	void resolveWhenForwardedHeaderWithPortAndIpv6ThenParsed() {
		MockHttpServletRequest request = request("10.1.2.3");
		request.addHeader("Forwarded", "for=\"[2001:db8::1]:4711\";proto=https, for=10.2.2.2");
		assertThat(this.behindRfc7239Proxy.resolve(request)).hasToString("2001:db8::1");
	}

	@Test
	void resolveWhenClientSendsTheHeaderTheProxyDoesNotWriteThenIgnored() {
		MockHttpServletRequest request = request("10.1.2.3");
		request.addHeader("Forwarded", "for=203.0.113.5");
		request.addHeader("X-Forwarded-For", "198.51.100.7");
		assertThat(this.behindProxy.resolve(request)).hasToString("198.51.100.7");
		MockHttpServletRequest other = request("10.1.2.3");
		other.addHeader("X-Forwarded-For", "203.0.113.5");
		other.addHeader("Forwarded", "for=198.51.100.7");
		assertThat(this.behindRfc7239Proxy.resolve(other)).hasToString("198.51.100.7");
	}

	@Test
	void resolveWhenLinkLocalPeerWithZoneThenZoneDropped() {
		assertThat(this.noProxies.resolve(request("fe80:0:0:0:0:0:0:1%1"))).hasToString("fe80::1");
	}

	@Test
	void toStringWhenIpv6ThenRfc5952CanonicalForm() {
		assertThat(ClientIp.of("0:0:0:0:0:0:0:1")).hasToString("::1");
		assertThat(ClientIp.of("2001:0db8:0:0:1:0:0:1")).hasToString("2001:db8::1:0:0:1");
		assertThat(ClientIp.of("2001:db8:0:1:1:1:1:1")).hasToString("2001:db8:0:1:1:1:1:1");
		assertThat(ClientIp.of("fe80::")).hasToString("fe80::");
		assertThat(ClientIp.of("::")).hasToString("::");
	}

	@Test
	void resolveWhenForwardedHopIsGarbageThenLastTrustedAnswer() {
		MockHttpServletRequest request = request("10.1.2.3");
		request.addHeader("X-Forwarded-For", "evil.example, <script>");
		assertThat(this.behindProxy.resolve(request)).hasToString("10.1.2.3");
	}

	@Test
	void rangeWhenCidrThenContainsOnlyItsAddresses() {
		IpRange range = IpRange.parse("192.0.2.0/24");
		assertThat(range.contains(ClientIp.of("192.0.2.200").address())).isTrue();
		assertThat(range.contains(ClientIp.of("192.0.3.1").address())).isFalse();
		assertThat(range.contains(ClientIp.of("::1").address())).isFalse();
	}

	private static MockHttpServletRequest request(String remote) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(remote);
		return request;
	}
}
