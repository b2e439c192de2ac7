package io.gatehouse.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies CIDR ranges of reverse proxies whose forwarding header is believed; empty by
 *        default, so the socket address is the client address
 * @param forwardedHeader the one header those proxies write ({@code x-forwarded-for} or
 *        {@code forwarded}); the other is ignored, because proxies pass a client's own copy through
 */
@ConfigurationProperties("gatehouse.http")
record ClientIpProperties(@DefaultValue List<String> trustedProxies,
		@DefaultValue("x-forwarded-for") ForwardedHeader forwardedHeader) {

	public enum ForwardedHeader {
		X_FORWARDED_FOR, FORWARDED
	}
}
