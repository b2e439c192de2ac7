import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The KuCoin listener's cost (issue 23): in one run against one Gatehouse, at 16 concurrent closed-loop
 * clients, at least 30 s each after a warm-up, (1) the unauthenticated {@code GET /api/v1/timestamp} as the
 * HTTP stack's own ceiling, (2) signed-request verification alone ({@code GET /api/v1/user/api-key}: key
 * lookup, passphrase, HMAC, IP list, rate limits, no business read), (3) signed {@code GET /api/v1/accounts}
 * with its balance read. Prints requests/s, p50 and p99, and each ratio to the ceiling (targets: verification
 * at least 0.6 of it with p99 under 2 ms; accounts at least 0.4). Every answer is checked to be KuCoin's
 * success envelope. Started by {@code bench/run.sh kucoin}; arguments {@code --jar --results}, optionally
 * {@code --warmup-seconds --measure-seconds --clients}.
 */
public final class KucoinBench {

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(ghs_[A-Za-z0-9_-]+)\"");

	private static final Pattern PROOF = Pattern.compile("\"proof\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern FIELD = Pattern.compile("\"(apiKey|secret)\"\\s*:\\s*\"([^\"]+)\"");

	private static final String PASSPHRASE = "bench-passphrase-1";

	private KucoinBench() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(TransferBench.arg(args, "--jar", "target/gatehouse-0.1.0-SNAPSHOT.jar"));
		Path results = Path.of(TransferBench.arg(args, "--results", "bench/results"));
		Duration warmup = Duration.ofSeconds(Long.parseLong(TransferBench.arg(args, "--warmup-seconds", "10")));
		Duration measured = Duration.ofSeconds(Long.parseLong(TransferBench.arg(args, "--measure-seconds", "30")));
		int clients = Integer.parseInt(TransferBench.arg(args, "--clients", "16"));
		Files.createDirectories(results);
		Path log = results.resolve("kucoin-gatehouse.log");
		Files.deleteIfExists(log);
		int spotPort = TransferBench.freePort();
		try (GatehouseProcess gatehouse = new GatehouseProcess(jar, log)) {
			gatehouse.with("--gatehouse.kucoin.spot-port=" + spotPort, "--gatehouse.kucoin.address=127.0.0.1",
					"--gatehouse.kucoin.key-limit=1000000000", "--gatehouse.kucoin.ip-limit=1000000000",
					"--gatehouse.abuse.limits.sign-in.per-ip=1000000", "--gatehouse.abuse.limits.sign-in.per-subnet=1000000",
					"--gatehouse.abuse.limits.sign-in.window=PT1H");
			gatehouse.start(jar, List.of());
			gatehouse.awaitReady(Duration.ofMinutes(2));
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			String[] key = seedKey(http, gatehouse.baseUrl());
			String spot = "http://127.0.0.1:" + spotPort;
			List<Phase> phases = new ArrayList<>();
			for (String[] phase : new String[][] { { "ceiling: GET /api/v1/timestamp (unsigned)", "/api/v1/timestamp", "no" },
					{ "verification: signed GET /api/v1/user/api-key", "/api/v1/user/api-key", "yes" },
					{ "signed GET /api/v1/accounts (with its balance read)", "/api/v1/accounts", "yes" } }) {
				SignInBench.step("%s: warming up %d s", phase[0], warmup.toSeconds());
				run(http, spot, phase[1], phase[2].equals("yes"), key, clients, warmup);
				SignInBench.step("%s: measuring %d s with %d clients", phase[0], measured.toSeconds(), clients);
				phases.add(new Phase(phase[0], run(http, spot, phase[1], phase[2].equals("yes"), key, clients, measured)));
			}
			String summary = summary(phases, clients, measured);
			System.out.println(summary);
			Files.writeString(results.resolve("kucoin-" + Instant.now().toString().replace(':', '-') + ".txt"), summary);
		}
	}

	record Phase(String name, Load load) {
	}

	record Load(long requests, double seconds, long[] latenciesMicros) {

		double rate() {
			return this.requests / this.seconds;
		}

		double percentileMillis(double p) {
			long[] sorted = this.latenciesMicros.clone();
			java.util.Arrays.sort(sorted);
			return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1000.0;
		}
	}

	private static String summary(List<Phase> phases, int clients, Duration measured) {
		double ceiling = phases.getFirst().load().rate();
		StringBuilder out = new StringBuilder("KuCoin listener, " + clients + " clients, " + measured.toSeconds()
				+ " s each, " + Runtime.getRuntime().availableProcessors() + " cores\n");
		for (Phase p : phases) {
			out.append(String.format("%-55s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  ratio to ceiling %.2f%n", p.name(),
					p.load().rate(), p.load().percentileMillis(0.50), p.load().percentileMillis(0.99),
					p.load().rate() / ceiling));
		}
		Phase verify = phases.get(1);
		Phase accounts = phases.get(2);
		out.append(String.format("targets: verification >= 0.60 of the ceiling (%.2f) with p99 < 2 ms (%.2f ms); "
				+ "accounts >= 0.40 (%.2f)%n", verify.load().rate() / ceiling, verify.load().percentileMillis(0.99),
				accounts.load().rate() / ceiling));
		return out.toString();
	}

	/** Closed-loop clients for the duration; every answer must be KuCoin's success envelope. */
	private static Load run(HttpClient http, String base, String path, boolean signed, String[] key, int clients,
			Duration duration) throws Exception {
		long end = System.nanoTime() + duration.toNanos();
		AtomicLong count = new AtomicLong();
		List<long[]> latencies = new ArrayList<>();
		long started = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
			List<Future<long[]>> done = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				done.add(pool.submit(() -> {
					long[] mine = new long[1 << 20];
					int n = 0;
					while (System.nanoTime() < end) {
						HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
						if (signed) {
							String timestamp = Long.toString(System.currentTimeMillis());
							request.header("KC-API-KEY", key[0])
								.header("KC-API-SIGN", hmac(key[1], timestamp + "GET" + path))
								.header("KC-API-TIMESTAMP", timestamp)
								.header("KC-API-PASSPHRASE", hmac(key[1], PASSPHRASE))
								.header("KC-API-KEY-VERSION", "2");
						}
						long t0 = System.nanoTime();
						HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
						long micros = (System.nanoTime() - t0) / 1000;
						if (r.statusCode() != 200 || !r.body().contains("\"200000\"")) {
							throw new IllegalStateException(path + " answered " + r.statusCode() + " " + r.body());
						}
						if (n < mine.length) {
							mine[n++] = micros;
						}
						count.incrementAndGet();
					}
					return java.util.Arrays.copyOf(mine, n);
				}));
			}
			for (Future<long[]> f : done) {
				latencies.add(f.get());
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Load(count.get(), seconds, latencies.stream().flatMapToLong(java.util.Arrays::stream).toArray());
	}

	/** One account through the public API: sign-up, sign-in, trading password, a General key. */
	private static String[] seedKey(HttpClient http, String base) throws Exception {
		SignInBench.step("seeding an account and a key");
		SignInBench.Credentials account = SignInBench.Seeder.seed(new SignInBench.Api(http, base), 1, 1).getFirst();
		String signedIn = post(http, base + "/api/v1/signin/flows", "{\"identifier\":\"" + account.identifier()
				+ "\",\"password\":\"" + account.password() + "\"}", null, null);
		String token = group(TOKEN, signedIn, "a session");
		String stepUp = post(http, base + "/api/v1/me/step-up", "{\"action\":\"set_trading_password\",\"password\":\""
				+ account.password() + "\"}", token, null);
		token = group(TOKEN, stepUp, "a rotated session");
		HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/me/trading-password"))
			.header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
			.header("X-Step-Up-Proof", group(PROOF, stepUp, "a proof"))
			.PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"bench trading 9931\"}")).build(),
				HttpResponse.BodyHandlers.ofString());
		if (set.statusCode() != 200) {
			throw new IllegalStateException("trading password: " + set.body());
		}
		String params = "{\"name\":\"bench\",\"permissions\":\"General\",\"ipAllowList\":\"\",\"expiresAt\":\"\"}";
		String keyStepUp = post(http, base + "/api/v1/me/step-up", "{\"action\":\"create_api_key\",\"params\":" + params
				+ ",\"password\":\"" + account.password() + "\"}", token, null);
		token = group(TOKEN, keyStepUp, "a rotated session");
		String created = post(http, base + "/api/v1/me/api-keys", "{\"name\":\"bench\",\"permissions\":[],\"passphrase\":\""
				+ PASSPHRASE + "\",\"tradingPassword\":\"bench trading 9931\"}", token, group(PROOF, keyStepUp, "a proof"));
		String apiKey = null;
		String secret = null;
		Matcher m = FIELD.matcher(created);
		while (m.find()) {
			if (m.group(1).equals("apiKey")) {
				apiKey = m.group(2);
			}
			else {
				secret = m.group(2);
			}
		}
		if (apiKey == null || secret == null) {
			throw new IllegalStateException("no key: " + created);
		}
		return new String[] { apiKey, secret };
	}

	private static String post(HttpClient http, String url, String json, String token, String proof) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (proof != null) {
			request.header("X-Step-Up-Proof", proof);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
	}

	private static String group(Pattern pattern, String body, String what) {
		Matcher m = pattern.matcher(body);
		if (!m.find()) {
			throw new IllegalStateException("no " + what + " in " + body);
		}
		return m.group(1);
	}

	static String hmac(String secret, String message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
