import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "attack" scenario (issue 4): legitimate users sign in while a credential-stuffing run hits the
 * same Gatehouse from many source addresses (127.x.y.z, passed through the trusted-proxy header,
 * consecutive attempts from different /24s so no address or subnet stands out). First the legitimate users alone
 * (the baseline), then the same users during the attack. Legitimate clients solve the ALTCHA
 * proof-of-work when asked, as the browser widget does; half of them carry the device token of an
 * earlier sign-in, half come as unknown devices. The stuffing list holds real identifiers with wrong
 * passwords and unknown identifiers, one try each; the bots do not solve proofs-of-work.
 */
public final class AttackBench {

	static final double SUCCESS_TARGET = 0.99;

	static final double P99_FACTOR_TARGET = 3.0;

	private static final Pattern DEVICE_TOKEN = Pattern.compile("\"deviceToken\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z_]+)\"");

	private AttackBench() {
	}

	public static void main(String[] args) throws Exception {
		Path jar = Path.of(arg(args, "--jar", "target/gatehouse-0.1.0-SNAPSHOT.jar"));
		Path results = Path.of(arg(args, "--results", "bench/results"));
		int accounts = Integer.parseInt(arg(args, "--accounts", "200"));
		Duration phase = Duration.ofSeconds(Long.parseLong(arg(args, "--phase-seconds", "40")));
		int attackers = Integer.parseInt(arg(args, "--attackers", "6"));
		Duration ramp = Duration.ofSeconds(Long.parseLong(arg(args, "--ramp-seconds", "20")));
		int attackRate = Integer.parseInt(arg(args, "--attack-rate", "300"));
		Files.createDirectories(results);
		Path log = results.resolve("gatehouse-attack.log");
		Files.deleteIfExists(log);
		try (GatehouseProcess gatehouse = new GatehouseProcess(jar, log)) {
			Runtime.getRuntime().addShutdownHook(new Thread(gatehouse::close, "stop-gatehouse"));
			String summary = run(gatehouse, accounts, phase, attackers, ramp, attackRate);
			System.out.println();
			System.out.println(summary);
			Files.writeString(results.resolve("attack-latest.txt"), summary + "\n");
		}
	}

	private static String run(GatehouseProcess gatehouse, int accountCount, Duration phase, int attackerThreads,
			Duration ramp, int attackRate) throws Exception {
		List<String> options = new ArrayList<>(SignInBench.RECOMMENDED_OPTIONS);
		// The bench speaks through loopback "proxies" (GatehouseProcess lifts the sign-up budget for seeding).
		options.addAll(List.of("-Dgatehouse.http.trusted-proxies=127.0.0.0/8",
				"-Dgatehouse.abuse.stuffing.interval=PT2S"));
		SignInBench.step("starting Gatehouse (%s)", String.join(" ", options));
		gatehouse.start(gatehouse.jar(), options);
		gatehouse.awaitReady(Duration.ofMinutes(3));
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		SignInBench.Api api = new SignInBench.Api(http, gatehouse.baseUrl());
		String base = gatehouse.baseUrl();

		SignInBench.step("seeding %d accounts through the sign-up API", accountCount);
		List<SignInBench.Credentials> seeded = new ArrayList<>(SignInBench.Seeder.seed(api, accountCount, 16));
		List<User> users = new ArrayList<>();
		for (int i = 0; i < seeded.size(); i++) {
			String ip = "127.0." + (1 + i / 250) + "." + (1 + i % 250);
			User user = new User(seeded.get(i), ip);
			if (i % 2 == 0) {
				// Half the users have signed in from this browser before: it carries a device token.
				Attempt first = signIn(http, base, user, null);
				Matcher m = DEVICE_TOKEN.matcher(first.body);
				if (first.status == 201 && m.find()) {
					user.deviceToken = m.group(1);
				}
			}
			users.add(user);
		}
		int legitThreads = 2;
		SignInBench.step("baseline: %d legitimate clients for %d s, no attack", legitThreads, phase.toSeconds());
		Stats baseline = legitimate(http, base, users, legitThreads, phase);

		SignInBench.step("attack: %d stuffing bots sending %d attempts/s from rotating 127.x.y.z addresses, "
				+ "legitimate clients as before", attackerThreads, attackRate);
		int port = URI.create(base).getPort();
		byte[] flows = SignInBench.LeanHttp.requestLine("/api/v1/signin/flows");
		long botInterval = 1_000_000_000L * attackerThreads / Math.max(1, attackRate);
		AtomicBoolean stop = new AtomicBoolean();
		Map<String, AtomicInteger> botOutcomes = new ConcurrentHashMap<>();
		AtomicInteger botSuccesses = new AtomicInteger();
		List<Thread> bots = new ArrayList<>();
		AtomicInteger botSequence = new AtomicInteger();
		long attackStart = System.nanoTime();
		java.util.concurrent.atomic.AtomicLong firstCaptchaNanos = new java.util.concurrent.atomic.AtomicLong(-1);
		for (int t = 0; t < attackerThreads; t++) {
			bots.add(Thread.ofPlatform().name("bot-" + t).start(() -> {
				// Attackers send at their own pace, not at ours: each bot keeps a fixed schedule (and never bursts
				// to catch up), through a lean client so that the bots' own HTTP stack takes little of the cores
				// Gatehouse shares with them here.
				long next = System.nanoTime();
				try (SignInBench.LeanHttp lean = new SignInBench.LeanHttp(port)) {
				while (!stop.get()) {
					long wait = next - System.nanoTime();
					if (wait > 0) {
						java.util.concurrent.locks.LockSupport.parkNanos(wait);
					}
					next = Math.max(next + botInterval, System.nanoTime() - botInterval);
					int n = botSequence.incrementAndGet();
					// Consecutive attempts come from different /24s: no single address or subnet stands out.
					String ip = "127." + (100 + n / 62500 % 150) + "." + (n % 250) + "." + (1 + n / 250 % 250);
					String identifier = n % 4 == 0 ? users.get(n % users.size()).credentials.identifier()
							: "stuffed" + n + "@example.net";
					try {
						// The trusted proxy's header follows the request line; the client's fixed headers follow it.
						byte[] line = concat(flows, ("X-Forwarded-For: " + ip + "\r\n").getBytes(StandardCharsets.US_ASCII));
						SignInBench.LeanHttp.Response a = lean.post(line, ("{\"identifier\":\"" + identifier
								+ "\",\"password\":\"Leaked#" + n + "\"}").getBytes(StandardCharsets.UTF_8));
						if (a.status() == 201) {
							botSuccesses.incrementAndGet();
						}
						if (a.status() == 428) {
							firstCaptchaNanos.compareAndSet(-1, System.nanoTime() - attackStart);
						}
						botOutcomes.computeIfAbsent(a.status() + " " + code(a.body()), k -> new AtomicInteger())
							.incrementAndGet();
					}
					catch (Exception ex) {
						botOutcomes.computeIfAbsent("error", k -> new AtomicInteger()).incrementAndGet();
					}
				}
				}
				catch (Exception ex) {
					botOutcomes.computeIfAbsent("error " + ex.getClass().getSimpleName(), k -> new AtomicInteger())
						.incrementAndGet();
				}
			}));
		}
		// The attack runs on its own first: the detector needs its window of evidence before it trips.
		SignInBench.step("  the attack runs %d s before the legitimate clients are measured", ramp.toSeconds());
		Thread.sleep(ramp.toMillis());
		Stats attacked = legitimate(http, base, users, legitThreads, phase);
		stop.set(true);
		for (Thread bot : bots) {
			bot.join();
		}
		String wave = scrape(http, gatehouse.managementUrl(), "gatehouse_abuse_stuffing_trips_total");
		gatehouse.stop();

		double p99Ratio = attacked.p99Ms() / baseline.p99Ms();
		int botAttempts = botOutcomes.values().stream().mapToInt(AtomicInteger::get).sum();
		StringBuilder out = new StringBuilder();
		out.append("Attack benchmark (").append(SignInBench.CORES).append(" cores, ").append(users.size())
			.append(" legitimate users on ").append(legitThreads).append(" clients, half with a device token; ")
			.append(attackerThreads).append(" stuffing bots at ").append(attackRate).append(" attempts/s; phases of ")
			.append(phase.toSeconds()).append(" s)\n");
		out.append(String.format(Locale.ROOT, "  baseline  legitimate: %5d sign-ins  success %6.2f %%  p50 %6.1f ms  p99 %6.1f ms  PoW solved %d%n",
				baseline.attempts(), 100 * baseline.successRate(), baseline.p50Ms(), baseline.p99Ms(), baseline.solved()));
		out.append(String.format(Locale.ROOT, "  attack    legitimate: %5d sign-ins  success %6.2f %%  p50 %6.1f ms  p99 %6.1f ms  PoW solved %d  failures %s%n",
				attacked.attempts(), 100 * attacked.successRate(), attacked.p50Ms(), attacked.p99Ms(), attacked.solved(),
				attacked.failures()));
		out.append(String.format(Locale.ROOT, "  attack    bots:       %5d attempts  successes %d  outcomes %s%n", botAttempts,
				botSuccesses.get(), new TreeMap<>(botOutcomes)));
		out.append(String.format(Locale.ROOT, "  stuffing alarms raised %s; bots first asked for a CAPTCHA %s after the attack began "
				+ "(legitimate clients measured from %d s on)%n", wave,
				firstCaptchaNanos.get() < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", firstCaptchaNanos.get() / 1e9),
				ramp.toSeconds()));
		out.append(String.format(Locale.ROOT, "  legitimate success under attack: %6.2f %%  target >= %.0f %%  %s%n",
				100 * attacked.successRate(), 100 * SUCCESS_TARGET, attacked.successRate() >= SUCCESS_TARGET ? "PASS" : "FAIL"));
		out.append(String.format(Locale.ROOT, "  attacker success:                %6d    target 0      %s%n", botSuccesses.get(),
				botSuccesses.get() == 0 ? "PASS" : "FAIL"));
		out.append(String.format(Locale.ROOT, "  legitimate p99 attack / baseline: %5.2f x  target < %.1f x  %s%n", p99Ratio,
				P99_FACTOR_TARGET, p99Ratio < P99_FACTOR_TARGET ? "PASS" : "FAIL"));
		return out.toString();
	}

	/** Legitimate clients sign in again and again, each as a user drawn at random, solving PoW when asked. */
	private static Stats legitimate(HttpClient http, String base, List<User> users, int threads, Duration length)
			throws InterruptedException {
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
		AtomicInteger attempts = new AtomicInteger();
		AtomicInteger successes = new AtomicInteger();
		AtomicInteger solved = new AtomicInteger();
		long end = System.nanoTime() + length.toNanos();
		List<Thread> clients = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			clients.add(Thread.ofPlatform().name("legit-" + t).start(() -> {
				while (System.nanoTime() < end) {
					User user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
					long start = System.nanoTime();
					try {
						Attempt a = signIn(http, base, user, null);
						if (a.status == 428) {
							solved.incrementAndGet();
							a = signIn(http, base, user, solve(http, base));
						}
						latencies.add(System.nanoTime() - start);
						attempts.incrementAndGet();
						if (a.status == 201) {
							successes.incrementAndGet();
						}
						else {
							failures.computeIfAbsent(a.status + " " + code(a.body), k -> new AtomicInteger()).incrementAndGet();
						}
					}
					catch (Exception ex) {
						attempts.incrementAndGet();
						failures.computeIfAbsent("error " + ex.getClass().getSimpleName(), k -> new AtomicInteger())
							.incrementAndGet();
					}
				}
			}));
		}
		for (Thread c : clients) {
			c.join();
		}
		List<Long> sorted = latencies.stream().sorted().toList();
		return new Stats(attempts.get(), successes.get(), solved.get(), percentile(sorted, 50), percentile(sorted, 99),
				new TreeMap<>(failures));
	}

	private static Attempt signIn(HttpClient http, String base, User user, String captcha) throws Exception {
		StringBuilder json = new StringBuilder("{\"identifier\":\"").append(user.credentials.identifier())
			.append("\",\"password\":\"").append(user.credentials.password()).append('"');
		if (user.deviceToken != null) {
			json.append(",\"deviceToken\":\"").append(user.deviceToken).append('"');
		}
		if (captcha != null) {
			json.append(",\"captcha\":\"").append(captcha).append('"');
		}
		return post(http, base, json.append('}').toString(), user.ip);
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, out, a.length, b.length);
		return out;
	}

	private static Attempt post(HttpClient http, String base, String json, String ip) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/signin/flows"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", ip)
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
		return new Attempt(r.statusCode(), r.body());
	}

	/** Fetches an ALTCHA challenge and solves it, as the widget does in a browser. */
	private static String solve(HttpClient http, String base) throws Exception {
		String body = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/captcha/challenge?action=sign_in")).GET()
			.build(), HttpResponse.BodyHandlers.ofString()).body();
		String algorithm = field(body, "algorithm");
		String challenge = field(body, "challenge");
		String salt = field(body, "salt");
		String signature = field(body, "signature");
		long max = Long.parseLong(body.replaceAll("(?s).*\"maxnumber\"\\s*:\\s*(\\d+).*", "$1"));
		long number = proofOfWork(algorithm, challenge, salt, max);
		String payload = "{\"algorithm\":\"" + algorithm + "\",\"challenge\":\"" + challenge + "\",\"number\":"
				+ number + ",\"salt\":\"" + salt + "\",\"signature\":\"" + signature + "\"}";
		return Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * ALTCHA's proof of work, as the widget's worker does it in a browser: hash(salt + n) for n = 0, 1, …
	 * until it equals the challenge. The solving stands in for the users' own devices, yet here it runs on
	 * the two cores Gatehouse runs on, so it is kept lean: one digest, the number written into a reused
	 * buffer, bytes compared. The library's solver builds a hex string and looks the digest up again for
	 * every try, and took ~0.4 of a core during the attack phase (async-profiler, session 10).
	 */
	static long proofOfWork(String algorithm, String challengeHex, String salt, long max) throws Exception {
		MessageDigest digest = MessageDigest.getInstance(algorithm);
		byte[] target = HexFormat.of().parseHex(challengeHex);
		byte[] prefix = salt.getBytes(StandardCharsets.UTF_8);
		byte[] input = Arrays.copyOf(prefix, prefix.length + 20);
		byte[] hash = new byte[digest.getDigestLength()];
		byte[] digits = new byte[20];
		for (long n = 0; n <= max; n++) {
			int count = 0;
			long rest = n;
			do {
				digits[count++] = (byte) ('0' + rest % 10);
				rest /= 10;
			}
			while (rest > 0);
			for (int i = 0; i < count; i++) {
				input[prefix.length + i] = digits[count - 1 - i];
			}
			digest.update(input, 0, prefix.length + count);
			digest.digest(hash, 0, hash.length);
			if (Arrays.equals(hash, target)) {
				return n;
			}
		}
		throw new IllegalStateException("no proof of work up to " + max);
	}

	private static String field(String json, String name) {
		Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		if (!m.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return m.group(1);
	}

	private static String code(String body) {
		Matcher m = CODE.matcher(body);
		return m.find() ? m.group(1) : "";
	}

	private static String scrape(HttpClient http, String management, String metric) {
		try {
			String body = http.send(HttpRequest.newBuilder(URI.create(management + "/actuator/prometheus")).GET().build(),
					HttpResponse.BodyHandlers.ofString()).body();
			for (String line : body.split("\n")) {
				if (line.startsWith(metric)) {
					return line.substring(line.lastIndexOf(' ') + 1);
				}
			}
			return "?";
		}
		catch (Exception ex) {
			return "?";
		}
	}

	private static double percentile(List<Long> sorted, double p) {
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(p / 100 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
	}

	private static String arg(String[] args, String name, String fallback) {
		for (int i = 0; i + 1 < args.length; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return fallback;
	}

	private static final class User {

		final SignInBench.Credentials credentials;

		final String ip;

		volatile String deviceToken;

		User(SignInBench.Credentials credentials, String ip) {
			this.credentials = credentials;
			this.ip = ip;
		}
	}

	private record Attempt(int status, String body) {
	}

	private record Stats(int attempts, int successes, int solved, double p50Ms, double p99Ms,
			Map<String, Integer> failures) {

		double successRate() {
			return this.attempts == 0 ? 0 : (double) this.successes / this.attempts;
		}

		Stats(int attempts, int successes, int solved, double p50Ms, double p99Ms, TreeMap<String, AtomicInteger> raw) {
			this(attempts, successes, solved, p50Ms, p99Ms, toCounts(raw));
		}

		private static Map<String, Integer> toCounts(Map<String, AtomicInteger> raw) {
			Map<String, Integer> out = new TreeMap<>();
			raw.forEach((k, v) -> out.put(k, v.get()));
			return out;
		}
	}
}
