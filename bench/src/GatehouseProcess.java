import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Gatehouse as a child process, run exactly as an operator runs the jar: {@code java -jar}, its own
 * ports, and a throw-away data directory (embedded PostgreSQL data and development keys, and here also
 * the extracted jar and the AOT cache). It can be started and stopped several times over the same data
 * directory. Closing it stops the process, makes sure no orphaned PostgreSQL survives it, and deletes
 * the data directory, so an aborted benchmark leaves nothing behind.
 */
final class GatehouseProcess implements AutoCloseable {

	private static final Duration POLL = Duration.ofMillis(25);

	private final Path jar;

	private final Path dataDir;

	private final Path log;

	private final int port;

	private final int managementPort;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private Process process;

	private long launchedAtNanos;

	/** Where this start's output begins in the shared log, so each start's lines can be told apart. */
	private long logOffset;

	private boolean closed;

	/** Settings a bench adds to every start, as {@code --name=value} arguments. */
	private final List<String> appArgs = new ArrayList<>();

	GatehouseProcess(Path jar, Path log) throws IOException {
		this.jar = jar;
		this.log = log;
		this.dataDir = Files.createTempDirectory("gatehouse-bench-");
		this.port = freePort();
		this.managementPort = freePort();
	}

	/** Adds {@code --name=value} settings to every later start. */
	GatehouseProcess with(String... settings) {
		this.appArgs.addAll(List.of(settings));
		return this;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	String managementUrl() {
		return "http://127.0.0.1:" + this.managementPort;
	}

	long pid() {
		return this.process.pid();
	}

	/** The jar as built: what an operator runs with {@code java -jar}. */
	Path jar() {
		return this.jar;
	}

	/** The throw-away directory Gatehouse keeps its data in; deleted by {@link #close}. */
	Path dataDir() {
		return this.dataDir;
	}

	/**
	 * Unpacks the jar with Spring Boot's {@code -Djarmode=tools extract} into the data directory. The JVM
	 * caches ahead of time only classes that its built-in class loaders read from plain jars on the class
	 * path; classes in the jars nested inside the executable jar are loaded by Spring Boot's own loader
	 * and never enter an AOT cache. Spring Boot documents this extracted form for AOT caches and CDS.
	 *
	 * @return the extracted application jar, runnable with {@code java -jar} (its manifest names lib/)
	 */
	Path extract() throws IOException, InterruptedException {
		Path destination = this.dataDir.resolve("app");
		appendToLog("[bench] extracting " + this.jar + " to " + destination);
		Process p = new ProcessBuilder(javaExecutable(), "-Djarmode=tools", "-jar", this.jar.toString(), "extract",
				"--destination", destination.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		try {
			if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
				throw new IOException("extracting the jar failed; see " + this.log);
			}
		}
		finally {
			p.destroyForcibly();
		}
		Path extracted = destination.resolve(this.jar.getFileName());
		if (!Files.isRegularFile(extracted)) {
			throw new IOException("extracting the jar produced no " + extracted);
		}
		return extracted;
	}

	/**
	 * Launches {@code jar} with extra JVM options for this start only (e.g. the AOT cache flags), after
	 * those of GATEHOUSE_BENCH_JAVA_OPTS; {@link #awaitReady} measures from this instant.
	 */
	synchronized void start(Path jar, List<String> jvmOptions) throws IOException {
		if (this.process != null && this.process.isAlive()) {
			throw new IllegalStateException("Gatehouse is already running");
		}
		if (this.closed) {
			throw new IllegalStateException("Gatehouse has been closed");
		}
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED"));
		// Extra JVM options for the server, e.g. a Flight Recorder profile: GATEHOUSE_BENCH_JAVA_OPTS="-XX:StartFlightRecording=…"
		String extra = System.getenv("GATEHOUSE_BENCH_JAVA_OPTS");
		if (extra != null && !extra.isBlank()) {
			command.addAll(List.of(extra.trim().split("\\s+")));
		}
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + this.port,
				"--management.server.port=" + this.managementPort, "--gatehouse.data-dir=" + this.dataDir,
				// Every bench seeds its accounts from one loopback address: lift the network's sign-up budget.
				"--gatehouse.abuse.limits.sign-up.per-ip=1000000", "--gatehouse.abuse.limits.sign-up.per-subnet=1000000",
				"--gatehouse.abuse.limits.sign-up.window=PT1H"));
		// No KuCoin listeners unless a bench asks for them (two benches' nodes must not share ports).
		for (String port : List.of("--gatehouse.kucoin.spot-port", "--gatehouse.kucoin.futures-port")) {
			if (this.appArgs.stream().noneMatch(a -> a.startsWith(port + "="))) {
				command.add(port + "=0");
			}
		}
		command.addAll(this.appArgs);
		// All starts share one log; a marker line says which command wrote the lines below it.
		appendToLog("[bench] launching: " + String.join(" ", command));
		this.logOffset = Files.size(this.log);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()));
		this.launchedAtNanos = System.nanoTime();
		this.process = builder.start();
	}

	/**
	 * Polls the health endpoint until it answers 200 with status UP, which is what a load balancer or
	 * orchestrator waits for.
	 *
	 * @return the time from process launch to ready
	 */
	Duration awaitReady(Duration timeout) throws InterruptedException {
		URI health = URI.create(managementUrl() + "/actuator/health");
		HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
		long deadline = this.launchedAtNanos + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"Gatehouse exited with code " + this.process.exitValue() + " before it was ready; see " + this.log);
			}
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"status\":\"UP\"")) {
					return Duration.ofNanos(System.nanoTime() - this.launchedAtNanos);
				}
			}
			catch (IOException notListeningYet) {
				// Connection refused until the management port is up: keep polling.
			}
			Thread.sleep(POLL);
		}
		throw new IllegalStateException("Gatehouse was not ready within " + timeout + "; see " + this.log);
	}

	/**
	 * SIGTERM (graceful shutdown, as an orchestrator stops it), then waits; SIGKILL only as a last resort.
	 * The wait also covers a training run writing its AOT cache on exit, which takes several seconds.
	 *
	 * @return the time from SIGTERM until the process had exited (zero if it was not running)
	 */
	synchronized Duration stop() throws InterruptedException {
		if (this.process == null || !this.process.isAlive()) {
			stopOrphanedPostgres();
			return Duration.ZERO;
		}
		long from = System.nanoTime();
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			// A training run's JVM starts a second JVM that writes the AOT cache; do not leave it behind.
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		Duration stopping = Duration.ofNanos(System.nanoTime() - from);
		stopOrphanedPostgres();
		return stopping;
	}

	/**
	 * The embedded PostgreSQL leaves the JVM's process tree once started, so a Gatehouse that was
	 * killed rather than stopped can leave it running. Its postmaster.pid names it.
	 */
	private void stopOrphanedPostgres() throws InterruptedException {
		postmaster().ifPresent(postgres -> {
			postgres.destroy();
			try {
				postgres.onExit().get(15, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				postgres.destroyForcibly();
			}
		});
	}

	/** The running postmaster of this instance's data directory, if any. */
	Optional<ProcessHandle> postmaster() {
		Path pidFile = this.dataDir.resolve("pgdata").resolve("postmaster.pid");
		try {
			if (!Files.exists(pidFile)) {
				return Optional.empty();
			}
			long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter(h -> h.info().command().map(c -> c.endsWith("postgres")).orElse(false));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** CPU time used so far by the Gatehouse JVM alone (not PostgreSQL). */
	Duration jvmCpu() {
		return this.process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
	}

	/**
	 * CPU time used so far by the JVM's JIT compiler threads and by its VM thread and collector
	 * threads (the serial collector works in the VM thread), read per thread from /proc on Linux; zero
	 * elsewhere. Their share of a measured window tells whether the JVM had reached its steady state. A
	 * compiler thread that exits takes its time with it, so the JIT figure is a lower bound.
	 */
	JvmThreadsCpu jvmThreadsCpu() {
		Duration jit = Duration.ZERO;
		Duration vm = Duration.ZERO;
		Path tasks = Path.of("/proc", Long.toString(this.process.pid()), "task");
		try (Stream<Path> threads = Files.list(tasks)) {
			for (Path thread : threads.toList()) {
				try {
					String name = Files.readString(thread.resolve("comm")).strip();
					boolean compiler = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
					boolean collector = name.equals("VM Thread") || name.startsWith("GC Thread")
							|| name.startsWith("G1 ");
					if (!compiler && !collector) {
						continue;
					}
					String stat = Files.readString(thread.resolve("stat"));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					// After the name: state is field 3 of proc(5), utime 14 and stime 15, in clock ticks (100/s).
					Duration used = Duration.ofMillis(10 * (Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
					if (compiler) {
						jit = jit.plus(used);
					}
					else {
						vm = vm.plus(used);
					}
				}
				catch (IOException | RuntimeException ex) {
					// The thread ended between the listing and the read: its time is gone with it.
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			return new JvmThreadsCpu(Duration.ZERO, Duration.ZERO);
		}
		return new JvmThreadsCpu(jit, vm);
	}

	/** CPU time of the JIT compiler threads and of the VM and collector threads. */
	record JvmThreadsCpu(Duration jit, Duration vmAndGc) {

		JvmThreadsCpu minus(JvmThreadsCpu earlier) {
			return new JvmThreadsCpu(this.jit.minus(earlier.jit), this.vmAndGc.minus(earlier.vmAndGc));
		}
	}

	/** CPU time used so far by PostgreSQL: the postmaster and its backends. */
	Duration postgresCpu() {
		return postmaster().map(GatehouseProcess::treeCpu).orElse(Duration.ZERO);
	}

	private static Duration treeCpu(ProcessHandle root) {
		Duration total = root.info().totalCpuDuration().orElse(Duration.ZERO);
		for (ProcessHandle child : root.descendants().toList()) {
			total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
		}
		return total;
	}

	/** Idempotent: called from the normal path and from the shutdown hook. */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			stop();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			if (this.process != null) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
			}
		}
		deleteRecursively(this.dataDir);
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		List<Path> paths = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(root)) {
			walk.sorted(Comparator.reverseOrder()).forEach(paths::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Path path : paths) {
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException ex) {
				System.err.println("could not delete " + path + ": " + ex.getMessage());
			}
		}
	}

	/** What the current (or last) start has logged so far: its JVM warnings and Spring's start-up line. */
	String logOfThisStart() {
		try (RandomAccessFile file = new RandomAccessFile(this.log.toFile(), "r")) {
			long from = Math.min(this.logOffset, file.length());
			byte[] bytes = new byte[(int) (file.length() - from)];
			file.seek(from);
			file.readFully(bytes);
			return new String(bytes, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	private void appendToLog(String line) throws IOException {
		Files.writeString(this.log, System.lineSeparator() + line + System.lineSeparator(), StandardCharsets.UTF_8,
				StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	/** The last lines of the Gatehouse log, for an error message. */
	String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}
}
