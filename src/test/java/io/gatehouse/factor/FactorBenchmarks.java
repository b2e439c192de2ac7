package io.gatehouse.factor;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.crypto.Keys;
import io.gatehouse.crypto.SecretBox;
import io.gatehouse.crypto.TestKeys;
import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.kernel.Randomness;

/**
 * In-process JMH figures for the CPU side of a second-factor check (issue 3), run by bench/jmh.sh and
 * never by the test suite. Each is what one request costs Gatehouse's own code, without HTTP or the
 * database: the TOTP check (open the AES-GCM-sealed seed, compare the code with steps T-1..T+1 in
 * constant time) and the step-up proof check (hash the action's parameters, keyed-hash the proof token
 * to look it up). The database statement each one ends with is measured in the HTTP benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode({ Mode.Throughput, Mode.AverageTime })
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FactorBenchmarks {

	private byte[] seed;

	private SecretBox.Sealed sealedSeed;

	private SecretBox box;

	private KeyedHash keyedHash;

	private String currentCode;

	private Instant now;

	private final String proof = "ghp_" + "x".repeat(43);

	private final Map<String, String> params = Map.of("code", "blue heron 42");

	@Setup
	public void setUp() {
		SecureRandom random = new SecureRandom();
		byte[] key = new byte[32];
		random.nextBytes(key);
		Keys keys = TestKeys.of(key);
		Randomness randomness = new Randomness(random);
		this.box = new SecretBox(keys, randomness);
		this.keyedHash = new KeyedHash(key);
		this.seed = randomness.bytes(TotpService.SECRET_BYTES);
		this.sealedSeed = this.box.seal(Base32.encode(this.seed), "totp:bench");
		this.now = Instant.parse("2026-11-22T12:00:00Z");
		this.currentCode = Totp.code(this.seed, Totp.step(this.now), TotpService.DIGITS);
	}

	/** Comparing a right code with T-1, T and T+1 (three HMAC-SHA1s and constant-time compares). */
	@Benchmark
	public TotpService.Match totpMatch() {
		return TotpService.match(this.seed, this.currentCode, this.now, -1);
	}

	/** The whole CPU side of a TOTP verification: open the sealed seed, decode it, then match. */
	@Benchmark
	public TotpService.Match totpVerify() {
		byte[] secret = Base32.decode(this.box.open(this.sealedSeed, "totp:bench")).orElseThrow();
		return TotpService.match(secret, this.currentCode, this.now, -1);
	}

	/** The CPU side of a step-up proof check: the parameters' hash and the token's keyed hash. */
	@Benchmark
	public int stepUpProofCheck() {
		byte[] paramsHash = StepUpProofs.paramsHash(this.params);
		byte[] tokenHash = this.keyedHash.hash("step-up", this.proof);
		return paramsHash.length + tokenHash.length;
	}
}
