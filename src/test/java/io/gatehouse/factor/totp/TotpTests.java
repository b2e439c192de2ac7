package io.gatehouse.factor.totp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** TO-01: RFC 6238 Appendix B and RFC 4226 Appendix D test vectors, and Debian's oathtool as a second implementation. */
class TotpTests {

	static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@ParameterizedTest(name = "RFC 6238 Appendix B: T={0}s → {1}")
	@CsvSource({ "59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
			"2000000000, 69279037", "20000000000, 65353130" })
	void codeWhenRfc6238VectorThenMatchesWithLeadingZerosKept(long seconds, String expected) {
		assertThat(Totp.code(RFC_SECRET, Totp.step(Instant.ofEpochSecond(seconds)), 8)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "RFC 4226 Appendix D: counter {0} → {1}")
	@CsvSource({ "0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314", "5, 254676", "6, 287922",
			"7, 162583", "8, 399871", "9, 520489" })
	void codeWhenRfc4226HotpVectorThenMatches(long counter, String expected) {
		assertThat(Totp.code(RFC_SECRET, counter, 6)).isEqualTo(expected);
	}

	@Test
	void stepWhenSecondsAroundBoundaryThenThirtySecondWindows() {
		assertThat(Totp.step(Instant.ofEpochSecond(29))).isZero();
		assertThat(Totp.step(Instant.ofEpochSecond(30))).isEqualTo(1);
		assertThat(Totp.step(Instant.ofEpochSecond(59))).isEqualTo(1);
	}

	@Test
	void base32WhenRoundTripThenSameBytesAndRfc4648Vectors() {
		assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
		assertThat(Base32.encode("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MY");
		assertThat(Base32.decode("mzxw 6ytb oi======")).hasValueSatisfying(
				b -> assertThat(new String(b, StandardCharsets.US_ASCII)).isEqualTo("foobar"));
		assertThat(Base32.decode("MZ1W")).isEmpty();
		byte[] secret = new byte[20];
		new SecureRandom().nextBytes(secret);
		assertThat(Base32.decode(Base32.encode(secret))).hasValue(secret);
		assertThat(Base32.encode(secret)).hasSize(32);
	}

	@Test
	void codeWhenComparedWithOathtoolThenEqualForManyRandomSecretsAndTimes() throws Exception {
		Path oathtool = Path.of("/usr/bin/oathtool");
		if (!Files.isExecutable(oathtool)) {
			if ("1".equals(System.getenv("GATEHOUSE_REQUIRE_OATHTOOL"))) {
				throw new AssertionError("oathtool is required (apt-get install oathtool)");
			}
			Assumptions.abort("oathtool not installed: cross-check skipped (apt-get install oathtool)");
		}
		SecureRandom random = new SecureRandom();
		for (int i = 0; i < 25; i++) {
			byte[] secret = new byte[20];
			random.nextBytes(secret);
			long seconds = 1_000_000_000L + random.nextInt(Integer.MAX_VALUE);
			String expected = oathtool(oathtool, Base32.encode(secret), seconds);
			assertThat(Totp.code(secret, Totp.step(Instant.ofEpochSecond(seconds)), 6)).as("t=%d", seconds)
				.isEqualTo(expected);
		}
	}

	private static String oathtool(Path oathtool, String base32Secret, long seconds)
			throws IOException, InterruptedException {
		Process p = new ProcessBuilder(oathtool.toString(), "--totp", "--base32", "--now=@" + seconds, base32Secret)
			.redirectErrorStream(true)
			.start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
		assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(p.exitValue()).as(out).isZero();
		return out;
	}
}
