package io.gatehouse.testsupport;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.gatehouse.GatehouseApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * A second Gatehouse node on its own port, sharing the first one's database, keys and clock: what two
 * application instances behind one load balancer see.
 */
public final class SecondNode implements AutoCloseable {

	private static volatile Clock sharedClock = Clock.systemUTC();

	private final ConfigurableApplicationContext context;

	private final int port;

	private final int kucoinSpotPort;

	private SecondNode(ConfigurableApplicationContext context, int port, int kucoinSpotPort) {
		this.context = context;
		this.port = port;
		this.kucoinSpotPort = kucoinSpotPort;
	}

	/** Starts a node with the same settings as {@code first}, on a free port. */
	public static SecondNode startLike(Environment first, MutableClock clock) {
		return startLike(first, clock, false);
	}

	/** The same, with a KuCoin spot listener of its own when asked (on a free port, loopback). */
	public static SecondNode startLike(Environment first, MutableClock clock, boolean kucoin) {
		sharedClock = clock;
		int port = TestContextInitializer.freePort();
		int kucoinPort = kucoin ? TestContextInitializer.freePort() : 0;
		String[] copied = { "spring.datasource.url", "spring.datasource.username", "spring.mail.host", "spring.mail.port",
				"gatehouse.secrets.hash-key", "gatehouse.secrets.encryption-keys.test1", "gatehouse.secrets.active-key-id",
				"gatehouse.secrets.audit-signing-key",
				"gatehouse.http.trusted-proxies", "gatehouse.captcha.altcha.max-number", "gatehouse.abuse.stuffing.interval" };
		// Command-line arguments, so they win over application.yml as the first node's test properties do.
		List<String> args = new ArrayList<>(List.of("--server.port=" + port,
				"--gatehouse.public-url=http://localhost:" + port, "--management.server.port=0",
				"--logging.structured.format.console=", "--spring.flyway.enabled=false",
				"--gatehouse.kucoin.spot-port=" + kucoinPort, "--gatehouse.kucoin.futures-port=0",
				"--gatehouse.kucoin.address=127.0.0.1", "--gatehouse.internal.port=0",
				// As on the first node: the tests play the wallet service, no development wallet fills the pools.
				"--gatehouse.dev-wallet.enabled=false"));
		for (String key : copied) {
			String value = first.getProperty(key);
			if (value != null) {
				args.add("--" + key + "=" + value);
			}
		}
		for (String action : new String[] { "sign-in", "sign-up", "code-send", "reset" }) {
			for (String part : new String[] { "per-ip", "per-subnet", "window" }) {
				String key = "gatehouse.abuse.limits." + action + "." + part;
				args.add("--" + key + "=" + first.getRequiredProperty(key));
			}
		}
		SpringApplicationBuilder builder = new SpringApplicationBuilder(GatehouseApplication.class, SharedClock.class);
		return new SecondNode(builder.run(args.toArray(String[]::new)), port, kucoinPort);
	}

	public int port() {
		return this.port;
	}

	public int kucoinSpotPort() {
		return this.kucoinSpotPort;
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * Given to the second node as a source, never scanned (no {@code @Configuration}: the first node's
	 * component scan must not find it).
	 */
	static class SharedClock {

		@Bean
		@Primary
		Clock secondNodeClock() {
			return sharedClock;
		}
	}
}
