package io.gatehouse.shared;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies CIDR ranges of reverse proxies whose X-Forwarded-For / Forwarded headers are
 *        believed; empty by default, so the socket address is the client address
 */
@ConfigurationProperties("gatehouse.http")
public record ClientIpProperties(@DefaultValue List<String> trustedProxies) {
}
