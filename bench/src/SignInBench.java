import java.io.IOException;
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
 * flow and session rows, audit events, the new-device notice) is overhead measured against it. The
 * same run also measures cold start to ready and heap after start. See bench/README.md.
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
		// 1. The ceiling, measured first while nothing else runs.
		step("native Argon2id on %d threads: %d s warm-up, %d s measured", CORES, 2, options.hashSeconds());
		double nativeRate = NativeArgon2.hashesPerSecond(CORES, Duration.ofSeconds(2),
				Duration.ofSeconds(options.hashSeconds()));
		step("  %.1f hashes/s", nativeRate);

		// 2. First start creates the PostgreSQL cluster, runs migrations and generates keys: not measured.
		step("first start (initialises the embedded PostgreSQL data directory; not measured)");
		gatehouse.start();
		Duration firstStart = gatehouse.awaitReady(Duration.ofMinutes(3));
		step("  ready after %.1f s; stopping", seconds(firstStart));
		gatehouse.stop();

		// 3. Second start on the now warm local files is what a restart or redeploy costs.
		step("cold start on warm local files");
		gatehouse.start();
		Duration coldStart = gatehouse.awaitReady(Duration.ofMinutes(2));
		step("  ready after %.2f s", seconds(coldStart));
		double heapMib = Heap.usedAfterGcMib(gatehouse);
		step("  heap used after a full GC: %.1f MiB", heapMib);

		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		Api api = new Api(http, gatehouse.baseUrl());

		// 4. Accounts through the public sign-up API, as a person would create them.
		step("seeding %d accounts through POST /api/v1/registrations + the development mailbox",
				options.accounts());
		long seedStart = System.nanoTime();
		List<Credentials> accounts = Seeder.seed(api, options.accounts(), 16);
		step("  %d accounts in %.1f s", accounts.size(), (System.nanoTime() - seedStart) / 1e9);

		// 5. Password sign-ins at twice as many clients as cores, so the cores never wait for a request.
		int concurrency = 2 * CORES;
		step("password sign-ins, concurrency %d: %d s warm-up, %d s measured", concurrency, options.warmupSeconds(),
				options.signInSeconds());
		LoadResult load = SignInLoad.run(api, gatehouse, accounts, concurrency,
				Duration.ofSeconds(options.warmupSeconds()), Duration.ofSeconds(options.signInSeconds()));
		if (options.warmupSeconds() < 20) {
			// Measured here: C2 still compiles for 15-20 s of sign-ins after start, costing up to a third.
			step("  note: Gatehouse's JIT is still compiling during the first ~20 s of load;"
					+ " --warmup-seconds 20 measures the steady state");
		}

		step("stopping Gatehouse");
		gatehouse.stop();
		return new Results(nativeRate, seconds(coldStart), seconds(firstStart), StartLog.read(options.results()),
				heapMib, accounts.size(), load);
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

	record Options(Path jar, Path results, int accounts, int hashSeconds, int warmupSeconds, int signInSeconds) {

		static Options parse(String[] args) {
			Map<String, String> values = new LinkedHashMap<>(Map.of("--jar", "target/gatehouse-0.1.0-SNAPSHOT.jar",
					"--results", "bench/results", "--accounts", "200", "--hash-seconds", "10", "--warmup-seconds", "5",
					"--signin-seconds", "30"));
			for (int i = 0; i < args.length; i += 2) {
				if (!values.containsKey(args[i]) || i + 1 >= args.length) {
					throw new IllegalArgumentException("usage: " + values.keySet() + " each followed by a value");
				}
				values.put(args[i], args[i + 1]);
			}
			return new Options(Path.of(values.get("--jar")), Path.of(values.get("--results")),
					Integer.parseInt(values.get("--accounts")), Integer.parseInt(values.get("--hash-seconds")),
					Integer.parseInt(values.get("--warmup-seconds")), Integer.parseInt(values.get("--signin-seconds")));
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

		private static final Pattern G1_USED = Pattern.compile("used (\\d+)K");

		private Heap() {
		}

		/**
		 * Reads the JVM's own figure through jcmd rather than /actuator/prometheus, so the reading does
		 * not depend on which actuator endpoints the app exposes or how it secures them.
		 */
		static double usedAfterGcMib(GatehouseProcess gatehouse) throws IOException, InterruptedException {
			jcmd(gatehouse.pid(), "GC.run");
			String info = jcmd(gatehouse.pid(), "GC.heap_info");
			Matcher m = G1_USED.matcher(info);
			if (!m.find()) {
				throw new IllegalStateException("unexpected GC.heap_info output:\n" + info);
			}
			return Long.parseLong(m.group(1)) / 1024.0;
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

	/** Spring Boot's own "Started ... in X seconds (process running for Y)" of the last start, if logged. */
	record StartLog(double contextSeconds, double processSeconds) {

		private static final Pattern STARTED = Pattern
			.compile("Started GatehouseApplication in ([0-9.]+) seconds \\(process running for ([0-9.]+)\\)");

		static StartLog read(Path resultsDir) {
			try {
				Matcher m = STARTED.matcher(Files.readString(resultsDir.resolve("gatehouse.log")));
				StartLog last = new StartLog(Double.NaN, Double.NaN);
				while (m.find()) {
					last = new StartLog(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
				}
				return last;
			}
			catch (IOException ex) {
				return new StartLog(Double.NaN, Double.NaN);
			}
		}
	}

	record Credentials(String identifier, String password) {

		@Override
		public String toString() {
			return "Credentials[" + this.identifier + ", password=<redacted>]";
		}
	}

	/** The few JSON API calls the bench makes; bodies are built and read by hand to stay dependency-free. */
	static final class Api {

		private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

		private static final Pattern REGISTRATION_ID = Pattern.compile("\"registrationId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

		private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"(ghs_[A-Za-z0-9_-]+)\"");

		private final HttpClient http;

		private final String baseUrl;

		Api(HttpClient http, String baseUrl) {
			this.http = http;
			this.baseUrl = baseUrl;
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
			HttpResponse<String> r = this.http.send(request("/dev/mailbox").GET().build(),
					HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != 200) {
				throw new IllegalStateException("GET /dev/mailbox answered " + r.statusCode());
			}
			return r.body();
		}

		HttpResponse<String> startSignIn() throws IOException, InterruptedException {
			return this.http.send(request("/api/v1/signin/flows").POST(HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.ofString());
		}

		HttpResponse<String> submitPassword(String flowId, Credentials account) throws IOException, InterruptedException {
			return postJson("/api/v1/signin/flows/" + flowId + "/password",
					"{\"identifier\":\"" + account.identifier() + "\",\"password\":\"" + account.password() + "\"}");
		}

		static String flowId(HttpResponse<String> response) {
			Matcher m = ID.matcher(response.body());
			return m.find() ? m.group(1) : null;
		}

		static boolean hasSessionToken(HttpResponse<String> response) {
			return TOKEN.matcher(response.body()).find();
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
	 */
	static final class SignInLoad {

		private SignInLoad() {
		}

		static LoadResult run(Api api, GatehouseProcess gatehouse, List<Credentials> accounts, int concurrency,
				Duration warmup, Duration measured) throws Exception {
			long measureFrom = System.nanoTime() + warmup.toNanos();
			long measureUntil = measureFrom + measured.toNanos();
			AtomicInteger nextAccount = new AtomicInteger();
			List<Future<WorkerResult>> futures = new ArrayList<>();
			CpuSample cpuFrom;
			CpuSample cpuUntil;
			try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
				for (int w = 0; w < concurrency; w++) {
					futures.add(pool.submit(() -> worker(api, accounts, nextAccount, measureFrom, measureUntil)));
				}
				// CPU used by each party during the measured window tells where the time goes.
				sleepUntil(measureFrom);
				cpuFrom = CpuSample.take(gatehouse);
				sleepUntil(measureUntil);
				cpuUntil = CpuSample.take(gatehouse);
			}
			List<Long> latencies = new ArrayList<>();
			Map<String, Integer> errors = new TreeMap<>();
			for (Future<WorkerResult> f : futures) {
				WorkerResult r = f.get();
				latencies.addAll(r.latenciesNanos());
				r.errors().forEach((kind, n) -> errors.merge(kind, n, Integer::sum));
			}
			long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			return new LoadResult(concurrency, seconds(measured), sorted, errors, cpuUntil.minus(cpuFrom));
		}

		private static WorkerResult worker(Api api, List<Credentials> accounts, AtomicInteger nextAccount,
				long measureFrom, long measureUntil) {
			List<Long> latencies = new ArrayList<>();
			Map<String, Integer> errors = new TreeMap<>();
			while (true) {
				Credentials account = accounts.get(Math.floorMod(nextAccount.getAndIncrement(), accounts.size()));
				long start = System.nanoTime();
				String error = signIn(api, account);
				long end = System.nanoTime();
				if (end >= measureUntil) {
					return new WorkerResult(latencies, errors);
				}
				if (end < measureFrom) {
					continue;
				}
				if (error == null) {
					latencies.add(end - start);
				}
				else {
					errors.merge(error, 1, Integer::sum);
				}
			}
		}

		/** @return null on success, else a short description of what went wrong */
		private static String signIn(Api api, Credentials account) {
			try {
				HttpResponse<String> flow = api.startSignIn();
				String flowId = Api.flowId(flow);
				if (flow.statusCode() != 201 || flowId == null) {
					return "POST /signin/flows " + flow.statusCode();
				}
				HttpResponse<String> done = api.submitPassword(flowId, account);
				if (done.statusCode() != 200 || !Api.hasSessionToken(done)) {
					return "POST /signin/flows/{id}/password " + done.statusCode();
				}
				return null;
			}
			catch (IOException ex) {
				return ex.getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return "interrupted";
			}
		}

		private static void sleepUntil(long nanoTime) throws InterruptedException {
			long wait = nanoTime - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
		}
	}

	record WorkerResult(List<Long> latenciesNanos, Map<String, Integer> errors) {
	}

	/**
	 * CPU time used so far by the Gatehouse JVM, its PostgreSQL, this load generator and the whole
	 * machine. The machine figure exposes other work (a build, a test run) that would disturb the
	 * measurement on a shared box.
	 */
	record CpuSample(Duration gatehouse, Duration postgres, Duration bench, Duration machine) {

		/** Linux reports /proc/stat in USER_HZ ticks, which is 100 per second on every mainstream kernel. */
		private static final long MILLIS_PER_TICK = 10;

		static CpuSample take(GatehouseProcess gatehouse) {
			return new CpuSample(gatehouse.jvmCpu(), gatehouse.postgresCpu(),
					ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO), machineBusy());
		}

		CpuSample minus(CpuSample earlier) {
			return new CpuSample(this.gatehouse.minus(earlier.gatehouse), this.postgres.minus(earlier.postgres),
					this.bench.minus(earlier.bench), this.machine.minus(earlier.machine));
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

	record LoadResult(int concurrency, double seconds, long[] sortedLatenciesNanos, Map<String, Integer> errors,
			CpuSample cpu) {

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

	record Results(double nativeHashesPerSecond, double coldStartSeconds, double firstStartSeconds, StartLog startLog,
			double heapMib, int accounts, LoadResult load) {

		double ratio() {
			return this.load.perSecond() / this.nativeHashesPerSecond;
		}

		/** CPU of one native hash ÷ server CPU (Gatehouse + PostgreSQL) per sign-in: the ratio without the client. */
		double argon2Share() {
			LoadResult l = this.load;
			return CORES * 1000 / this.nativeHashesPerSecond
					/ l.cpuMsPerSignIn(l.cpu().gatehouse().plus(l.cpu().postgres()));
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
					"password sign-ins via JSON API (concurrency %d, %.0f s): %.1f/s  p50 %.1f ms  p99 %.1f ms  errors %d%n",
					l.concurrency(), l.seconds(), l.perSecond(), l.percentileMs(50), l.percentileMs(99), l.errorCount()));
			s.append(String.format(Locale.ROOT, "ratio sign-ins/s ÷ native hash rate: %.2f (target ≥ %.2f)  %s%n",
					ratio(), RATIO_TARGET, verdict(ratio() >= RATIO_TARGET)));
			s.append(String.format(Locale.ROOT, "cold start to ready: %.1f s (target < %.0f s) %s%n",
					this.coldStartSeconds, COLD_START_TARGET_SECONDS,
					verdict(this.coldStartSeconds < COLD_START_TARGET_SECONDS)));
			s.append(String.format(Locale.ROOT, "heap after start: %.0f MiB (target < %.0f MiB) %s%n", this.heapMib,
					HEAP_TARGET_MIB, verdict(this.heapMib < HEAP_TARGET_MIB)));
			s.append(String.format(Locale.ROOT, "%n  details: %d sign-ins measured, mean %.1f ms, max %.1f ms%s%n",
					l.signIns(), l.meanMs(), l.percentileMs(100),
					l.errors().isEmpty() ? "" : ", errors by kind " + l.errors()));
			s.append(String.format(Locale.ROOT,
					"  CPU per sign-in: Gatehouse JVM %.1f ms, PostgreSQL %.1f ms, load generator %.1f ms;"
							+ " one native hash ≈ %.1f ms, i.e. %.0f%% of the server's CPU per sign-in%n",
					l.cpuMsPerSignIn(l.cpu().gatehouse()), l.cpuMsPerSignIn(l.cpu().postgres()),
					l.cpuMsPerSignIn(l.cpu().bench()), CORES * 1000 / this.nativeHashesPerSecond, 100 * argon2Share()));
			double machineMs = CORES * l.seconds() * 1000;
			s.append(String.format(Locale.ROOT,
					"  machine during the measured window: %.0f%% busy with the bench, %.0f%% with other processes%s%n",
					100 * (l.cpu().ours().toNanos() / 1e6) / machineMs, othersPercent(), othersPercent() > 10
							? "  WARNING: other work disturbed this run; repeat it on a quiet machine" : ""));
			s.append(String.format(Locale.ROOT,
					"  start: first start (initdb + migrations) %.1f s; Spring's own log for the measured start:"
							+ " context %.1f s, JVM %.1f s%n",
					this.firstStartSeconds, this.startLog.contextSeconds(), this.startLog.processSeconds()));
			return s.toString();
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
			return String.format(Locale.ROOT, """
					{
					  "cores": %d,
					  "java": "%s",
					  "argon2": {"memoryKib": %d, "iterations": %d, "parallelism": %d},
					  "nativeHashesPerSecond": %s,
					  "signIn": {"concurrency": %d, "seconds": %s, "count": %d, "perSecond": %s,
					    "p50Ms": %s, "p99Ms": %s, "meanMs": %s, "maxMs": %s, "errors": %d, "errorsByKind": %s,
					    "cpuMsPerSignIn": {"gatehouseJvm": %s, "postgres": %s, "loadGenerator": %s},
					    "argon2ShareOfServerCpu": %s, "otherProcessesCpuPercent": %s},
					  "ratio": %s, "ratioTarget": %s, "ratioPass": %b,
					  "coldStartSeconds": %s, "coldStartTargetSeconds": %s, "coldStartPass": %b,
					  "firstStartSeconds": %s, "springStartedInSeconds": %s, "springProcessRunningForSeconds": %s,
					  "heapAfterStartMib": %s, "heapTargetMib": %s, "heapPass": %b,
					  "accountsSeeded": %d
					}
					""", CORES, System.getProperty("java.version"), ARGON2_MEMORY_KIB, ARGON2_ITERATIONS,
					ARGON2_PARALLELISM, n(this.nativeHashesPerSecond), l.concurrency(), n(l.seconds()), l.signIns(),
					n(l.perSecond()), n(l.percentileMs(50)), n(l.percentileMs(99)), n(l.meanMs()), n(l.percentileMs(100)),
					l.errorCount(), errors, n(l.cpuMsPerSignIn(l.cpu().gatehouse())),
					n(l.cpuMsPerSignIn(l.cpu().postgres())), n(l.cpuMsPerSignIn(l.cpu().bench())), n(argon2Share()),
					n(othersPercent()), n(ratio()),
					n(RATIO_TARGET), ratio() >= RATIO_TARGET, n(this.coldStartSeconds), n(COLD_START_TARGET_SECONDS),
					this.coldStartSeconds < COLD_START_TARGET_SECONDS, n(this.firstStartSeconds),
					n(this.startLog.contextSeconds()), n(this.startLog.processSeconds()), n(this.heapMib),
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
