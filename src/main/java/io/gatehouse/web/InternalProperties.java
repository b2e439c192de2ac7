package io.gatehouse.web;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The internal listener, for the exchange's other services (the wallet service): its own port, on
 * loopback unless set otherwise, authenticated with service tokens.
 *
 * @param port 0 turns the listener off
 * @param tokens each service's name and the SHA-256 (hex) of its token; the tokens themselves are never
 * configured here, so a leaked configuration does not leak them
 */
@ConfigurationProperties("gatehouse.internal")
public record InternalProperties(@DefaultValue("8082") int port, @DefaultValue("127.0.0.1") String address,
		@DefaultValue Map<String, String> tokens) {

	/** The services' names only: not even a token's hash goes into a log. */
	@Override
	public String toString() {
		return "InternalProperties[port=" + this.port + ", address=" + this.address + ", services=" + this.tokens.keySet()
				+ "]";
	}
}
