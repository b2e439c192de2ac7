import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What does a second factor cost a sign-in? Password + authenticator-code (TOTP) sign-ins per second
 * against password-only sign-ins per second, on the same running Gatehouse in the same run (issue 3's
 * target: ratio at least 0.95). The two kinds run in alternating ABBA blocks and each rate is its total
 * over its blocks, because this machine's cores change speed over minutes.
 *
 * <p>A TOTP time step can be used once per account (the server keeps a high-water mark), so every
 * measured TOTP sign-in needs an account whose last used step is behind the current one; the bench
 * enrols enough accounts for the expected rate and reports when it ran short.
 *
 * <p>Started by {@code bench/run.sh second-factor}; see bench/README.md. Arguments:
 * {@code --jar <path> --results <dir>} and optionally {@code --accounts N --warmup-seconds S
 * --signin-seconds S}.
 */
public final class SecondFactorBench {

	static final double RATIO_TARGET = 0.95;

	/**
	 * {@code GATEHOUSE_BENCH_TWO_REQUESTS=1}: TOTP sign-ins as the web UI takes them, the password step and
	 * then the code in a second request, instead of both in one request as password-only sign-ins are.
	 */
	static final boolean TWO_REQUESTS = "1".equals(System.getenv("GATEHOUSE_BENCH_TWO_REQUESTS"));

	private SecondFactorBench() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(arg(args, "--jar", "target/gatehouse-0.1.0-SNAPSHOT.jar"));
		Path results = Path.of(arg(args, "--results", "bench/results"));
		int accounts = Integer.parseInt(arg(args, "--accounts", "3000"));
		Duration warmup = Duration.ofSeconds(Long.parseLong(arg(args, "--warmup-seconds", "20")));
		Duration measured = Duration.ofSeconds(Long.parseLong(arg(args, "--signin-seconds", "60")));
		Files.createDirectories(results);
		Path log = results.resolve("gatehouse-second-factor.log");
		Files.deleteIfExists(log);
		try (GatehouseProcess gatehouse = new GatehouseProcess(jar, log)) {
			Runtime.getRuntime().addShutdownHook(new Thread(gatehouse::close, "stop-gatehouse"));
			String summary = run(gatehouse, accounts, warmup, measured);
			System.out.println();
			System.out.println(summary);
			Files.writeString(results.resolve("second-factor-latest.txt"), summary + "\n");
		}
	}

	private static String run(GatehouseProcess gatehouse, int accountCount, Duration warmup, Duration measured)
			throws Exception {
		SignInBench.step("starting Gatehouse (%s)", String.join(" ", SignInBench.RECOMMENDED_OPTIONS));
		gatehouse.start(gatehouse.jar(), SignInBench.RECOMMENDED_OPTIONS);
		gatehouse.awaitReady(Duration.ofMinutes(3));
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		SignInBench.Api api = new SignInBench.Api(http, gatehouse.baseUrl());

		SignInBench.step("seeding %d accounts through the sign-up API", accountCount);
		List<SignInBench.Credentials> seeded = new ArrayList<>(SignInBench.Seeder.seed(api, accountCount, 16));
		Collections.sort(seeded, (a, b) -> a.identifier().compareTo(b.identifier()));
		int passwordOnly = Math.max(50, seeded.size() / 10);
		List<SignInBench.Credentials> passwordAccounts = seeded.subList(0, passwordOnly);
		List<SignInBench.Credentials> totpCandidates = seeded.subList(passwordOnly, seeded.size());

		SignInBench.step("enrolling an authenticator app on %d accounts (sign-in, step-up, set-up, confirm)",
				totpCandidates.size());
		List<TotpAccount> enrolled = new ArrayList<>(Enrolment.enrolAll(http, gatehouse.baseUrl(), totpCandidates, 8));
		enrolled.sort((a, b) -> Long.compare(a.lastStep, b.lastStep));
		LinkedBlockingQueue<TotpAccount> totpAccounts = new LinkedBlockingQueue<>(enrolled);

		int concurrency = 2 * SignInBench.CORES;
		SignInBench.step("warm-up: %d s of password-only and password + TOTP sign-ins", warmup.toSeconds());
		SignInBench.SignInLoad.run(api, gatehouse, passwordAccounts, concurrency, warmup.dividedBy(2), Duration.ofSeconds(1));
		TotpLoad.run(api, totpAccounts, concurrency, warmup.dividedBy(2), Duration.ofSeconds(1));

		// ABBA blocks (P T T P P T T P): this machine's cores drift in speed over minutes, and alternating
		// short blocks spreads that drift evenly over both kinds instead of favouring whichever ran first.
		String pattern = "PTTPPTTP";
		Duration block = measured.dividedBy(pattern.length() / 2);
		List<Long> passwordLatencies = new ArrayList<>();
		List<Long> totpLatencies = new ArrayList<>();
		Map<String, Integer> totpErrors = new TreeMap<>();
		double passwordSeconds = 0;
		double totpSeconds = 0;
		int shortOfAccounts = 0;
		List<String> blocks = new ArrayList<>();
		for (char kind : pattern.toCharArray()) {
			if (kind == 'P') {
				SignInBench.LoadResult r = SignInBench.SignInLoad.run(api, gatehouse, passwordAccounts, concurrency,
						Duration.ofSeconds(2), block);
				for (long l : r.sortedLatenciesNanos()) {
					passwordLatencies.add(l);
				}
				passwordSeconds += r.seconds();
				blocks.add(String.format(Locale.ROOT, "P %.1f", r.perSecond()));
			}
			else {
				TotpResult r = TotpLoad.run(api, totpAccounts, concurrency, Duration.ofSeconds(2), block);
				for (long l : r.sortedLatenciesNanos()) {
					totpLatencies.add(l);
				}
				r.errors().forEach((k, v) -> totpErrors.merge(k, v, Integer::sum));
				totpSeconds += r.seconds();
				shortOfAccounts += r.accountWaits();
				blocks.add(String.format(Locale.ROOT, "T %.1f", r.perSecond()));
			}
			SignInBench.step("  block %s sign-ins/s", blocks.getLast());
		}
		gatehouse.stop();

		double passwordRate = passwordLatencies.size() / passwordSeconds;
		double totpRate = totpLatencies.size() / totpSeconds;
		double ratio = totpRate / passwordRate;
		StringBuilder out = new StringBuilder();
		out.append("Second-factor benchmark (").append(TWO_REQUESTS ? "TOTP in a second request" : "password and TOTP code in one request")
			.append("; ").append(SignInBench.CORES).append(" cores, concurrency ")
			.append(concurrency).append(", ").append(pattern.length()).append(" alternating blocks of ")
			.append(block.toSeconds()).append(" s: ").append(String.join(", ", blocks)).append(")\n");
		out.append(String.format(Locale.ROOT, "  password-only sign-ins/s:      %7.1f  p50 %.1f ms  p99 %.1f ms%n",
				passwordRate, percentileMs(passwordLatencies, 50), percentileMs(passwordLatencies, 99)));
		out.append(String.format(Locale.ROOT, "  password + TOTP sign-ins/s:    %7.1f  p50 %.1f ms  p99 %.1f ms  errors %s%n",
				totpRate, percentileMs(totpLatencies, 50), percentileMs(totpLatencies, 99), totpErrors));
		out.append(String.format(Locale.ROOT, "  ratio TOTP / password-only:    %7.3f  target >= %.2f  %s%n", ratio,
				RATIO_TARGET, ratio >= RATIO_TARGET ? "PASS" : "FAIL"));
		if (shortOfAccounts > 0) {
			out.append("  WARNING: TOTP clients waited for an unused account " + shortOfAccounts
					+ " times; the TOTP rate is a lower bound (raise --accounts)\n");
		}
		return out.toString();
	}

	private static double percentileMs(List<Long> latencies, double p) {
		if (latencies.isEmpty()) {
			return Double.NaN;
		}
		long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
		return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
	}

	private static String arg(String[] args, String name, String fallback) {
		for (int i = 0; i + 1 < args.length; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}

	/** RFC 6238 with SHA-1, 6 digits, 30 s: what an authenticator app computes. */
	static String totp(byte[] secret, long step) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(secret, "HmacSHA1"));
			byte[] h = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(step).array());
			int offset = h[h.length - 1] & 0x0f;
			int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
					| (h[offset + 3] & 0xff);
			return String.format("%06d", binary % 1_000_000);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static long currentStep() {
		return System.currentTimeMillis() / 30_000;
	}

	static byte[] base32(String text) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : text.replace("=", "").toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}

	/** An account with an authenticator app, and the last step the bench used for it. */
	static final class TotpAccount {

		final SignInBench.Credentials credentials;

		final byte[] secret;

		volatile long lastStep;

		volatile String deviceToken;

		TotpAccount(SignInBench.Credentials credentials, byte[] secret, long lastStep, String deviceToken) {
			this.credentials = credentials;
			this.secret = secret;
			this.lastStep = lastStep;
			this.deviceToken = deviceToken;
		}
	}

	/** Sets up an authenticator app per account, through the API as a person's app would. */
	static final class Enrolment {

		private static final Pattern FIELD = Pattern.compile("\"(token|proof|secret|factorId|deviceToken)\"\\s*:\\s*\"([^\"]+)\"");

		static List<TotpAccount> enrolAll(HttpClient http, String base, List<SignInBench.Credentials> accounts,
				int concurrency) throws Exception {
			List<TotpAccount> enrolled = Collections.synchronizedList(new ArrayList<>());
			AtomicInteger next = new AtomicInteger();
			try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
				List<Future<?>> workers = new ArrayList<>();
				for (int w = 0; w < concurrency; w++) {
					workers.add(pool.submit(() -> {
						for (int n = next.getAndIncrement(); n < accounts.size(); n = next.getAndIncrement()) {
							enrolled.add(enrol(http, base, accounts.get(n)));
						}
						return null;
					}));
				}
				for (Future<?> w : workers) {
					w.get();
				}
			}
			return List.copyOf(enrolled);
		}

		private static TotpAccount enrol(HttpClient http, String base, SignInBench.Credentials account)
				throws IOException, InterruptedException {
			String credentials = "{\"identifier\":\"" + account.identifier() + "\",\"password\":\"" + account.password()
					+ "\"}";
			Map<String, String> signedIn = fields(post(http, base + "/api/v1/signin/flows", credentials, null, null, 201));
			Map<String, String> stepUp = fields(post(http, base + "/api/v1/me/step-up",
					"{\"action\":\"enrol_totp\",\"password\":\"" + account.password() + "\"}", signedIn.get("token"),
					null, 200));
			String session = stepUp.get("token");
			Map<String, String> started = fields(
					post(http, base + "/api/v1/me/factors/totp", "", session, stepUp.get("proof"), 201));
			byte[] secret = base32(started.get("secret"));
			long step = currentStep();
			post(http, base + "/api/v1/me/factors/totp/" + started.get("factorId") + "/confirm",
					"{\"code\":\"" + totp(secret, step) + "\"}", session, null, 200);
			return new TotpAccount(account, secret, step, signedIn.get("deviceToken"));
		}

		private static String post(HttpClient http, String url, String json, String token, String proof, int expected)
				throws IOException, InterruptedException {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json));
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			if (proof != null) {
				request.header("X-Step-Up-Proof", proof);
			}
			HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (r.statusCode() != expected) {
				throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
			}
			return r.body();
		}

		/** The first value of each interesting field (the session's token comes before any other token). */
		private static Map<String, String> fields(String body) {
			Map<String, String> out = new TreeMap<>();
			Matcher m = FIELD.matcher(body);
			while (m.find()) {
				out.putIfAbsent(m.group(1), m.group(2));
			}
			return out;
		}
	}

	record TotpResult(double seconds, long[] sortedLatenciesNanos, Map<String, Integer> errors, int accountWaits) {

		double perSecond() {
			return this.sortedLatenciesNanos.length / this.seconds;
		}

		double percentileMs(double p) {
			if (this.sortedLatenciesNanos.length == 0) {
				return Double.NaN;
			}
			int rank = (int) Math.ceil(p / 100.0 * this.sortedLatenciesNanos.length);
			return this.sortedLatenciesNanos[Math.max(0, rank - 1)] / 1e6;
		}
	}

	/**
	 * Closed-loop clients, each sign-in being what an app does: the flow started with the password (one
	 * request, answered "awaiting second factor"), then the authenticator code for the current step.
	 */
	static final class TotpLoad {

		private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

		/**
		 * @param ready the accounts in least-recently-used order; shared by all TOTP blocks of a run, so a
		 *        block continues where the previous one stopped instead of reusing its accounts
		 */
		static TotpResult run(SignInBench.Api api, LinkedBlockingQueue<TotpAccount> ready, int concurrency,
				Duration warmup, Duration measured) throws Exception {
			long measureFrom = System.nanoTime() + warmup.toNanos();
			long measureUntil = measureFrom + measured.toNanos();
			AtomicInteger waits = new AtomicInteger();
			List<Future<List<Object>>> futures = new ArrayList<>();
			try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
				for (int w = 0; w < concurrency; w++) {
					futures.add(pool.submit(() -> worker(api, ready, waits, measureFrom, measureUntil)));
				}
			}
			List<Long> latencies = new ArrayList<>();
			Map<String, Integer> errors = new ConcurrentHashMap<>();
			for (Future<List<Object>> f : futures) {
				List<Object> r = f.get();
				@SuppressWarnings("unchecked")
				List<Long> l = (List<Long>) r.get(0);
				@SuppressWarnings("unchecked")
				Map<String, Integer> e = (Map<String, Integer>) r.get(1);
				latencies.addAll(l);
				e.forEach((k, v) -> errors.merge(k, v, Integer::sum));
			}
			long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
			return new TotpResult(measured.toNanos() / 1e9, sorted, new TreeMap<>(errors), waits.get());
		}

		private static List<Object> worker(SignInBench.Api api, LinkedBlockingQueue<TotpAccount> ready,
				AtomicInteger waits, long measureFrom, long measureUntil) throws InterruptedException {
			List<Long> latencies = new ArrayList<>();
			Map<String, Integer> errors = new TreeMap<>();
			try (SignInBench.LeanHttp connection = api.connection()) {
				while (true) {
					TotpAccount account = ready.poll(1, TimeUnit.SECONDS);
					if (account == null) {
						if (System.nanoTime() >= measureUntil) {
							return List.of(latencies, errors);
						}
						continue;
					}
					long step = currentStep();
					if (account.lastStep >= step) {
						// Used in this step already: put it back and wait a moment (counted: the bench ran short).
						ready.put(account);
						if (System.nanoTime() >= measureFrom) {
							waits.incrementAndGet();
						}
						Thread.sleep(5);
						continue;
					}
					long start = System.nanoTime();
					String error = signIn(api, connection, account, step);
					long end = System.nanoTime();
					ready.put(account);
					if (end >= measureUntil) {
						return List.of(latencies, errors);
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
		}

		private static String signIn(SignInBench.Api api, SignInBench.LeanHttp connection, TotpAccount account,
				long step) {
			if (!TWO_REQUESTS) {
				try {
					SignInBench.LeanHttp.Response done = api.startWithPassword(connection, account.credentials,
							account.deviceToken, totp(account.secret, step));
					account.lastStep = step;
					if (done.status() != 201 || !SignInBench.Api.hasSessionToken(done.body())) {
						return "password + code answered " + done.status();
					}
					if (account.deviceToken == null) {
						account.deviceToken = SignInBench.Api.deviceToken(done.body());
					}
					return null;
				}
				catch (IOException ex) {
					return ex.getClass().getSimpleName();
				}
			}
			try {
				SignInBench.LeanHttp.Response first = api.startWithPassword(connection, account.credentials, null);
				Matcher id = ID.matcher(first.body());
				if (first.status() != 201 || !id.find() || !first.body().contains("awaiting_second_factor")) {
					return "password step answered " + first.status();
				}
				String json = "{\"code\":\"" + totp(account.secret, step) + "\""
						+ (account.deviceToken == null ? "" : ",\"deviceToken\":\"" + account.deviceToken + "\"") + "}";
				SignInBench.LeanHttp.Response done = connection.post(
						SignInBench.LeanHttp.requestLine("/api/v1/signin/flows/" + id.group(1) + "/totp"),
						json.getBytes(StandardCharsets.UTF_8));
				account.lastStep = step;
				if (done.status() != 200 || !SignInBench.Api.hasSessionToken(done.body())) {
					return "TOTP step answered " + done.status();
				}
				if (account.deviceToken == null) {
					account.deviceToken = SignInBench.Api.deviceToken(done.body());
				}
				return null;
			}
			catch (IOException ex) {
				return ex.getClass().getSimpleName();
			}
		}
	}
}
