package io.gatehouse.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.TestPropertySource;

/**
 * An {@link IntegrationTest} whose requests come through a trusted proxy (loopback, IPv4 or IPv6), so each test
 * chooses its client addresses with {@code X-Forwarded-For}; with the network limits low enough to
 * test. All such test classes share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@IntegrationTest
@TestPropertySource(properties = { "gatehouse.http.trusted-proxies=127.0.0.0/8,::1/128",
		"gatehouse.abuse.limits.sign-in.per-ip=30", "gatehouse.abuse.limits.sign-in.per-subnet=150",
		"gatehouse.abuse.limits.sign-in.window=15m", "gatehouse.abuse.limits.sign-up.per-ip=100000",
		"gatehouse.abuse.limits.sign-up.per-subnet=100000", "gatehouse.abuse.limits.sign-up.window=1h",
		"gatehouse.abuse.limits.code-send.per-ip=100000", "gatehouse.abuse.limits.code-send.per-subnet=100000",
		"gatehouse.abuse.limits.code-send.window=1h", "gatehouse.abuse.limits.reset.per-ip=5",
		"gatehouse.abuse.limits.reset.per-subnet=20", "gatehouse.abuse.limits.reset.window=1h",
		"gatehouse.risk.anonymizer-ranges=198.18.200.0/24" })
public @interface ThroughTrustedProxy {
}
