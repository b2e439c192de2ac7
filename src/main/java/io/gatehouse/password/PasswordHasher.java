package io.gatehouse.password;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Version;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import io.gatehouse.kernel.Randomness;

import org.springframework.stereotype.Component;

/**
 * Argon2id through the reference C implementation (argon2-jvm). Parameters travel in the stored PHC
 * string, so a change of configuration re-hashes each password at its next successful sign-in.
 * Unknown identifiers are checked against a dummy hash with the same parameters, so that the time
 * taken does not reveal whether an account exists. Every hash runs on one small pool of threads, one
 * per core: Argon2id is memory-bound, and two hashes time-slicing one core (or request threads taking
 * turns) evict each other's 19 MiB from the caches; a fixed pool keeps the cores hashing at their
 * native rate, bounds the memory in use, and queues every path (real, dummy, sign-up) alike.
 */
@Component
public class PasswordHasher {

	private static final Pattern PARAMS = Pattern.compile("^\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$");

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	private final Argon2Advanced argon2 = Argon2Factory.createAdvanced(Argon2Types.ARGON2id);

	private final PasswordProperties properties;

	private final Randomness randomness;

	private final Timer hashTimer;

	private final Timer hashCpu;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	/**
	 * Computed on the pool while the application starts, not on the thread that creates this bean: the
	 * first unknown identifier waits for it if it comes that early.
	 */
	private final Future<String> dummyHash;

	private final ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
			Thread.ofPlatform().name("argon2-", 1).daemon().factory());

	public PasswordHasher(PasswordProperties properties, Randomness randomness, MeterRegistry meters) {
		this.properties = properties;
		this.randomness = randomness;
		this.hashTimer = Timer.builder("gatehouse.password.hash")
			.description("Time spent computing Argon2id hashes")
			.register(meters);
		this.hashCpu = Timer.builder("gatehouse.password.hash.cpu")
			.description("CPU time of the hashing thread per Argon2id hash")
			.register(meters);
		this.dummyHash = hashing(randomness.token(24));
	}

	/** A PHC string {@code $argon2id$v=19$m=…,t=…,p=…$salt$hash} of the NFKC-normalised password. */
	public String hash(String password) {
		return await(hashing(password));
	}

	/** Queues the hash of {@code password} on the pool. */
	private Future<String> hashing(String password) {
		byte[] bytes = Passwords.normalize(password).getBytes(StandardCharsets.UTF_8);
		byte[] salt = this.randomness.bytes(SALT_BYTES);
		return submit(() -> {
			try {
				return this.hashTimer.record(() -> this.argon2
					.hashAdvanced(this.properties.iterations(), this.properties.memoryKib(), this.properties.parallelism(),
							bytes, salt, HASH_BYTES, Argon2Version.V13)
					.getEncoded());
			}
			finally {
				Arrays.fill(bytes, (byte) 0);
			}
		});
	}

	/** Verifies against a stored PHC string; the library compares in constant time. */
	public Verification verify(String storedHash, String password) {
		byte[] bytes = Passwords.normalize(password).getBytes(StandardCharsets.UTF_8);
		try {
			Boolean matches = await(submit(() -> this.hashTimer.record(() -> this.argon2.verify(storedHash, bytes))));
			return new Verification(Boolean.TRUE.equals(matches), !hasCurrentParameters(storedHash));
		}
		finally {
			Arrays.fill(bytes, (byte) 0);
		}
	}

	/** Spends the same work as a real verification and always fails: for identifiers with no account. */
	public Verification verifyDummy(String password) {
		verify(await(this.dummyHash), password);
		return new Verification(false, false);
	}

	/** Queues a hash on the pool, recording the hashing thread's CPU time as well as the wall time. */
	private <T> Future<T> submit(Callable<T> work) {
		Callable<T> measured = () -> {
			long cpuBefore = this.threads.getCurrentThreadCpuTime();
			try {
				return work.call();
			}
			finally {
				this.hashCpu.record(this.threads.getCurrentThreadCpuTime() - cpuBefore, TimeUnit.NANOSECONDS);
			}
		};
		return this.pool.submit(measured);
	}

	private static <T> T await(Future<T> hashing) {
		try {
			return hashing.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for a hash", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Argon2id failed", ex.getCause());
		}
	}

	@PreDestroy
	void shutdown() {
		this.pool.shutdown();
	}

	boolean hasCurrentParameters(String storedHash) {
		Matcher m = PARAMS.matcher(storedHash);
		return m.find() && Integer.parseInt(m.group(1)) == this.properties.memoryKib()
				&& Integer.parseInt(m.group(2)) == this.properties.iterations()
				&& Integer.parseInt(m.group(3)) == this.properties.parallelism();
	}

	/** @param needsRehash the stored hash was made with other parameters than those configured now */
	public record Verification(boolean matches, boolean needsRehash) {
	}
}
