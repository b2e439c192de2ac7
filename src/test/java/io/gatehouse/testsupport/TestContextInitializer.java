package io.gatehouse.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at a fresh database in the shared embedded PostgreSQL, at the GreenMail SMTP
 * server, and at fixed test keys.
 */
public class TestContextInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The audit checkpoints' Ed25519 private key (32 bytes). */
	public static final String AUDIT_SIGNING_KEY = Base64.getEncoder()
		.encodeToString("test-audit-signing-key-32-bytes!".getBytes());

	static final String HASH_KEY = Base64.getEncoder().encodeToString("test-hash-key-of-thirty-two-byte".getBytes());

	static final String ENCRYPTION_KEY = Base64.getEncoder()
		.encodeToString("test-aes-key-exactly-32-bytes!!!".getBytes());

	/** The wallet service's token on the internal listener; only its SHA-256 is configured. */
	public static final String WALLET_TOKEN = "test-wallet-service-token-0123456789";

	public static final String PRICES_TOKEN = "test-price-service-token-0123456789";

	/** Where a test's stand-in for the exchange's trading API listens (the gatekeeper forwards there). */
	public static final int TRADING_API_PORT = freePort();

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The fixture geo databases, written once for the whole run (see {@link MmdbFixture}). */
	private static final Path GEO_DIR = geoFixtures();

	private static Path geoFixtures() {
		try {
			Path dir = Files.createTempDirectory("gatehouse-geo");
			MmdbFixture.countries(dir);
			MmdbFixture.asns(dir);
			MmdbFixture.cities(dir);
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		int port = freePort();
		TestPropertyValues
			.of("server.port=" + port, "gatehouse.public-url=http://localhost:" + port, "spring.datasource.url=" + TestDatabase.newDatabase(), "spring.datasource.username=postgres",
					"spring.mail.host=127.0.0.1", "spring.mail.port=" + TestMail.port(),
					"gatehouse.secrets.hash-key=" + HASH_KEY, "gatehouse.secrets.audit-signing-key=" + AUDIT_SIGNING_KEY,
					"gatehouse.secrets.encryption-keys.test1=" + ENCRYPTION_KEY,
					"gatehouse.secrets.active-key-id=test1", "gatehouse.notify.poll-interval=100ms", "gatehouse.recovery.poll-interval=100ms",
					"gatehouse.recovery.case.completion-interval=100ms",
					"management.server.port=0", "logging.structured.format.console=",
					// The stuffing detector runs when a test asks it to, not on a timer that would trip mid-suite.
					"gatehouse.abuse.stuffing.interval=PT24H",
					"gatehouse.captcha.altcha.max-number=2000",
					// Geo from the fixture databases: 198.51.100/24 and 198.19/16 Germany (two networks), 192.0.2/24
					// Japan, 203.0.113/24 North Korea (BLOCKED by default), 198.18/16 the US (WITHDRAW_ONLY here),
					// 2001:db8::/32 France (SANCTIONED here: nothing may leave). Cities: 198.51.100/24 Berlin, 192.0.2/24 Osaka.
					"gatehouse.geo.country-database=file:" + GEO_DIR.resolve("test-country.mmdb"),
					"gatehouse.geo.asn-database=file:" + GEO_DIR.resolve("test-asn.mmdb"),
					"gatehouse.geo.city-database=file:" + GEO_DIR.resolve("test-city.mmdb"),
					"gatehouse.region.countries.US=WITHDRAW_ONLY", "gatehouse.region.countries.FR=SANCTIONED",
					// The wallet service is played by the tests, through the internal listener.
					"gatehouse.internal.port=" + freePort(), "gatehouse.internal.tokens.wallet=" + sha256(WALLET_TOKEN),
					"gatehouse.internal.tokens.prices=" + sha256(PRICES_TOKEN),
					// The KuCoin listeners on free ports, on loopback.
					"gatehouse.kucoin.spot-port=" + freePort(), "gatehouse.kucoin.futures-port=" + freePort(),
					"gatehouse.kucoin.address=127.0.0.1", "gatehouse.kucoin.markets=BTC-USDT",
					"gatehouse.kucoin.spot-upstream=http://127.0.0.1:" + TRADING_API_PORT,
					"gatehouse.dev-wallet.enabled=false")
			.applyTo(context);
		if (!context.getEnvironment().containsProperty("gatehouse.abuse.limits.sign-in.per-ip")) {
			// Every test signs up and in from 127.0.0.1; the tests of the limits set their own.
			TestPropertyValues.of(Stream.of("sign-in", "sign-up", "code-send", "reset")
				.flatMap(action -> Stream.of("gatehouse.abuse.limits." + action + ".per-ip=100000",
						"gatehouse.abuse.limits." + action + ".per-subnet=100000",
						"gatehouse.abuse.limits." + action + ".window=1h"))
				.toList()).applyTo(context);
			// EN-03 times hundreds of resets for one account: the per-account cap would make them cheaper.
			TestPropertyValues.of("gatehouse.recovery.reset.max-requests-per-hour=100000").applyTo(context);
		}
	}

	static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
