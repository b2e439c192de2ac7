import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Internal transfers through the JSON API against the physical limit of the same PostgreSQL: authenticated
 * {@code POST /api/v1/me/transfers} from 2 × cores closed-loop clients (many accounts, a few hot ones that a
 * fifth of the transfers use), and in the same run pgbench's built-in TPC-B script with as many clients
 * against the embedded PostgreSQL Gatehouse runs on. Prints transfers/s, p50/p99, pgbench's tps and the ratio
 * (issue targets: at least 1,000 transfers/s on 2 cores, ratio at least 0.5), then proves the run: every
 * acknowledged transfer is in the ledger exactly once (each is sent again and must answer "repeated"), none
 * is there that was not acknowledged, and the ledger is conserved ({@code /actuator/ledger}).
 *
 * <p>{@code --crash}: the crash test instead. Transfers run for a while, Gatehouse is killed with SIGKILL in
 * the middle of them (the embedded PostgreSQL with it), started again on the same data, and every transfer
 * the clients saw acknowledged must be there once, and the ledger conserved.
 *
 * <p>Started by {@code bench/run.sh transfers [--crash]}; see bench/README.md. Arguments: {@code --jar <path>
 * --results <dir>} and optionally {@code --accounts N --warmup-seconds S --measure-seconds S}.
 */
public final class TransferBench {

	static final double RATE_TARGET = 1000;

	static final double RATIO_TARGET = 0.5;

	private static final String WALLET_TOKEN = "bench-wallet-token-" + UUID.randomUUID();

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(ghs_[A-Za-z0-9_-]+)\"");

	private static final Pattern ADDRESS = Pattern.compile("\"address\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

	private static final Pattern PG_SOCKET = Pattern.compile("(/[^\\s\"\\\\]+)/\\.s\\.PGSQL\\.(\\d+)");

	private TransferBench() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(arg(args, "--jar", "target/gatehouse-0.1.0-SNAPSHOT.jar"));
		Path results = Path.of(arg(args, "--results", "bench/results"));
		int accounts = Integer.parseInt(arg(args, "--accounts", "200"));
		Duration warmup = Duration.ofSeconds(Long.parseLong(arg(args, "--warmup-seconds", "30")));
		Duration measured = Duration.ofSeconds(Long.parseLong(arg(args, "--measure-seconds", "30")));
		boolean crash = List.of(args).contains("--crash");
		Files.createDirectories(results);
		Path log = results.resolve("transfers-gatehouse.log");
		Files.deleteIfExists(log);
		int internalPort = freePort();
		try (GatehouseProcess gatehouse = new GatehouseProcess(jar, log)) {
			gatehouse.with("--gatehouse.internal.port=" + internalPort,
					"--gatehouse.internal.tokens.bench=" + sha256(WALLET_TOKEN), "--gatehouse.dev-wallet.enabled=false",
					"--gatehouse.abuse.limits.sign-in.per-ip=1000000", "--gatehouse.abuse.limits.sign-in.per-subnet=1000000",
					"--gatehouse.abuse.limits.sign-in.window=PT1H");
			gatehouse.start(jar, List.of());
			gatehouse.awaitReady(Duration.ofMinutes(2));
			Client client = new Client(gatehouse.baseUrl(), "http://127.0.0.1:" + internalPort, gatehouse.managementUrl());
			List<String> tokens = seed(client, accounts);
			String summary = crash ? crash(gatehouse, client, tokens) : measure(gatehouse, client, tokens, warmup, measured, log);
			System.out.println(summary);
			Files.writeString(results.resolve((crash ? "transfers-crash-" : "transfers-") + Instant.now().toString()
				.replace(':', '-') + ".txt"), summary);
		}
	}

	/** Sign-ups through the API, a deposit address each, 1,000,000 USDT deposited on each by the wallet. */
	private static List<String> seed(Client client, int count) throws Exception {
		step("seeding %d accounts (sign-up, sign-in, deposit address, deposit)", count);
		List<SignInBench.Credentials> seeded = SignInBench.Seeder.seed(new SignInBench.Api(client.http,
				client.base), count, 8);
		List<Map<String, String>> pool = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			pool.add(Map.of("address", "0xBENCH" + UUID.randomUUID().toString().replace("-", "")));
		}
		client.internal("/internal/v1/deposit-addresses", Map.of("chain", "ERC20", "addresses", pool), 200);
		List<String> tokens = Collections.synchronizedList(new ArrayList<>());
		try (ExecutorService workers = Executors.newFixedThreadPool(8)) {
			List<Future<?>> done = new ArrayList<>();
			for (SignInBench.Credentials account : seeded) {
				done.add(workers.submit(() -> {
					String signedIn = client.post("/api/v1/signin/flows", json(Map.of("identifier", account.identifier(),
							"password", account.password())), null).body();
					Matcher token = TOKEN.matcher(signedIn);
					if (!token.find()) {
						throw new IllegalStateException("sign-in did not complete: " + signedIn);
					}
					String address = client.post("/api/v1/me/deposit-addresses",
							json(Map.of("currency", "USDT", "chain", "ERC20")), token.group(1)).body();
					Matcher a = ADDRESS.matcher(address);
					if (!a.find()) {
						throw new IllegalStateException("no deposit address: " + address);
					}
					client.internal("/internal/v1/deposits", Map.of("currency", "USDT", "chain", "ERC20", "address",
							a.group(1), "transactionHash", "bench-" + UUID.randomUUID(), "outputIndex", 0, "amount",
							"1000000"), 201);
					tokens.add(token.group(1));
					return null;
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
		return List.copyOf(tokens);
	}

	private static String measure(GatehouseProcess gatehouse, Client client, List<String> tokens, Duration warmup,
			Duration measured, Path log) throws Exception {
		int clients = 2 * Runtime.getRuntime().availableProcessors();
		step("warming up for %d s with %d clients", warmup.toSeconds(), clients);
		Load warm = run(client, tokens, clients, warmup);
		step("measuring for %d s (%d transfers in the warm-up)", measured.toSeconds(), warm.acknowledged.size());
		Duration jvmBefore = gatehouse.jvmCpu();
		Duration pgBefore = gatehouse.postgresCpu();
		Duration benchBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
		Load load = run(client, tokens, clients, measured);
		double jvmMs = gatehouse.jvmCpu().minus(jvmBefore).toNanos() / 1e6 / Math.max(1, load.acknowledged.size());
		double pgMs = gatehouse.postgresCpu().minus(pgBefore).toNanos() / 1e6 / Math.max(1, load.acknowledged.size());
		double benchMs = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(benchBefore)
			.toNanos() / 1e6 / Math.max(1, load.acknowledged.size());
		double rate = load.acknowledged.size() / (measured.toNanos() / 1e9);

		step("%.0f transfers/s, p50 %.1f ms, p99 %.1f ms, %d errors", rate, load.percentileMs(50), load.percentileMs(99),
				load.errors.get());
		step("checking: every acknowledged transfer once, nothing else, conservation");
		Map<String, Long> moved = new ConcurrentHashMap<>(warm.acknowledged);
		moved.putAll(load.acknowledged);
		String proof = prove(client, moved, Math.max(warm.errors.get(), 0) + load.errors.get());

		step("pgbench TPC-B against the same PostgreSQL, %d clients, %d s", clients, measured.toSeconds());
		Matcher socket = PG_SOCKET.matcher(Files.readString(log));
		if (!socket.find()) {
			throw new IllegalStateException("the log does not say where the embedded PostgreSQL listens");
		}
		String host = socket.group(1);
		String port = socket.group(2);
		exec(List.of("psql", "-h", host, "-p", port, "-U", "postgres", "-d", "postgres", "-qc",
				"drop database if exists pgbench_tpcb"));
		exec(List.of("psql", "-h", host, "-p", port, "-U", "postgres", "-d", "postgres", "-qc",
				"create database pgbench_tpcb"));
		exec(List.of("pgbench", "-h", host, "-p", port, "-U", "postgres", "-i", "-q", "-s", "10", "pgbench_tpcb"));
		String pgbench = exec(List.of("pgbench", "-h", host, "-p", port, "-U", "postgres", "-c",
				Integer.toString(clients), "-j", "2", "-T", Long.toString(measured.toSeconds()), "-M", "prepared",
				"pgbench_tpcb"));
		Matcher tps = TPS.matcher(pgbench);
		if (!tps.find()) {
			throw new IllegalStateException("pgbench printed no tps:\n" + pgbench);
		}
		double tpcb = Double.parseDouble(tps.group(1));
		double ratio = rate / tpcb;
		return String.format("""
				internal transfers through the JSON API, %d clients, %d accounts (a fifth of transfers on 4 hot ones), %d s:
				  %.0f transfers/s, p50 %.1f ms, p99 %.1f ms, %d errors (target: at least %.0f/s)
				  CPU per transfer: Gatehouse JVM %.2f ms, PostgreSQL %.2f ms, this load generator %.2f ms
				pgbench TPC-B on the same PostgreSQL, %d clients, %d s: %.0f tps
				ratio transfers/s : pgbench tps = %.2f (target: at least %.2f)
				%s""", clients, tokens.size(), measured.toSeconds(), rate, load.percentileMs(50), load.percentileMs(99),
				load.errors.get(), RATE_TARGET, jvmMs, pgMs, benchMs, clients, measured.toSeconds(), tpcb, ratio,
				RATIO_TARGET, proof);
	}

	/** Transfers, SIGKILL in the middle of them, a restart on the same data, then the proof. */
	private static String crash(GatehouseProcess gatehouse, Client client, List<String> tokens) throws Exception {
		int clients = 2 * Runtime.getRuntime().availableProcessors();
		step("transfers for 10 s, then SIGKILL while they run");
		AtomicBoolean killed = new AtomicBoolean();
		Thread killer = Thread.ofPlatform().start(() -> {
			try {
				Thread.sleep(10_000);
				killed.set(true);
				ProcessHandle.of(gatehouse.pid()).ifPresent(p -> {
					p.descendants().forEach(ProcessHandle::destroyForcibly);
					p.destroyForcibly();
				});
				gatehouse.postmaster().ifPresent(ProcessHandle::destroyForcibly);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		long before = transfersInLedger(client);
		Load load = run(client, tokens, clients, Duration.ofSeconds(15));
		killer.join();
		step("%d transfers acknowledged before the kill, %d requests failed around it; restarting on the same data",
				load.acknowledged.size(), load.errors.get());
		gatehouse.stop();
		gatehouse.start(gatehouse.jar(), List.of());
		gatehouse.awaitReady(Duration.ofMinutes(2));
		String proof = prove(client, load.acknowledged, load.errors.get());
		long extra = transfersInLedger(client) - before - load.acknowledged.size();
		return String.format("""
				crash test: %d clients, SIGKILL to Gatehouse and its PostgreSQL after 10 s of transfers, restart
				  %d transfers acknowledged before the kill, %d requests without an answer (most sent to the dead server)
				  transfers in the ledger that no client saw acknowledged: %d (at most the %d in flight at the kill)
				%s""", clients, load.acknowledged.size(), load.errors.get(), extra, clients, proof);
	}

	/**
	 * Every acknowledged transfer sent again must answer "repeated" with the same transfer id (so it is in the
	 * ledger, once); the count of internal transfers in the ledger must be the acknowledged ones plus at most
	 * those whose answer was lost; the ledger must be conserved.
	 */
	private static String prove(Client client, Map<String, Long> acknowledged, long unanswered) throws Exception {
		AtomicLong missing = new AtomicLong();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (String encoded : acknowledged.keySet()) {
				pool.submit(() -> {
					Sent sent = Sent.decode(encoded);
					HttpResponse<String> again = client.post("/api/v1/me/transfers", sent.body(), sent.token());
					if (again.statusCode() != 200 || !again.body().contains("\"repeated\":true")) {
						missing.incrementAndGet();
					}
					return null;
				});
			}
		}
		HttpResponse<String> ledger = client.http.send(HttpRequest.newBuilder(URI.create(client.managementUrl
				+ "/actuator/ledger")).GET().build(), HttpResponse.BodyHandlers.ofString());
		boolean conserved = ledger.body().contains("\"conserved\":true");
		Matcher transfers = Pattern.compile("\"transfers\"\\s*:\\s*(\\d+)").matcher(ledger.body());
		long inLedger = transfers.find() ? Long.parseLong(transfers.group(1)) : -1;
		return String.format("""
				exactly once: %d acknowledged transfers sent again, %d not found as made before (must be 0)
				ledger: %s; %d transfers in all (deposits and transfers; answers lost in flight may add at most %d)""",
				acknowledged.size(), missing.get(), conserved ? "CONSERVED" : "NOT CONSERVED", inLedger, unanswered);
	}

	private static long transfersInLedger(Client client) throws IOException, InterruptedException {
		HttpResponse<String> ledger = client.http.send(HttpRequest.newBuilder(URI.create(client.managementUrl
				+ "/actuator/ledger")).GET().build(), HttpResponse.BodyHandlers.ofString());
		Matcher transfers = Pattern.compile("\"transfers\"\\s*:\\s*(\\d+)").matcher(ledger.body());
		return transfers.find() ? Long.parseLong(transfers.group(1)) : -1;
	}

	private record Sent(String token, String body) {

		String encode() {
			return this.token + "\n" + this.body;
		}

		static Sent decode(String encoded) {
			int cut = encoded.indexOf('\n');
			return new Sent(encoded.substring(0, cut), encoded.substring(cut + 1));
		}
	}

	private static final class Load {

		final Map<String, Long> acknowledged = new ConcurrentHashMap<>();

		final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());

		final AtomicLong errors = new AtomicLong();

		double percentileMs(double p) {
			List<Long> sorted = new ArrayList<>(this.latencies);
			if (sorted.isEmpty()) {
				return Double.NaN;
			}
			Collections.sort(sorted);
			int rank = (int) Math.ceil(p / 100 * sorted.size()) - 1;
			return sorted.get(Math.max(0, rank)) / 1e6;
		}
	}

	/** Closed loop: each client sends its next transfer when the last one answered. */
	private static Load run(Client client, List<String> tokens, int clients, Duration duration) throws Exception {
		Load load = new Load();
		long end = System.nanoTime() + duration.toNanos();
		try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
			for (int c = 0; c < clients; c++) {
				pool.submit(() -> {
					ThreadLocalRandom random = ThreadLocalRandom.current();
					while (System.nanoTime() < end) {
						String token = random.nextInt(5) == 0 ? tokens.get(random.nextInt(Math.min(4, tokens.size())))
								: tokens.get(random.nextInt(tokens.size()));
						boolean out = random.nextBoolean();
						String body = json(Map.of("clientOid", "b" + UUID.randomUUID().toString().replace("-", ""),
								"currency", "USDT", "amount", random.nextInt(1, 100) + "." + random.nextInt(10, 100),
								"from", out ? "main" : "trade", "to", out ? "trade" : "main"));
						long start = System.nanoTime();
						try {
							HttpResponse<String> r = client.post("/api/v1/me/transfers", body, token);
							if (r.statusCode() == 201 || r.statusCode() == 422) {
								load.latencies.add(System.nanoTime() - start);
								if (r.statusCode() == 201) {
									load.acknowledged.put(new Sent(token, body).encode(), start);
								}
							}
							else {
								load.errors.incrementAndGet();
							}
						}
						catch (IOException | InterruptedException ex) {
							load.errors.incrementAndGet();
							try {
								Thread.sleep(100);
							}
							catch (InterruptedException stop) {
								return null;
							}
						}
					}
					return null;
				});
			}
		}
		return load;
	}

	private static final class Client {

		final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();

		final String base;

		final String internalBase;

		final String managementUrl;

		Client(String base, String internalBase, String managementUrl) {
			this.base = base;
			this.internalBase = internalBase;
			this.managementUrl = managementUrl;
		}

		HttpResponse<String> post(String path, String json, String token) throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}

		void internal(String path, Map<String, ?> body, int expected) throws IOException, InterruptedException {
			HttpResponse<String> r = this.http.send(HttpRequest.newBuilder(URI.create(this.internalBase + path))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + WALLET_TOKEN)
				.POST(HttpRequest.BodyPublishers.ofString(json(body)))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != expected) {
				throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
			}
		}
	}

	/** A flat JSON object of strings, numbers and lists of such objects; enough for these requests. */
	static String json(Map<String, ?> fields) {
		StringBuilder out = new StringBuilder("{");
		for (Map.Entry<String, ?> e : fields.entrySet()) {
			if (out.length() > 1) {
				out.append(',');
			}
			out.append('"').append(e.getKey()).append("\":").append(value(e.getValue()));
		}
		return out.append('}').toString();
	}

	@SuppressWarnings("unchecked")
	private static String value(Object v) {
		if (v instanceof Number) {
			return v.toString();
		}
		if (v instanceof List<?> list) {
			List<String> items = new ArrayList<>();
			for (Object item : list) {
				items.add(json((Map<String, ?>) item));
			}
			return "[" + String.join(",", items) + "]";
		}
		return "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static String exec(List<String> command) throws IOException, InterruptedException {
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (p.waitFor() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
		}
		return out;
	}

	private static String sha256(String text) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static void step(String format, Object... args) {
		System.out.printf("[bench] " + format + "%n", args);
	}

	static String arg(String[] args, String name, String fallback) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}
}
