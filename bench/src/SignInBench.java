import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import de.mkammerer.argon2.Argon2Version;

/**
 * How close does a password sign-in through the JSON API come to the physical limit of the machine?
 *
 * <p>A password sign-in is dominated by one Argon2id verification (m=19456 KiB, t=2, p=1), so the
 * native hash rate on all cores is the ceiling; everything else Gatehouse does per sign-in (HTTP, JSON,
 * flow, device and session rows, audit events) is overhead measured against it. The same run also
 * measures cold start to ready, without and with an AOT cache, and heap after start. See bench/README.md.
 *
 * <p>Started by bench/run.sh, which builds the jar and puts the app's runtime classpath (for
 * argon2-jvm) on ours. Arguments: {@code --jar <path> --results <dir>} and optionally
 * {@code --accounts N --hash-seconds S --warmup-seconds S --signin-seconds S}.
 */
public final class SignInBench {

	static final int CORES = Runtime.getRuntime().availableProcessors();

	/** The parameters Gatehouse is configured with (gatehouse.password.* defaults). */
	static final int ARGON2_MEMORY_KIB = 19456;

	static final int ARGON2_ITERATIONS = 2;

	static final int ARGON2_PARALLELISM = 1;

	static final double RATIO_TARGET = 0.90;

	/** JIT compiler CPU per sign-in below which the warm-up counts the JVM as in its steady state. */
	static final double STEADY_JIT_MS = 0.3;

	static final double COLD_START_TARGET_SECONDS = 6.0;

	static final double HEAP_TARGET_MIB = 256.0;

	private SignInBench() {
	}

	public static void main(String[] args) {
		Options options = Options.parse(args);
		AtomicBoolean shuttingDown = new AtomicBoolean();
		GatehouseProcess gatehouse = null;
		try {
			Files.createDirectories(options.results());
			Path log = options.results().resolve("gatehouse.log");
			Files.deleteIfExists(log);
			gatehouse = new GatehouseProcess(options.jar(), log);
			// Ctrl-C, a failed phase or a normal end: the child and its data directory always go.
			GatehouseProcess toClose = gatehouse;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				shuttingDown.set(true);
				toClose.close();
			}, "stop-gatehouse"));
			Results results = run(options, gatehouse);
			System.out.println();
			System.out.println(results.summary());
			write(options.results(), results);
		}
		catch (Exception ex) {
			if (shuttingDown.get()) {
				System.err.println("[bench] interrupted: Gatehouse stopped and its data directory removed");
			}
			else {
				System.err.println("[bench] failed: " + ex);
				if (gatehouse != null) {
					System.err.println("last lines of the Gatehouse log:\n" + gatehouse.logTail(20));
				}
			}
			System.exit(1);
		}
		finally {
			if (gatehouse != null) {
				gatehouse.close();
			}
		}
	}

	private static Results run(Options options, GatehouseProcess gatehouse) throws Exception {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		Api api = new Api(http, gatehouse.baseUrl());

		// 2. First start: creates the PostgreSQL cluster, runs migrations, generates keys, and is the AOT
		// cache's training run. Not measured as a start.
		Path appJar = extractedOrBuiltJar(gatehouse);
		Path aotFile = gatehouse.dataDir().resolve("gatehouse.aot");
		step("first start (initialises the embedded PostgreSQL data directory, trains the AOT cache; not measured)");
		step("Gatehouse JVM options, as the README recommends for this machine: %s",
				RECOMMENDED_OPTIONS.isEmpty() ? "(none)" : String.join(" ", RECOMMENDED_OPTIONS));
		gatehouse.start(appJar, with(RECOMMENDED_OPTIONS, "-XX:AOTCacheOutput=" + aotFile));
		Duration firstStart = gatehouse.awaitReady(Duration.ofMinutes(3));
		step("  ready after %.1f s; %s", seconds(firstStart), Training.exercise(api));
		step("  stopping; the JVM writes the AOT cache on exit");
		AotCache aot = AotCache.of(aotFile, gatehouse.stop());
		step("  %s", aot.describe());

		// 3. Cold starts on the now warm local files: what a restart or redeploy costs. First without the
		// AOT cache, exactly as the jar is run today, then with it; the last one serves the rest of the run.
		step("cold start without the AOT cache (java -jar %s)", gatehouse.jar().getFileName());
		ColdStart plain = coldStart(gatehouse, gatehouse.jar(), RECOMMENDED_OPTIONS);
		ColdStart cached = null;
		if (aot.written()) {
			gatehouse.stop();
			step("cold start with the AOT cache (java -XX:AOTCache=… -jar %s)", relative(gatehouse, appJar));
			cached = coldStart(gatehouse, appJar, with(RECOMMENDED_OPTIONS, "-XX:AOTCache=" + aotFile));
		}
		else {
			step("  no AOT cache to start with: this start serves heap, sign-ins and the cold start target");
		}
		double heapMib = Heap.usedAfterGcMib(gatehouse);
		step("  heap used after a full GC: %.1f MiB", heapMib);

		// 4. Accounts through the public sign-up API, as a person would create them.
		step("seeding %d accounts through POST /api/v1/registrations + the development mailbox",
				options.accounts());
		long seedStart = System.nanoTime();
		List<Credentials> accounts = Seeder.seed(api, options.accounts(), 16);
		step("  %d accounts in %.1f s", accounts.size(), (System.nanoTime() - seedStart) / 1e9);

		// 5. Password sign-ins at twice as many clients as cores, so the cores never wait for a request.
		int concurrency = 2 * CORES;
		step("password sign-ins, concurrency %d: at least %d s warm-up, then %d blocks of %d s measured, each between two"
				+ " native measurements", concurrency, options.warmupSeconds(), options.blocks(),
				Math.max(1, options.signInSeconds() / options.blocks()));
		// The JIT compiles a method with C2 only after thousands of calls: at ~60 sign-ins/s the request path
		// takes minutes to compile. The warm-up runs until the compiler threads are nearly idle (steady state),
		// at least the minimum and at most five times it, and gives every account its device token.
		Map<String, String> deviceTokens = new ConcurrentHashMap<>();
		long warmupStart = System.nanoTime();
		double jitMs = Double.NaN;
		do {
			LoadResult chunk = SignInLoad.run(api, gatehouse, accounts, deviceTokens, concurrency, Duration.ZERO,
					Duration.ofSeconds(15));
			jitMs = chunk.cpuMsPerSignIn(chunk.cpu().jvmThreads().jit());
			step("  warm-up after %.0f s: %.1f sign-ins/s, JIT compiler threads %.2f ms of CPU per sign-in",
					seconds(Duration.ofNanos(System.nanoTime() - warmupStart)), chunk.perSecond(), jitMs);
		}
		while (System.nanoTime() - warmupStart < TimeUnit.SECONDS.toNanos(options.warmupSeconds())
				|| jitMs > STEADY_JIT_MS && System.nanoTime() - warmupStart < TimeUnit.SECONDS.toNanos(5L * options.warmupSeconds()));
		// 1. The ceiling, measured while Gatehouse idles, before, between and after blocks of sign-ins: the cores
		// of this shared virtual machine change speed over minutes (by up to 60 % within one run), so each block
		// is compared with the native rate measured right before and right after it.
		int blocks = options.blocks();
		Duration block = Duration.ofSeconds(Math.max(1, options.signInSeconds() / blocks));
		List<Double> natives = new ArrayList<>();
		List<LoadResult> measured = new ArrayList<>();
		List<Double> blockRatios = new ArrayList<>();
		natives.add(nativeRate(options));
		for (int b = 0; b < blocks; b++) {
			LoadResult r = SignInLoad.run(api, gatehouse, accounts, deviceTokens, concurrency, Duration.ofSeconds(2),
					block);
			measured.add(r);
			natives.add(nativeRate(options));
			double ceiling = (natives.get(b) + natives.get(b + 1)) / 2;
			blockRatios.add(r.perSecond() / ceiling);
			step("  block %d of %d: %.1f sign-ins/s against %.1f native hashes/s: ratio %.3f", b + 1, blocks,
					r.perSecond(), ceiling, blockRatios.getLast());
		}
		LoadResult load = LoadResult.combined(measured);
		double nativeRate = natives.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double ratio = blockRatios.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
		double drift = (natives.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
				- natives.stream().mapToDouble(Double::doubleValue).min().orElseThrow()) / nativeRate;
		step("native Argon2id: %s hashes/s; their mean %.1f; the machine's speed moved by %.0f%% during the run",
				natives.stream().map(n -> String.format(Locale.ROOT, "%.1f", n)).toList(), nativeRate, drift * 100);

		step("stopping Gatehouse");
		gatehouse.stop();
		return new Results(nativeRate, seconds(firstStart), aot, plain, cached, heapMib, accounts.size(), load,
				List.copyOf(blockRatios), drift);
	}

	/**
	 * The README's advice for small nodes: on 2 cores or fewer the serial collector leaves the CPU to
	 * password hashing (G1's barriers and concurrent threads cost ~3 ms per sign-in here). Set
	 * GATEHOUSE_BENCH_DEFAULT_GC=1 to measure the JVM's own choice instead.
	 */
	static final List<String> RECOMMENDED_OPTIONS = CORES <= 2 && !"1".equals(System.getenv("GATEHOUSE_BENCH_DEFAULT_GC"))
			? List.of("-XX:+UseSerialGC") : List.of();

	private static List<String> with(List<String> base, String option) {
		List<String> all = new ArrayList<>(base);
		all.add(option);
		return List.copyOf(all);
	}

	private static double nativeRate(Options options) throws Exception {
		step("native Argon2id on %d threads: %d s warm-up, %d s measured", CORES, 2, options.hashSeconds());
		double rate = NativeArgon2.hashesPerSecond(CORES, Duration.ofSeconds(2), Duration.ofSeconds(options.hashSeconds()));
		step("  %.1f hashes/s", rate);
		return rate;
	}

	/** The AOT cache is only useful with the extracted jar (see GatehouseProcess.extract); without it, the jar as built. */
	private static Path extractedOrBuiltJar(GatehouseProcess gatehouse) throws InterruptedException {
		try {
			Path extracted = gatehouse.extract();
			step("extracted the jar for the AOT cache: %s", relative(gatehouse, extracted));
			return extracted;
		}
		catch (IOException ex) {
			step("could not extract the jar (%s); the AOT cache is trained on the jar as built and will hold"
					+ " little more than JDK classes", ex.getMessage());
			return gatehouse.jar();
		}
	}

	private static ColdStart coldStart(GatehouseProcess gatehouse, Path jar, List<String> jvmOptions)
			throws IOException, InterruptedException {
		gatehouse.start(jar, jvmOptions);
		Duration ready = gatehouse.awaitReady(Duration.ofMinutes(2));
		ColdStart start = ColdStart.of(ready, gatehouse.logOfThisStart());
		step("  ready after %.2f s", start.seconds());
		start.aotWarnings().forEach(w -> step("  JVM: %s", w));
		return start;
	}

	private static String relative(GatehouseProcess gatehouse, Path path) {
		return path.startsWith(gatehouse.dataDir()) ? "<data dir>/" + gatehouse.dataDir().relativize(path) : path.toString();
	}

	private static void write(Path dir, Results results) throws IOException {
		String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		Files.writeString(dir.resolve("signin-bench-" + stamp + ".json"), results.json());
		Files.writeString(dir.resolve("signin-bench-" + stamp + ".txt"), results.summary() + "\n");
		Files.writeString(dir.resolve("latest.json"), results.json());
		Files.writeString(dir.resolve("latest.txt"), results.summary() + "\n");
		System.out.println();
		System.out.println("results written to " + dir.resolve("signin-bench-" + stamp + ".{json,txt}")
				+ " (Gatehouse log: " + dir.resolve("gatehouse.log") + ")");
	}

	static void step(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[bench] " + format + "%n", args);
	}

	static double seconds(Duration d) {
		return d.toNanos() / 1e9;
	}

	/**
	 * @param signInSeconds measured sign-in time in all, split into {@code blocks} blocks with a native
	 *        measurement before, between and after them
	 */
	record Options(Path jar, Path results, int accounts, int hashSeconds, int warmupSeconds, int signInSeconds,
			int blocks) {

		/**
		 * The least warm-up; it goes on (up to five times this) while the JIT is still compiling. On 2 cores
		 * C2 needs some 3 minutes of sign-ins to compile the request path.
		 */
		static final int DEFAULT_WARMUP_SECONDS = 60;

		static Options parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>(Map.of("--jar", "target/gatehouse-0.1.0-SNAPSHOT.jar",
					"--results", "bench/results", "--accounts", "200", "--hash-seconds", "8", "--warmup-seconds",
					Integer.toString(DEFAULT_WARMUP_SECONDS), "--signin-seconds", "60", "--blocks", "4"));
			for (int i = 0; i < args.length; i += 2) {
				if (!values.containsKey(args[i]) || i + 1 >= args.length) {
					throw new IllegalArgumentException("usage: " + values.keySet() + " each followed by a value");
				}
				values.put(args[i], args[i + 1]);
			}
			return new Options(Path.of(values.get("--jar")), Path.of(values.get("--results")),
					Integer.parseInt(values.get("--accounts")), Integer.parseInt(values.get("--hash-seconds")),
					Integer.parseInt(values.get("--warmup-seconds")), Integer.parseInt(values.get("--signin-seconds")),
					Math.max(1, Integer.parseInt(values.get("--blocks"))));
		}
	}

	/** The raw native Argon2id rate: what the cores can do with nothing but hashing. */
	static final class NativeArgon2 {

		private NativeArgon2() {
		}

		static double hashesPerSecond(int threads, Duration warmup, Duration measured) throws Exception {
			Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Types.ARGON2id);
			byte[] password = "violet tractor anchors the moon".getBytes(StandardCharsets.UTF_8);
			long measureFrom = System.nanoTime() + warmup.toNanos();
			long measureUntil = measureFrom + measured.toNanos();
			AtomicLong counted = new AtomicLong();
			try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
				for (int t = 0; t < threads; t++) {
					pool.execute(() -> {
						byte[] salt = new byte[16];
						while (true) {
							ThreadLocalRandom.current().nextBytes(salt);
							argon2.hashAdvanced(ARGON2_ITERATIONS, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM, password, salt,
									32, Argon2Version.V13);
							long end = System.nanoTime();
							if (end >= measureUntil) {
								return;
							}
							if (end >= measureFrom) {
								counted.incrementAndGet();
							}
						}
					});
				}
			}
			return counted.get() / seconds(measured);
		}
	}

	/** Heap in use after a full collection, i.e. what the application really keeps. */
	static final class Heap {

		/** G1: "garbage-first heap total …, used NK"; Serial: "DefNew … used NK" and "Tenured … used NK" (older JDKs: "def new generation", "tenured generation"). */
		private static final Pattern USED = Pattern.compile("(?m)^\\s*(garbage-first heap|def new generation|tenured generation|DefNew|Tenured)\\b.*?used (\\d+)K");

		private Heap() {
		}

		/**
		 * Reads the JVM's own figure through jcmd rather than /actuator/prometheus, so the reading does
		 * not depend on which actuator endpoints the app exposes or how it secures them.
		 */
		static double usedAfterGcMib(GatehouseProcess gatehouse) throws IOException, InterruptedException {
			jcmd(gatehouse.pid(), "GC.run");
			String info = jcmd(gatehouse.pid(), "GC.heap_info");
			Matcher m = USED.matcher(info);
			long usedKib = 0;
			boolean found = false;
			while (m.find()) {
				usedKib += Long.parseLong(m.group(2));
				found = true;
			}
			if (!found) {
				throw new IllegalStateException("unexpected GC.heap_info output:\n" + info);
			}
			return usedKib / 1024.0;
		}

		private static String jcmd(long pid, String command) throws IOException, InterruptedException {
			String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
			Process p = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (p.waitFor() != 0) {
				throw new IllegalStateException("jcmd " + command + " failed:\n" + out);
			}
			return out;
		}
	}

	/** Spring Boot's own "Started ... in X seconds (process running for Y)" of one start, if logged. */
	record StartLog(double contextSeconds, double processSeconds) {

		private static final Pattern STARTED = Pattern
			.compile("Started GatehouseApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

		static StartLog parse(String logOfOneStart) {
			Matcher m = STARTED.matcher(logOfOneStart);
			return m.find() ? new StartLog(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)))
					: new StartLog(Double.NaN, Double.NaN);
		}
	}

	/**
	 * One measured cold start: launch to ready, Spring's own figures, and the JVM's warnings about the AOT
	 * cache. Without -XX:AOTMode=on the JVM runs on without a cache it cannot use, so those warnings are
	 * the only sign that a start labelled "AOT cache" did not use it.
	 */
	record ColdStart(double seconds, StartLog spring, List<String> aotWarnings) {

		private static final Pattern AOT_WARNING = Pattern.compile("(?m)^.*\\[(?:warning|error)\\]\\[(?:aot|cds)[^\\]]*\\].*$");

		static ColdStart of(Duration ready, String logOfThisStart) {
			List<String> warnings = new ArrayList<>();
			Matcher m = AOT_WARNING.matcher(logOfThisStart);
			while (m.find() && warnings.size() < 5) {
				warnings.add(m.group().strip());
			}
			return new ColdStart(SignInBench.seconds(ready), StartLog.parse(logOfThisStart), List.copyOf(warnings));
		}
	}

	/** The AOT cache the first start wrote on exit, if it did: its size, and how long stopping that run took. */
	record AotCache(Path file, long bytes, double stopSeconds) {

		static AotCache of(Path file, Duration stopping) {
			long bytes;
			try {
				bytes = Files.isRegularFile(file) ? Files.size(file) : 0;
			}
			catch (IOException ex) {
				bytes = 0;
			}
			return new AotCache(file, bytes, seconds(stopping));
		}

		boolean written() {
			return this.bytes > 0;
		}

		double mib() {
			return this.bytes / (1024.0 * 1024.0);
		}

		String describe() {
			return written()
					? String.format(Locale.ROOT, "AOT cache written: %.0f MiB; stopping and writing it took %.1f s", mib(),
							this.stopSeconds)
					: String.format(Locale.ROOT, "no AOT cache was written (stopping took %.1f s); see the Gatehouse log",
							this.stopSeconds);
		}
	}

	record Credentials(String identifier, String password) {

		@Override
		public String toString() {
			return "Credentials[" + this.identifier + ", password=<redacted>]";
		}
	}

	/**
	 * The few JSON API calls the bench makes; bodies are built and read by hand to stay dependency-free.
	 * Seeding and the mailbox use the JDK's HttpClient; the measured sign-in calls use {@link LeanHttp}.
	 */
	static final class Api {

		private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

		private static final Pattern REGISTRATION_ID = Pattern.compile("\"registrationId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

		private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(ghs_[A-Za-z0-9_-]+)\"");

		private static final Pattern DEVICE_TOKEN = Pattern.compile("\"deviceToken\"\\s*:\\s*\"(ghs_[A-Za-z0-9_-]+)\"");

		/** Starting a flow is the same request every time, so it is encoded once. */
		private static final byte[] START_SIGN_IN = LeanHttp.requestLine("/api/v1/signin/flows");

		private static final byte[] NO_BODY = new byte[0];

		private final HttpClient http;

		private final String baseUrl;

		private final int port;

		Api(HttpClient http, String baseUrl) {
			this.http = http;
			this.baseUrl = baseUrl;
			this.port = URI.create(baseUrl).getPort();
		}

		/** A keep-alive connection for one load worker; see {@link LeanHttp}. */
		LeanHttp connection() {
			return new LeanHttp(this.port);
		}

		/** @return the registration id */
		String register(Credentials account, String country) throws IOException, InterruptedException {
			HttpResponse<String> r = postJson("/api/v1/registrations", "{\"identifier\":\"" + account.identifier()
					+ "\",\"password\":\"" + account.password() + "\",\"country\":\"" + country + "\"}");
			return expect(r, 202, REGISTRATION_ID, "POST /api/v1/registrations");
		}

		void verify(String registrationId, String code) throws IOException, InterruptedException {
			HttpResponse<String> r = postJson("/api/v1/registrations/" + registrationId + "/verification",
					"{\"code\":\"" + code + "\"}");
			if (r.statusCode() != 200) {
				throw new IllegalStateException("verification answered " + r.statusCode() + ": " + r.body());
			}
		}

		String mailbox() throws IOException, InterruptedException {
			HttpResponse<String> r = get("/dev/mailbox");
			if (r.statusCode() != 200) {
				throw new IllegalStateException("GET /dev/mailbox answered " + r.statusCode());
			}
			return r.body();
		}

		HttpResponse<String> get(String path) throws IOException, InterruptedException {
			return this.http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
		}

		LeanHttp.Response startSignIn(LeanHttp connection) throws IOException {
			return connection.post(START_SIGN_IN, NO_BODY);
		}

		/**
		 * Only the flow id and the credentials are encoded per request; that costs microseconds.
		 *
		 * @param deviceToken the token an earlier sign-in of this account was given, or null on its first
		 */
		LeanHttp.Response submitPassword(LeanHttp connection, String flowId, Credentials account, String deviceToken)
				throws IOException {
			String json = "{\"identifier\":\"" + account.identifier() + "\",\"password\":\"" + account.password()
					+ (deviceToken == null ? "" : "\",\"deviceToken\":\"" + deviceToken) + "\"}";
			return connection.post(LeanHttp.requestLine("/api/v1/signin/flows/" + flowId + "/password"),
					json.getBytes(StandardCharsets.UTF_8));
		}

		/** The one-round-trip form: the flow is started with the password step as its body. */
		LeanHttp.Response startWithPassword(LeanHttp connection, Credentials account, String deviceToken)
				throws IOException {
			return startWithPassword(connection, account, deviceToken, null);
		}

		/** The same, with the authenticator app's code for an account that has one (null: without). */
		LeanHttp.Response startWithPassword(LeanHttp connection, Credentials account, String deviceToken,
				String totpCode) throws IOException {
			String json = "{\"identifier\":\"" + account.identifier() + "\",\"password\":\"" + account.password()
					+ (deviceToken == null ? "" : "\",\"deviceToken\":\"" + deviceToken)
					+ (totpCode == null ? "" : "\",\"totpCode\":\"" + totpCode) + "\"}";
			return connection.post(START_SIGN_IN, json.getBytes(StandardCharsets.UTF_8));
		}

		static String flowId(String body) {
			Matcher m = ID.matcher(body);
			return m.find() ? m.group(1) : null;
		}

		static boolean hasSessionToken(String body) {
			return TOKEN.matcher(body).find();
		}

		/** The device token a completed sign-in hands out, for the account's later sign-ins. */
		static String deviceToken(String body) {
			Matcher m = DEVICE_TOKEN.matcher(body);
			return m.find() ? m.group(1) : null;
		}

		private HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
			return this.http.send(request(path).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private HttpRequest.Builder request(String path) {
			return HttpRequest.newBuilder(URI.create(this.baseUrl + path))
				.timeout(Duration.ofSeconds(30))
				.header("Accept", "application/json, text/html");
		}

		private static String expect(HttpResponse<String> r, int status, Pattern field, String what) {
			Matcher m = field.matcher(r.body());
			if (r.statusCode() != status || !m.find()) {
				throw new IllegalStateException(what + " answered " + r.statusCode() + ": " + r.body());
			}
			return m.group(1);
		}
	}

	/**
	 * A minimal HTTP/1.1 client for the measured sign-ins: one keep-alive connection, requests written
	 * from pre-encoded bytes, responses read just far enough for the bench (status, body, whether the
	 * server closes the connection). The load generator shares the cores with Gatehouse and PostgreSQL,
	 * so its CPU comes straight off the measured rate; java.net.http.HttpClient costs about 1.25 ms of
	 * CPU per request, this a small fraction of that. Not a general client: loopback, POST with a JSON
	 * body, no TLS, redirects, 1xx answers or compression. Not thread-safe: one per worker thread.
	 */
	static final class LeanHttp implements AutoCloseable {

		/** Status and body (UTF-8) of one answer. */
		record Response(int status, String body) {
		}

		private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

		/** The same per-request timeout the JDK client had. */
		private static final int READ_TIMEOUT_MILLIS = 30_000;

		private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");

		private static final byte[] END_OF_HEAD = ascii("\r\n\r\n");

		/** A header line longer than this is a broken answer, not one to buffer without end. */
		private static final int MAX_LINE = 8 * 1024;

		private final InetSocketAddress address;

		/**
		 * Every header but Content-Length, encoded once. Content-Length comes last so that this block can
		 * be fixed (header order carries no meaning in HTTP). A User-Agent like any real client's.
		 */
		private final byte[] fixedHeaders;

		private final StringBuilder line = new StringBuilder();

		private Socket socket;

		private BufferedInputStream in;

		private BufferedOutputStream out;

		private int connections;

		LeanHttp(int port) {
			this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
			this.fixedHeaders = ascii("Host: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
					+ "Accept: application/json\r\nUser-Agent: gatehouse-bench\r\n");
		}

		/** {@code POST <path> HTTP/1.1} and its line end, for {@link #post}. */
		static byte[] requestLine(String path) {
			return ascii("POST " + path + " HTTP/1.1\r\n");
		}

		/** Connections opened after the first: the server closed the previous one (Tomcat does every 100 requests). */
		int reconnects() {
			return Math.max(0, this.connections - 1);
		}

		Response post(byte[] requestLine, byte[] body) throws IOException {
			boolean reused = this.socket != null;
			try {
				return exchange(requestLine, body);
			}
			catch (StaleConnection ex) {
				if (!reused) {
					throw ex;
				}
				// The server closed a kept-alive connection before it read the request (idle timeout): nothing
				// was processed, so the request goes again on a new connection.
				return exchange(requestLine, body);
			}
		}

		private Response exchange(byte[] requestLine, byte[] body) throws IOException {
			try {
				connectIfClosed();
				write(requestLine, body);
				return read();
			}
			catch (IOException | RuntimeException ex) {
				// Whatever state the connection is in now, it cannot carry another request.
				close();
				if (ex instanceof RuntimeException) {
					throw new ProtocolException("malformed answer: " + ex);
				}
				throw ex;
			}
		}

		private void connectIfClosed() throws IOException {
			if (this.socket != null) {
				return;
			}
			Socket s = new Socket();
			try {
				// Each request is written with one flush; without TCP_NODELAY, Nagle's algorithm could hold the
				// last segment back until the server's delayed ACK, some 40 ms.
				s.setTcpNoDelay(true);
				s.setSoTimeout(READ_TIMEOUT_MILLIS);
				s.connect(this.address, CONNECT_TIMEOUT_MILLIS);
				this.in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
				this.out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
			}
			catch (IOException ex) {
				s.close();
				throw ex;
			}
			this.socket = s;
			this.connections++;
		}

		private void write(byte[] requestLine, byte[] body) throws IOException {
			try {
				this.out.write(requestLine);
				this.out.write(this.fixedHeaders);
				this.out.write(CONTENT_LENGTH);
				this.out.write(ascii(Integer.toString(body.length)));
				this.out.write(END_OF_HEAD);
				this.out.write(body);
				this.out.flush();
			}
			catch (SocketException ex) {
				// Broken pipe or reset: the server had already closed this connection.
				throw new StaleConnection(ex);
			}
		}

		private Response read() throws IOException {
			String statusLine;
			try {
				statusLine = readLine();
			}
			catch (SocketException ex) {
				// Reset before the first byte of an answer: the server had closed the connection.
				throw new StaleConnection(ex);
			}
			if (statusLine == null) {
				throw new StaleConnection(null);
			}
			// "HTTP/1.1 201 " - Tomcat sends no reason phrase; only the three digits matter.
			if (!statusLine.startsWith("HTTP/1.")) {
				throw new ProtocolException("not an HTTP/1.x status line: " + statusLine);
			}
			int status = Integer.parseInt(statusLine.substring(9, 12));
			long contentLength = -1;
			boolean chunked = false;
			boolean close = statusLine.startsWith("HTTP/1.0");
			for (String header = requireLine(); !header.isEmpty(); header = requireLine()) {
				int colon = header.indexOf(':');
				String name = header.substring(0, colon).strip();
				String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
				if (name.equalsIgnoreCase("Content-Length")) {
					contentLength = Long.parseLong(value);
				}
				else if (name.equalsIgnoreCase("Transfer-Encoding")) {
					chunked = value.endsWith("chunked");
				}
				else if (name.equalsIgnoreCase("Connection")) {
					close |= value.contains("close");
				}
			}
			byte[] body;
			if (chunked) {
				// Spring writes JSON without a Content-Length, so Tomcat sends it in chunks.
				body = readChunked();
			}
			else if (contentLength >= 0) {
				body = readExactly(Math.toIntExact(contentLength));
			}
			else if (status == 204 || status == 304) {
				body = new byte[0];
			}
			else {
				// Neither length nor chunks: the body ends when the server closes the connection.
				body = this.in.readAllBytes();
				close = true;
			}
			if (close) {
				close();
			}
			return new Response(status, new String(body, StandardCharsets.UTF_8));
		}

		/** Chunks: a hex size line (maybe with ";extensions"), the data, CRLF; size 0 ends, then trailer lines. */
		private byte[] readChunked() throws IOException {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			while (true) {
				String sizeLine = requireLine();
				int semicolon = sizeLine.indexOf(';');
				int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
				if (size == 0) {
					break;
				}
				body.write(readExactly(size));
				if (!requireLine().isEmpty()) {
					throw new ProtocolException("chunk data not followed by CRLF");
				}
			}
			while (!requireLine().isEmpty()) {
				// Trailer fields: none expected, skipped if sent.
			}
			return body.toByteArray();
		}

		private byte[] readExactly(int length) throws IOException {
			byte[] bytes = this.in.readNBytes(length);
			if (bytes.length != length) {
				throw new EOFException("connection closed after " + bytes.length + " of " + length + " body bytes");
			}
			return bytes;
		}

		private String requireLine() throws IOException {
			String l = readLine();
			if (l == null) {
				throw new EOFException("connection closed inside an answer");
			}
			return l;
		}

		/**
		 * One line without its CRLF (or bare LF), or null if the connection ends before its first byte. The
		 * head of an HTTP message is ASCII (ISO-8859-1 at most), so each byte is one char.
		 */
		private String readLine() throws IOException {
			this.line.setLength(0);
			int b = this.in.read();
			if (b < 0) {
				return null;
			}
			while (b != '\n') {
				if (b < 0) {
					throw new EOFException("connection closed inside a line");
				}
				if (this.line.length() >= MAX_LINE) {
					throw new ProtocolException("line longer than " + MAX_LINE + " bytes");
				}
				this.line.append((char) b);
				b = this.in.read();
			}
			int end = this.line.length();
			if (end > 0 && this.line.charAt(end - 1) == '\r') {
				this.line.setLength(end - 1);
			}
			return this.line.toString();
		}

		private static byte[] ascii(String s) {
			return s.getBytes(StandardCharsets.US_ASCII);
		}

		@Override
		public void close() {
			if (this.socket != null) {
				try {
					this.socket.close();
				}
				catch (IOException ignored) {
					// Closing a socket only fails if it is already unusable; either way it is gone.
				}
				this.socket = null;
				this.in = null;
				this.out = null;
			}
		}

		/** The connection was already closed by the server when a request was sent on it. */
		static final class StaleConnection extends IOException {

			private static final long serialVersionUID = 1L;

			StaleConnection(Throwable cause) {
				super("connection closed by the server before it answered", cause);
			}
		}
	}

	/**
	 * Requests sent to the training run before it stops, so the AOT cache also holds what real requests
	 * load (and, since JDK 25, their method profiles), not only what start-up loads: the sign-in page, a
	 * sign-in flow with a password for an unknown account, and a sign-up with a throwaway address.
	 */
	static final class Training {

		private static final int ROUNDS = 3;

		private Training() {
		}

		/** Failures are reported, not fatal: a thinner cache only makes the AOT figure worse. */
		static String exercise(Api api) {
			int requests = 0;
			List<String> unexpected = new ArrayList<>();
			try (LeanHttp connection = api.connection()) {
				for (int round = 0; round < ROUNDS; round++) {
					Credentials trainee = new Credentials("bench-training-" + round + "@example.com",
							"violet tractor anchors the moon in training");
					check(api.get("/signin").statusCode(), 200, "GET /signin", unexpected);
					LeanHttp.Response flow = api.startSignIn(connection);
					check(flow.status(), 201, "POST /api/v1/signin/flows", unexpected);
					String flowId = Api.flowId(flow.body());
					requests += 2;
					if (flowId != null) {
						// No such account yet: refused, after the same hashing work as a real sign-in.
						api.submitPassword(connection, flowId, trainee, null);
						requests++;
					}
					api.register(trainee, "GB");
					requests++;
				}
			}
			catch (IOException | RuntimeException ex) {
				unexpected.add(ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				unexpected.add("interrupted");
			}
			return requests + " training requests sent (sign-in page, sign-in flow and password, sign-up)"
					+ (unexpected.isEmpty() ? "" : "; unexpected: " + unexpected);
		}

		private static void check(int status, int expected, String what, List<String> unexpected) {
			if (status != expected) {
				unexpected.add(what + " " + status);
			}
		}
	}

	/**
	 * Creates accounts through sign-up and email verification. One reader polls the development
	 * mailbox for all workers, because the page shows only the newest 50 messages: per-worker polling
	 * at full seeding speed could miss a code that scrolled off.
	 */
	static final class Seeder {

		private static final Pattern ARTICLE = Pattern
			.compile("<article class=\"message\" data-to=\"([^\"]+)\">(.*?)</article>", Pattern.DOTALL);

		/** The code stands alone on an indented line of the message body. */
		private static final Pattern CODE = Pattern.compile("(?m)^\\s+(\\d{6})\\s*$");

		private Seeder() {
		}

		static List<Credentials> seed(Api api, int count, int concurrency) throws Exception {
			Map<String, String> codes = new ConcurrentHashMap<>();
			AtomicInteger next = new AtomicInteger();
			List<Credentials> seeded = Collections.synchronizedList(new ArrayList<>());
			Thread reader = Thread.ofPlatform().daemon().name("mailbox-reader").start(() -> readMailbox(api, codes));
			try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
				List<Future<?>> workers = new ArrayList<>();
				for (int w = 0; w < concurrency; w++) {
					workers.add(pool.submit(() -> {
						for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
							Credentials account = new Credentials("bench" + n + "@example.com",
									"violet tractor anchors the moon " + n);
							String registrationId = api.register(account, "GB");
							api.verify(registrationId, awaitCode(codes, account.identifier()));
							seeded.add(account);
						}
						return null;
					}));
				}
				for (Future<?> worker : workers) {
					worker.get();
				}
			}
			finally {
				reader.interrupt();
			}
			return List.copyOf(seeded);
		}

		private static void readMailbox(Api api, Map<String, String> codes) {
			boolean reported = false;
			while (!Thread.currentThread().isInterrupted()) {
				try {
					Matcher article = ARTICLE.matcher(api.mailbox());
					while (article.find()) {
						Matcher code = CODE.matcher(article.group(2));
						if (article.group(2).contains("verification code") && code.find()) {
							codes.putIfAbsent(article.group(1), code.group(1));
						}
					}
				}
				catch (InterruptedException ex) {
					return;
				}
				catch (IOException | RuntimeException ex) {
					// The workers time out if this persists; one line is enough to say why.
					if (!reported) {
						System.err.println("[bench] reading the development mailbox failed (retrying): " + ex);
						reported = true;
					}
				}
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		/** The outbox worker delivers within about a second; 20 s means something is wrong. */
		private static String awaitCode(Map<String, String> codes, String identifier) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (System.nanoTime() < deadline) {
				String code = codes.get(identifier);
				if (code != null) {
					return code;
				}
				Thread.sleep(20);
			}
			throw new IllegalStateException("no verification code for " + identifier + " in the development mailbox");
		}
	}

	/**
	 * {@code concurrency} clients in closed loops, each sign-in being the two API calls a client makes:
	 * create a flow, submit identifier and password. Only sign-ins that end inside the measured window
	 * count, so warm-up (JIT, connection set-up, pools) does not flatter or spoil the figures.
	 *
	 * <p>Like a real returning user's app, a client presents the device token that the account's first
	 * successful sign-in handed out, so Gatehouse recognises the device instead of recording a new one and
	 * mailing a "new device" alert for every sign-in. The warm-up gives most accounts their token.
	 */
	/**
	 * Gatehouse's own measurement of the CPU time each Argon2id hash takes on its hashing thread
	 * (gatehouse_password_hash_cpu_seconds on the Prometheus endpoint), to compare with the isolated
	 * native cost: the difference is what sharing the cores with the rest of the server costs the hash.
	 */
	static final class HashCpu {

		private static final Pattern SUM = Pattern.compile("(?m)^gatehouse_password_hash_cpu_seconds_sum(?:\\{[^}]*\\})? ([0-9.eE+-]+)");

		private static final Pattern COUNT = Pattern.compile("(?m)^gatehouse_password_hash_cpu_seconds_count(?:\\{[^}]*\\})? ([0-9.eE+-]+)");

		private HashCpu() {
		}

		/** {sum seconds, count}, or null if the endpoint or metric is not there. */
		static double[] read(GatehouseProcess gatehouse) {
			try {
				HttpClient http = HttpClient.newHttpClient();
				String body = http.send(HttpRequest.newBuilder(URI.create(gatehouse.managementUrl() + "/actuator/prometheus"))
					.timeout(Duration.ofSeconds(5))
					.GET()
					.build(), HttpResponse.BodyHandlers.ofString()).body();
				Matcher sum = SUM.matcher(body);
				Matcher count = COUNT.matcher(body);
				return sum.find() && count.find() ? new double[] { Double.parseDouble(sum.group(1)),
						Double.parseDouble(count.group(1)) } : null;
			}
			catch (IOException ex) {
				return null;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}

		static double meanMillis(double[] from, double[] until) {
			if (from == null || until == null || until[1] <= from[1]) {
				return Double.NaN;
			}
			return (until[0] - from[0]) / (until[1] - from[1]) * 1000;
		}
	}

	static final class SignInLoad {


		/**
		 * By default a sign-in is one request (POST /api/v1/signin/flows with the credentials), as an API
		 * client with the credentials at hand does; GATEHOUSE_BENCH_TWO_REQUESTS=1 measures the two-step
		 * form (start the flow, then its password step) that the web UI uses.
		 */
		static final boolean TWO_REQUESTS = "1".equals(System.getenv("GATEHOUSE_BENCH_TWO_REQUESTS"));

		static final String FORM = TWO_REQUESTS ? "two requests each" : "one request each";


		private SignInLoad() {
		}

		static LoadResult run(Api api, GatehouseProcess gatehouse, List<Credentials> accounts, int concurrency,
				Duration warmup, Duration measured) throws Exception {
			return run(api, gatehouse, accounts, new ConcurrentHashMap<>(), concurrency, warmup, measured);
		}

		/**
		 * @param deviceTokens each account's device token once it has one; shared by the blocks of a run, so a
		 *        returning account presents its token in every block, as a real client keeps its cookie
		 */
		static LoadResult run(Api api, GatehouseProcess gatehouse, List<Credentials> accounts,
				Map<String, String> deviceTokens, int concurrency, Duration warmup, Duration measured) throws Exception {
			long measureFrom = System.nanoTime() + warmup.toNanos();
			long measureUntil = measureFrom + measured.toNanos();
			AtomicInteger nextAccount = new AtomicInteger();
			List<Future<WorkerResult>> futures = new ArrayList<>();
			CpuSample cpuFrom;
			CpuSample cpuUntil;
			double[] hashCpuFrom;
			double[] hashCpuUntil;
			try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
				for (int w = 0; w < concurrency; w++) {
					futures.add(pool.submit(
							() -> worker(api, accounts, nextAccount, deviceTokens, measureFrom, measureUntil)));
				}
				// CPU used by each party during the measured window tells where the time goes. The hash metric is
				// read through a Prometheus scrape, which costs Gatehouse CPU of its own: it is read just before
				// the window opens and just after it closes, so that no scrape falls inside it.
				sleepUntil(measureFrom);
				hashCpuFrom = HashCpu.read(gatehouse);
				cpuFrom = CpuSample.take(gatehouse);
				sleepUntil(measureUntil);
				cpuUntil = CpuSample.take(gatehouse);
				hashCpuUntil = HashCpu.read(gatehouse);
			}
			double[] hashCpu = hashCpuFrom == null || hashCpuUntil == null ? new double[] { 0, 0 }
					: new double[] { hashCpuUntil[0] - hashCpuFrom[0], hashCpuUntil[1] - hashCpuFrom[1] };
			List<Long> latencies = new ArrayList<>();
			Map<String, Integer> errors = new TreeMap<>();
			int withDeviceToken = 0;
			int reconnects = 0;
			for (Future<WorkerResult> f : futures) {
				WorkerResult r = f.get();
				latencies.addAll(r.latenciesNanos());
				r.errors().forEach((kind, n) -> errors.merge(kind, n, Integer::sum));
				withDeviceToken += r.withDeviceToken();
				reconnects += r.reconnects();
			}
			long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			return new LoadResult(concurrency, seconds(measured), sorted, errors, withDeviceToken, reconnects,
					cpuUntil.minus(cpuFrom), hashCpu[0], (long) hashCpu[1]);
		}

		private static WorkerResult worker(Api api, List<Credentials> accounts, AtomicInteger nextAccount,
				Map<String, String> deviceTokens, long measureFrom, long measureUntil) {
			List<Long> latencies = new ArrayList<>();
			Map<String, Integer> errors = new TreeMap<>();
			int withDeviceToken = 0;
			int reconnects = 0;
			try (LeanHttp connection = api.connection()) {
				while (true) {
					Credentials account = accounts.get(Math.floorMod(nextAccount.getAndIncrement(), accounts.size()));
					String deviceToken = deviceTokens.get(account.identifier());
					int reconnectsBefore = connection.reconnects();
					long start = System.nanoTime();
					String error = signIn(api, connection, account, deviceToken, deviceTokens);
					long end = System.nanoTime();
					if (end >= measureUntil) {
						return new WorkerResult(latencies, errors, withDeviceToken, reconnects);
					}
					if (end < measureFrom) {
						continue;
					}
					reconnects += connection.reconnects() - reconnectsBefore;
					if (error == null) {
						latencies.add(end - start);
						withDeviceToken += deviceToken == null ? 0 : 1;
					}
					else {
						errors.merge(error, 1, Integer::sum);
					}
				}
			}
		}

		/** @return null on success, else a short description of what went wrong */
		private static String signIn(Api api, LeanHttp connection, Credentials account, String deviceToken,
				Map<String, String> deviceTokens) {
			try {
				LeanHttp.Response done;
				if (TWO_REQUESTS) {
					LeanHttp.Response flow = api.startSignIn(connection);
					String flowId = Api.flowId(flow.body());
					if (flow.status() != 201 || flowId == null) {
						return "POST /signin/flows " + flow.status();
					}
					done = api.submitPassword(connection, flowId, account, deviceToken);
				}
				else {
					done = api.startWithPassword(connection, account, deviceToken);
				}
				if (done.status() != (TWO_REQUESTS ? 200 : 201) || !Api.hasSessionToken(done.body())) {
					return "sign-in answered " + done.status();
				}
				if (deviceToken == null) {
					String issued = Api.deviceToken(done.body());
					if (issued != null) {
						deviceTokens.putIfAbsent(account.identifier(), issued);
					}
				}
				return null;
			}
			catch (IOException ex) {
				return ex.getClass().getSimpleName();
			}
		}

		private static void sleepUntil(long nanoTime) throws InterruptedException {
			long wait = nanoTime - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
		}
	}

	/**
	 * @param withDeviceToken measured sign-ins that presented the account's device token
	 * @param reconnects connections the server closed and the client reopened in the measured window
	 */
	record WorkerResult(List<Long> latenciesNanos, Map<String, Integer> errors, int withDeviceToken, int reconnects) {
	}

	/**
	 * CPU time used so far by the Gatehouse JVM, its PostgreSQL, this load generator and the whole
	 * machine. The machine figure exposes other work (a build, a test run) that would disturb the
	 * measurement on a shared box.
	 */
	record CpuSample(Duration gatehouse, Duration postgres, Duration bench, Duration machine,
			GatehouseProcess.JvmThreadsCpu jvmThreads) {

		/** Linux reports /proc/stat in USER_HZ ticks, which is 100 per second on every mainstream kernel. */
		private static final long MILLIS_PER_TICK = 10;

		static CpuSample take(GatehouseProcess gatehouse) {
			return new CpuSample(gatehouse.jvmCpu(), gatehouse.postgresCpu(),
					ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO), machineBusy(),
					gatehouse.jvmThreadsCpu());
		}

		CpuSample plus(CpuSample other) {
			return new CpuSample(this.gatehouse.plus(other.gatehouse), this.postgres.plus(other.postgres),
					this.bench.plus(other.bench), this.machine.plus(other.machine),
					new GatehouseProcess.JvmThreadsCpu(this.jvmThreads.jit().plus(other.jvmThreads.jit()),
							this.jvmThreads.vmAndGc().plus(other.jvmThreads.vmAndGc())));
		}

		CpuSample minus(CpuSample earlier) {
			return new CpuSample(this.gatehouse.minus(earlier.gatehouse), this.postgres.minus(earlier.postgres),
					this.bench.minus(earlier.bench), this.machine.minus(earlier.machine),
					this.jvmThreads.minus(earlier.jvmThreads));
		}

		Duration ours() {
			return this.gatehouse.plus(this.postgres).plus(this.bench);
		}

		/** Busy time of all cores: user, nice, system, irq and softirq; zero where /proc/stat is missing. */
		private static Duration machineBusy() {
			try {
				String[] f = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
				long ticks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
						+ Long.parseLong(f[7]);
				return Duration.ofMillis(ticks * MILLIS_PER_TICK);
			}
			catch (IOException | RuntimeException ex) {
				return Duration.ZERO;
			}
		}
	}

	/**
	 * @param hashCpuSeconds CPU time of the hashes Gatehouse computed in the window (its own metric)
	 * @param hashes how many hashes that was
	 */
	record LoadResult(int concurrency, double seconds, long[] sortedLatenciesNanos, Map<String, Integer> errors,
			int withDeviceToken, int reconnects, CpuSample cpu, double hashCpuSeconds, long hashes) {

		/** Several measured blocks as one: their sign-ins, time, errors and CPU added up. */
		static LoadResult combined(List<LoadResult> blocks) {
			long[] latencies = blocks.stream().flatMapToLong(b -> Arrays.stream(b.sortedLatenciesNanos())).sorted().toArray();
			Map<String, Integer> errors = new TreeMap<>();
			blocks.forEach(b -> b.errors().forEach((k, v) -> errors.merge(k, v, Integer::sum)));
			CpuSample cpu = blocks.stream().map(LoadResult::cpu).reduce(CpuSample::plus).orElseThrow();
			return new LoadResult(blocks.getFirst().concurrency(), blocks.stream().mapToDouble(LoadResult::seconds).sum(),
					latencies, errors, blocks.stream().mapToInt(LoadResult::withDeviceToken).sum(),
					blocks.stream().mapToInt(LoadResult::reconnects).sum(), cpu,
					blocks.stream().mapToDouble(LoadResult::hashCpuSeconds).sum(),
					blocks.stream().mapToLong(LoadResult::hashes).sum());
		}

		/** The mean CPU time of one hash inside Gatehouse in the window, by its own metric (NaN if unknown). */
		double hashCpuMs() {
			return this.hashes == 0 ? Double.NaN : this.hashCpuSeconds / this.hashes * 1000;
		}

		int signIns() {
			return this.sortedLatenciesNanos.length;
		}

		int errorCount() {
			return this.errors.values().stream().mapToInt(Integer::intValue).sum();
		}

		double perSecond() {
			return signIns() / this.seconds;
		}

		/** Nearest-rank percentile in milliseconds. */
		double percentileMs(double p) {
			if (signIns() == 0) {
				return Double.NaN;
			}
			int rank = (int) Math.ceil(p / 100.0 * signIns());
			return this.sortedLatenciesNanos[Math.max(0, rank - 1)] / 1e6;
		}

		double meanMs() {
			return Arrays.stream(this.sortedLatenciesNanos).average().orElse(Double.NaN) / 1e6;
		}

		/** CPU milliseconds spent per completed sign-in by a party. */
		double cpuMsPerSignIn(Duration cpu) {
			return signIns() == 0 ? Double.NaN : cpu.toNanos() / 1e6 / signIns();
		}
	}

	/**
	 * @param noAotCache the cold start as the jar is run today
	 * @param aotCache the cold start with the AOT cache, or null if the first start wrote none
	 */
	/**
	 * @param blockRatios each block's sign-ins/s ÷ the native rate measured right before and after it
	 * @param drift how far the native rate moved during the run, as a share of its mean
	 */
	record Results(double nativeHashesPerSecond, double firstStartSeconds, AotCache aot, ColdStart noAotCache,
			ColdStart aotCache, double heapMib, int accounts, LoadResult load, List<Double> blockRatios, double drift) {

		/** The start the target is judged on: with the AOT cache where there is one. */
		ColdStart judgedStart() {
			return this.aotCache != null ? this.aotCache : this.noAotCache;
		}

		boolean coldStartPass() {
			return judgedStart().seconds() < COLD_START_TARGET_SECONDS;
		}

		/** The mean of the blocks' ratios: each block against the ceiling of its own moment. */
		double ratio() {
			return this.blockRatios.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
		}

		/** CPU of one native hash ÷ server CPU (Gatehouse + PostgreSQL) per sign-in: the ratio without the client. */
		double argon2Share() {
			LoadResult l = this.load;
			return CORES * 1000 / this.nativeHashesPerSecond
					/ l.cpuMsPerSignIn(l.cpu().gatehouse().plus(l.cpu().postgres()));
		}

		/**
		 * The hash's share of all the CPU a sign-in costs (Gatehouse, PostgreSQL, load generator), with the hash
		 * read from Gatehouse's own metric: both sides come from the same window, so unlike the ratio it does not
		 * move with the machine's speed between the native measurements and the blocks. The ratio reaches it only
		 * if the hash runs inside as fast as isolated and no core idles. NaN without the metric.
		 */
		double hashCpuShare() {
			LoadResult l = this.load;
			return l.hashCpuMs() / l.cpuMsPerSignIn(l.cpu().gatehouse().plus(l.cpu().postgres()).plus(l.cpu().bench()));
		}

		/** Share of the machine's CPU that processes other than the three measured ones used. */
		double othersPercent() {
			CpuSample cpu = this.load.cpu();
			return 100 * Math.max(0, cpu.machine().minus(cpu.ours()).toNanos() / 1e6) / (CORES * this.load.seconds() * 1000);
		}

		String summary() {
			LoadResult l = this.load;
			StringBuilder s = new StringBuilder();
			s.append(String.format(Locale.ROOT, "native Argon2id (m=%d,t=%d,p=%d) on %d threads: %.1f hashes/s%n",
					ARGON2_MEMORY_KIB, ARGON2_ITERATIONS, ARGON2_PARALLELISM, CORES, this.nativeHashesPerSecond));
			s.append(String.format(Locale.ROOT,
					"password sign-ins via JSON API, " + SignInLoad.FORM + " (concurrency %d, %.0f s): %.1f/s  p50 %.1f ms  p99 %.1f ms  errors %d%n",
					l.concurrency(), l.seconds(), l.perSecond(), l.percentileMs(50), l.percentileMs(99), l.errorCount()));
			s.append(String.format(Locale.ROOT, "ratio sign-ins/s ÷ native hash rate: %.3f (target ≥ %.2f)  %s%n",
					ratio(), RATIO_TARGET, verdict(ratio() >= RATIO_TARGET)));
			if (this.aotCache != null) {
				s.append(String.format(Locale.ROOT,
						"cold start to ready (AOT cache): %.1f s (target < %.0f s) %s; the AOT cache is a local file"
								+ " written by the first start; see README%s%n",
						this.aotCache.seconds(), COLD_START_TARGET_SECONDS, verdict(coldStartPass()),
						this.aotCache.aotWarnings().isEmpty() ? ""
								: "  WARNING: the JVM reported problems with the cache: " + this.aotCache.aotWarnings()));
				s.append(String.format(Locale.ROOT, "cold start to ready (no AOT cache): %.1f s%n",
						this.noAotCache.seconds()));
			}
			else {
				s.append(String.format(Locale.ROOT,
						"cold start to ready (no AOT cache): %.1f s (target < %.0f s) %s; the first start wrote no AOT"
								+ " cache, so this start without one is the figure%n",
						this.noAotCache.seconds(), COLD_START_TARGET_SECONDS, verdict(coldStartPass())));
			}
			s.append(String.format(Locale.ROOT, "heap after start: %.0f MiB (target < %.0f MiB) %s%n", this.heapMib,
					HEAP_TARGET_MIB, verdict(this.heapMib < HEAP_TARGET_MIB)));
			s.append(String.format(Locale.ROOT,
					"%n  details: %d sign-ins measured, mean %.1f ms, max %.1f ms; %d of them presented a device token;"
							+ " %d reconnects%s%n",
					l.signIns(), l.meanMs(), l.percentileMs(100), l.withDeviceToken(), l.reconnects(),
					l.errors().isEmpty() ? "" : "; errors by kind " + l.errors()));
			s.append(String.format(Locale.ROOT,
					"  CPU per sign-in: Gatehouse JVM %.1f ms, PostgreSQL %.1f ms, load generator %.1f ms;"
							+ " one native hash ≈ %.1f ms, i.e. %.0f%% of the server's CPU per sign-in%n",
					l.cpuMsPerSignIn(l.cpu().gatehouse()), l.cpuMsPerSignIn(l.cpu().postgres()),
					l.cpuMsPerSignIn(l.cpu().bench()), CORES * 1000 / this.nativeHashesPerSecond, 100 * argon2Share()));
			double inServer = l.hashCpuMs();
			if (!Double.isNaN(inServer)) {
				s.append(String.format(Locale.ROOT,
						"  one hash inside Gatehouse (its own CPU-time metric): %.1f ms of CPU, against %.1f ms isolated;"
								+ " the rest of the server's CPU per sign-in: %.1f ms%n",
						inServer, CORES * 1000 / this.nativeHashesPerSecond,
						l.cpuMsPerSignIn(l.cpu().gatehouse()) - inServer));
				s.append(String.format(Locale.ROOT,
						"  the hash's share of all CPU per sign-in (Gatehouse, PostgreSQL, load generator; read in one window,"
								+ " so speed drift between windows does not enter it): %.3f; the ratio can reach it only if the"
								+ " hash runs inside as fast as isolated and no core idles%n",
						hashCpuShare()));
			}
			s.append(String.format(Locale.ROOT,
					"  of the Gatehouse JVM's CPU per sign-in: JIT compiler threads %.1f ms, VM and collector threads %.1f ms"
							+ " (a JIT still compiling means the warm-up was too short for steady state)%n",
					l.cpuMsPerSignIn(l.cpu().jvmThreads().jit()), l.cpuMsPerSignIn(l.cpu().jvmThreads().vmAndGc())));
			double machineMs = CORES * l.seconds() * 1000;
			s.append(String.format(Locale.ROOT,
					"  machine during the measured window: %.0f%% busy with the bench, %.0f%% with other processes%s%n",
					100 * (l.cpu().ours().toNanos() / 1e6) / machineMs, othersPercent(), othersPercent() > 10
							? "  WARNING: other work disturbed this run; repeat it on a quiet machine" : ""));
			s.append(String.format(Locale.ROOT, "  start: first start (initdb + migrations + AOT training) %.1f s; %s%n",
					this.firstStartSeconds, this.aot.describe()));
			s.append(String.format(Locale.ROOT, "  Spring's own log: no AOT cache context %.1f s, JVM %.1f s",
					this.noAotCache.spring().contextSeconds(), this.noAotCache.spring().processSeconds()));
			if (this.aotCache != null) {
				s.append(String.format(Locale.ROOT, "; AOT cache context %.1f s, JVM %.1f s",
						this.aotCache.spring().contextSeconds(), this.aotCache.spring().processSeconds()));
			}
			return s.append(System.lineSeparator()).toString();
		}

		String json() {
			LoadResult l = this.load;
			StringBuilder errors = new StringBuilder("{");
			l.errors().forEach((k, v) -> errors.append(errors.length() > 1 ? ", " : "")
				.append('"')
				.append(k.replace("\"", "'"))
				.append("\": ")
				.append(v));
			errors.append('}');
			ColdStart judged = judgedStart();
			return String.format(Locale.ROOT, """
					{
					  "cores": %d,
					  "java": "%s",
					  "argon2": {"memoryKib": %d, "iterations": %d, "parallelism": %d},
					  "nativeHashesPerSecond": %s,
					  "signIn": {"concurrency": %d, "seconds": %s, "count": %d, "perSecond": %s,
					    "p50Ms": %s, "p99Ms": %s, "meanMs": %s, "maxMs": %s, "errors": %d, "errorsByKind": %s,
					    "withDeviceToken": %d, "reconnects": %d,
					    "cpuMsPerSignIn": {"gatehouseJvm": %s, "postgres": %s, "loadGenerator": %s, "jit": %s, "vmAndGc": %s},
					    "argon2ShareOfServerCpu": %s, "hashShareOfAllCpu": %s, "otherProcessesCpuPercent": %s},
					  "ratio": %s, "ratioTarget": %s, "ratioPass": %b,
					  "coldStartSeconds": %s, "coldStartWithAotCache": %b, "coldStartTargetSeconds": %s, "coldStartPass": %b,
					  "coldStartNoAotCacheSeconds": %s, "coldStartAotCacheSeconds": %s,
					  "aotCacheMib": %s, "aotCacheStopAndWriteSeconds": %s, "aotCacheWarnings": %d,
					  "firstStartSeconds": %s, "springStartedInSeconds": %s, "springProcessRunningForSeconds": %s,
					  "heapAfterStartMib": %s, "heapTargetMib": %s, "heapPass": %b,
					  "accountsSeeded": %d
					}
					""", CORES, System.getProperty("java.version"), ARGON2_MEMORY_KIB, ARGON2_ITERATIONS,
					ARGON2_PARALLELISM, n(this.nativeHashesPerSecond), l.concurrency(), n(l.seconds()), l.signIns(),
					n(l.perSecond()), n(l.percentileMs(50)), n(l.percentileMs(99)), n(l.meanMs()), n(l.percentileMs(100)),
					l.errorCount(), errors, l.withDeviceToken(), l.reconnects(), n(l.cpuMsPerSignIn(l.cpu().gatehouse())),
					n(l.cpuMsPerSignIn(l.cpu().postgres())), n(l.cpuMsPerSignIn(l.cpu().bench())),
					n(l.cpuMsPerSignIn(l.cpu().jvmThreads().jit())), n(l.cpuMsPerSignIn(l.cpu().jvmThreads().vmAndGc())),
					n(argon2Share()), n(hashCpuShare()),
					n(othersPercent()), n(ratio()), n(RATIO_TARGET), ratio() >= RATIO_TARGET, n(judged.seconds()),
					this.aotCache != null, n(COLD_START_TARGET_SECONDS), coldStartPass(), n(this.noAotCache.seconds()),
					n(this.aotCache == null ? Double.NaN : this.aotCache.seconds()),
					n(this.aot.written() ? this.aot.mib() : Double.NaN), n(this.aot.stopSeconds()),
					this.aotCache == null ? 0 : this.aotCache.aotWarnings().size(), n(this.firstStartSeconds),
					n(judged.spring().contextSeconds()), n(judged.spring().processSeconds()), n(this.heapMib),
					n(HEAP_TARGET_MIB), this.heapMib < HEAP_TARGET_MIB, this.accounts);
		}

		/** A JSON number with three decimals, or null where there is no figure (JSON has no NaN). */
		private static String n(double value) {
			return Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null";
		}

		private static String verdict(boolean pass) {
			return pass ? "PASS" : "FAIL";
		}
	}
}
