package io.gatehouse.abuse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.ProofOfWork;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.SecondNode;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;
import io.gatehouse.testsupport.ThroughTrustedProxy;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The abuse defences of PRODUCT.md 1.5 against the scenarios of security-tests.md B2 and B3, over HTTP.
 * Requests come through a trusted proxy (loopback), so each test speaks from addresses of its own,
 * each in a /24 of its own unless a test wants them to share one.
 */
@ThroughTrustedProxy
class AbuseIntegrationTests extends ApiTest {

	private static final String WRONG = "not the password at all";

	/** A flow started with its password step answers 201 Created when it completes. */
	private static final int SIGNED_IN = 201;

	private static final AtomicInteger NETWORKS = new AtomicInteger();

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StuffingDetector detector;

	@Autowired
	Environment environment;

	@Autowired
	MeterRegistry meters;

	@AfterEach
	void endAnyWave() {
		this.jdbc.sql("delete from abuse_alarms").update();
		this.clock.advance(Duration.ofSeconds(6));
	}

	/** An address in a /24 no other call has used. */
	static String freshIp() {
		int n = NETWORKS.incrementAndGet();
		return "10." + (n / 250 % 250) + "." + (n % 250) + ".7";
	}

	@Test
	void lg01DistributedBruteForceFromFiftyAddressesEngagesTheAccountThrottle() {
		String victim = this.accounts.create();
		for (int i = 1; i <= 5; i++) {
			ApiClient.Response r = attempt(victim, WRONG, freshIp(), null, null);
			assertThat(r.status()).as(r.body()).isEqualTo(401);
			assertThat(r.json().path("captchaRequired").asBoolean()).isEqualTo(i == 5);
		}
		for (int i = 6; i <= 50; i++) {
			ApiClient.Response r = attempt(victim, WRONG, freshIp(), null, null);
			assertThat(r.status()).as("attempt %d", i).isEqualTo(429);
			assertThat(r.text("code")).isEqualTo("sign_in_delayed");
			assertThat(r.header("Retry-After")).isEqualTo("30");
		}
		assertThat(failures(victim)).as("refused attempts add no failures").isEqualTo(5);
	}

	@Test
	void lg02DelaysGrowToALockThatGrowsAndTheHardCeilingNeedsAnUnlock() throws Exception {
		String victim = this.accounts.create();
		String ip = freshIp();
		for (int i = 0; i < 5; i++) {
			attempt(victim, WRONG, ip, null, null);
		}
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(attempt(victim, WRONG, ip, null, null).text("code")).isEqualTo("sign_in_delayed");
		assertThat(failures(victim)).as("waiting adds no failures").isEqualTo(5);
		this.clock.advance(Duration.ofSeconds(1));
		ApiClient.Response noCaptcha = attempt(victim, WRONG, ip, null, null);
		assertThat(noCaptcha.status()).isEqualTo(428);
		assertThat(noCaptcha.text("code")).isEqualTo("captcha_required");
		assertThat(failures(victim)).isEqualTo(5);

		long[] expectedWaits = { 60, 120, 240, 480, 900, 1800 };
		for (long wait : expectedWaits) {
			ApiClient.Response failed = attempt(victim, WRONG, ip, ProofOfWork.solve(this.api, "sign_in"), null);
			assertThat(failed.status()).as(failed.body()).isEqualTo(401);
			ApiClient.Response blocked = attempt(victim, WRONG, ip, null, null);
			assertThat(blocked.status()).isEqualTo(429);
			assertThat(blocked.header("Retry-After")).isEqualTo(Long.toString(wait));
			assertThat(blocked.text("code")).isEqualTo(wait >= 900 ? "account_locked" : "sign_in_delayed");
			this.clock.advance(Duration.ofSeconds(wait));
		}
		assertThat(failures(victim)).isEqualTo(11);
		MimeMessage locked = TestMail.awaitSubject(victim, "locked");
		assertThat(TestMail.body(locked)).contains("10 wrong passwords").contains("/unlock");

		// The ceiling: the 100th failure locks until an unlock, however long anyone waits.
		this.jdbc.sql("update password_throttles set failures = 99, blocked_until = null where subject = ?")
			.param(subject(victim))
			.update();
		attempt(victim, WRONG, ip, ProofOfWork.solve(this.api, "sign_in"), null);
		this.clock.advance(Duration.ofDays(30));
		ApiClient.Response correctButCapped = attempt(victim, TestAccounts.PASSWORD, ip,
				ProofOfWork.solve(this.api, "sign_in"), null);
		assertThat(correctButCapped.status()).isEqualTo(429);
		assertThat(correctButCapped.text("code")).isEqualTo("account_locked");
		assertThat(failures(victim)).isEqualTo(100);

		unlockByEmail(victim, ip);
		assertThat(attempt(victim, TestAccounts.PASSWORD, ip, null, null).status()).isEqualTo(SIGNED_IN);
	}

	@Test
	void lg03LockedAccountAnswersTheSameForTheRightPasswordAndUnknownNamesLockAlike() {
		String real = this.accounts.create();
		String unknown = TestAccounts.newEmail();
		String ip = freshIp();
		lockOutAll(ip, real, unknown);
		ApiClient.Response right = attempt(real, TestAccounts.PASSWORD, ip, null, null);
		ApiClient.Response wrong = attempt(real, WRONG, ip, null, null);
		ApiClient.Response none = attempt(unknown, TestAccounts.PASSWORD, ip, null, null);
		assertThat(right.status()).isEqualTo(wrong.status()).isEqualTo(none.status()).isEqualTo(429);
		assertThat(right.body()).isEqualTo(wrong.body()).isEqualTo(none.body());
		assertThat(headers(right)).isEqualTo(headers(wrong)).isEqualTo(headers(none));
		assertThat(right.text("code")).isEqualTo("account_locked");
	}

	@Test
	void lg05SpellingVariantsOfAnIdentifierShareOneCounter() {
		String email = this.accounts.create();
		String local = email.substring(0, email.indexOf('@'));
		String fullWidth = local.chars()
			.mapToObj(c -> Character.toString(c >= '!' && c <= '~' ? c - '!' + '\uFF01' : c))
			.reduce("", String::concat) + "@example.com";
		List<String> variants = List.of(email.toUpperCase(), "  " + email + " ", fullWidth,
				local + "@EXAMPLE.com", email);
		String ip = freshIp();
		for (String variant : variants) {
			assertThat(attempt(variant, WRONG, ip, null, null).status()).as(variant).isEqualTo(401);
		}
		assertThat(failures(email)).isEqualTo(5);
		assertThat(attempt(email, WRONG, ip, null, null).text("code")).isEqualTo("sign_in_delayed");
	}

	@Test
	void lg07SprayingFromOneAddressGets429WellBefore500AccountsTheSameForEveryIdentifier() {
		String existing = this.accounts.create();
		String ip = freshIp();
		int refusedAt = -1;
		for (int i = 1; i <= 500; i++) {
			ApiClient.Response r = attempt(TestAccounts.newEmail(), "Summer2026!", ip, null, null);
			if (r.status() == 429) {
				refusedAt = i;
				assertThat(r.text("code")).isEqualTo("rate_limited");
				break;
			}
		}
		assertThat(refusedAt).as("429 well before 500 accounts").isBetween(30, 32);

		// EN-04: the limit's answer does not depend on the identifier, in body, headers or time.
		ApiClient.Response forExisting = attempt(existing, "Summer2026!", ip, null, null);
		ApiClient.Response forUnknown = attempt(TestAccounts.newEmail(), "Summer2026!", ip, null, null);
		assertThat(forExisting.status()).isEqualTo(forUnknown.status()).isEqualTo(429);
		assertThat(forExisting.body()).isEqualTo(forUnknown.body());
		assertThat(headers(forExisting)).isEqualTo(headers(forUnknown));
		List<Long> existing$ = new ArrayList<>();
		List<Long> unknown$ = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			existing$.add(timed(() -> attempt(existing, "Summer2026!", ip, null, null)));
			unknown$.add(timed(() -> attempt(TestAccounts.newEmail(), "Summer2026!", ip, null, null)));
		}
		double difference = Math.abs(median(existing$) - median(unknown$)) / 1e6;
		System.out.printf("EN-04 429 timing over 50 samples each: existing %.2f ms, unknown %.2f ms, difference %.2f ms%n",
				median(existing$) / 1e6, median(unknown$) / 1e6, difference);
		assertThat(difference).isLessThan(5.0);
	}

	@Test
	void lg07AddressesOfOneSubnetShareItsBudget() {
		String net = "10.250." + (NETWORKS.incrementAndGet() % 250) + ".";
		int failures = 0;
		for (int host = 1; host <= 5; host++) {
			for (int i = 0; i < 30; i++) {
				assertThat(attempt(TestAccounts.newEmail(), WRONG, net + host, null, null).status()).isEqualTo(401);
				failures++;
			}
		}
		assertThat(failures).isEqualTo(150);
		ApiClient.Response sixth = attempt(TestAccounts.newEmail(), WRONG, net + "6", null, null);
		assertThat(sixth.status()).as("a new address in a spent /24").isEqualTo(429);
		assertThat(attempt(TestAccounts.newEmail(), WRONG, freshIp(), null, null).status()).isEqualTo(401);
	}

	@Test
	void lg08OwnersKnownBrowserStillGetsInWhileTheAccountIsLockedForEveryoneElse() {
		String owner = this.accounts.create();
		String home = freshIp();
		ApiClient.Response first = attempt(owner, TestAccounts.PASSWORD, home, null, null);
		String deviceToken = first.json().path("session").path("deviceToken").asString();
		String otherAccountsDevice = attempt(this.accounts.create(), TestAccounts.PASSWORD, home, null, null).json()
			.path("session")
			.path("deviceToken")
			.asString();

		lockOut(owner, freshIp());
		assertThat(attempt(owner, TestAccounts.PASSWORD, freshIp(), null, null).text("code")).isEqualTo("account_locked");
		assertThat(attempt(owner, TestAccounts.PASSWORD, home, null, otherAccountsDevice).text("code"))
			.as("another account's device cookie is no key").isEqualTo("account_locked");
		ApiClient.Response typo = attempt(owner, WRONG, home, null, deviceToken);
		assertThat(typo.status()).as("the owner's own budget").isEqualTo(401);
		ApiClient.Response ok = attempt(owner, TestAccounts.PASSWORD, home, null, deviceToken);
		assertThat(ok.status()).as(ok.body()).isEqualTo(SIGNED_IN);
		assertThat(TestMail.awaitSubject(owner, "locked")).isNotNull();
		assertThat(TestMail.awaitSubject(owner, "after failed attempts")).isNotNull();
		assertThat(failures(owner)).as("the owner's sign-in ends the streak").isZero();
	}

	@Test
	void lg08DeviceBudgetIsSmall() {
		String owner = this.accounts.create();
		String home = freshIp();
		String deviceToken = attempt(owner, TestAccounts.PASSWORD, home, null, null).json()
			.path("session")
			.path("deviceToken")
			.asString();
		lockOut(owner, freshIp());
		for (int i = 0; i < 5; i++) {
			assertThat(attempt(owner, WRONG, home, null, deviceToken).status()).isEqualTo(401);
		}
		ApiClient.Response spent = attempt(owner, TestAccounts.PASSWORD, home, null, deviceToken);
		assertThat(spent.text("code")).isEqualTo("account_locked");
		assertThat(spent.header("Retry-After")).isEqualTo("900");
	}

	@Test
	void lg12CaptchaIsSingleUseBoundToItsActionShortLivedAndVerifiedOnTheServer() throws Exception {
		String victim = this.accounts.create();
		String ip = freshIp();
		for (int i = 0; i < 5; i++) {
			attempt(victim, WRONG, ip, null, null);
		}
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(attempt(victim, WRONG, ip, null, null).text("code")).isEqualTo("captcha_required");
		assertThat(attempt(victim, WRONG, ip, ProofOfWork.solve(this.api, "sign_up"), null).text("code"))
			.as("solved for another action").isEqualTo("captcha_invalid");
		assertThat(attempt(victim, WRONG, ip, "eyJub3QiOiJhIHNvbHV0aW9uIn0=", null).text("code"))
			.isEqualTo("captcha_invalid");
		String stale = ProofOfWork.solve(this.api, "sign_in");
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(attempt(victim, WRONG, ip, stale, null).text("code")).as("expired").isEqualTo("captcha_invalid");
		assertThat(failures(victim)).isEqualTo(5);

		String once = ProofOfWork.solve(this.api, "sign_in");
		int passed = Race.successes(10, () -> !"captcha_invalid".equals(attempt(victim, WRONG, ip, once, null).text("code")));
		assertThat(passed).as("one solution, one request").isEqualTo(1);
		assertThat(failures(victim)).isEqualTo(6);
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(attempt(victim, WRONG, ip, once, null).text("code")).as("replayed").isEqualTo("captcha_invalid");
		ApiClient.Response right = attempt(victim, TestAccounts.PASSWORD, ip, ProofOfWork.solve(this.api, "sign_in"),
				null);
		assertThat(right.status()).as(right.body()).isEqualTo(SIGNED_IN);
	}

	@Test
	void fiftyParallelAttemptsGetNoMoreGuessesThanFiftySequentialOnesAndLoseNoCount() throws Exception {
		String victim = this.accounts.create();
		List<String> ips = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			ips.add(freshIp());
		}
		AtomicInteger next = new AtomicInteger();
		int compared = Race.successes(50,
				() -> attempt(victim, WRONG, ips.get(next.getAndIncrement()), null, null).status() == 401);
		assertThat(compared).as("passwords compared").isEqualTo(5);
		assertThat(failures(victim)).isEqualTo(5);

		String shared = freshIp();
		int counted = Race.successes(20, () -> attempt(TestAccounts.newEmail(), WRONG, shared, null, null).status() == 401);
		int hits = this.jdbc.sql("select coalesce(sum(hits), 0) from rate_limit_hits where bucket = ?")
			.param("sign_in:ip:" + shared)
			.query(Integer.class)
			.single();
		assertThat(hits).as("every failure counted once").isEqualTo(counted).isEqualTo(20);
	}

	@Test
	void lg06CredentialStuffingTripsTheDetectorWithoutLockingInnocentAccounts() throws Exception {
		List<String> real = new ArrayList<>();
		Map<String, String> devices = new LinkedHashMap<>();
		for (int i = 0; i < 10; i++) {
			String email = this.accounts.create();
			real.add(email);
		}
		String home = freshIp();
		String regular = real.getFirst();
		devices.put(regular, attempt(regular, TestAccounts.PASSWORD, home, null, null).json()
			.path("session")
			.path("deviceToken")
			.asString());
		List<String> attackers = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			attackers.add(freshIp());
		}
		AtomicInteger attackerSuccesses = new AtomicInteger();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			List<Future<?>> all = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				String identifier = i < real.size() * 5 && i % 5 == 0 ? real.get(i / 5) : TestAccounts.newEmail();
				String ip = attackers.get(i % 200);
				all.add(pool.submit(() -> {
					if (attempt(identifier, "leaked-" + identifier.hashCode(), ip, null, null).status() == SIGNED_IN) {
						attackerSuccesses.incrementAndGet();
					}
				}));
			}
			for (Future<?> f : all) {
				f.get();
			}
		}
		assertThat(attackerSuccesses.get()).isZero();

		this.detector.evaluate();
		assertThat(this.detector.active()).isTrue();
		assertThat(this.jdbc.sql("select count(*) from security_events where type = 'excess_rate_limit_exceeded'")
			.query(Integer.class)
			.single()).isPositive();
		for (String email : real) {
			assertThat(failures(email)).as("innocent %s not locked", email).isLessThanOrEqualTo(1);
		}
		String innocent = real.get(1);
		ApiClient.Response unknownDevice = attempt(innocent, TestAccounts.PASSWORD, freshIp(), null, null);
		assertThat(unknownDevice.status()).isEqualTo(428);
		ApiClient.Response wrongPassword = attempt(innocent, "not the password", freshIp(), null, null);
		ApiClient.Response noAccount = attempt(TestAccounts.newEmail(), TestAccounts.PASSWORD, freshIp(), null, null);
		assertThat(List.of(wrongPassword.status(), noAccount.status()))
			.as("the CAPTCHA policy is decided before the password and from the request alone: same answer")
			.containsOnly(428);
		assertThat(wrongPassword.json().path("code").asString()).isEqualTo(unknownDevice.json().path("code").asString());
		assertThat(attempt(innocent, TestAccounts.PASSWORD, freshIp(), ProofOfWork.solve(this.api, "sign_in"), null)
			.status()).as("innocent account, solved CAPTCHA").isEqualTo(SIGNED_IN);
		assertThat(attempt(regular, TestAccounts.PASSWORD, home, null, devices.get(regular)).status())
			.as("known device, no CAPTCHA").isEqualTo(SIGNED_IN);
		assertThat(this.meters.get("gatehouse.abuse.stuffing.active").gauge().value()).isEqualTo(1.0);

		this.clock.advance(Duration.ofMinutes(16));
		this.detector.evaluate();
		assertThat(this.detector.active()).as("the wave subsided").isFalse();
		assertThat(this.jdbc.sql("select count(*) from security_events where type = 'credential_stuffing_subsided'")
			.query(Integer.class)
			.single()).isPositive();
	}

	@Test
	void twoNodesSharingOneDatabaseShareOneCounter() {
		String victim = this.accounts.create();
		try (SecondNode other = SecondNode.startLike(this.environment, this.clock)) {
			ApiClient b = new ApiClient(other.port());
			for (int i = 0; i < 5; i++) {
				ApiClient node = i % 2 == 0 ? this.api : b;
				assertThat(attempt(node, victim, WRONG, freshIp(), null, null).status()).isEqualTo(401);
			}
			assertThat(attempt(b, victim, WRONG, freshIp(), null, null).text("code")).isEqualTo("sign_in_delayed");
			assertThat(attempt(this.api, victim, WRONG, freshIp(), null, null).text("code")).isEqualTo("sign_in_delayed");
		}
		assertThat(failures(victim)).isEqualTo(5);
	}

	@Test
	void unlockRequestsAreEnumerationSafeAndLimitedPerNetwork() {
		String ip = freshIp();
		ApiClient.Response known = this.api.post("/api/v1/unlock/requests", Map.of("identifier", this.accounts.create()),
				null, "X-Forwarded-For", ip);
		ApiClient.Response unknown = this.api.post("/api/v1/unlock/requests",
				Map.of("identifier", TestAccounts.newEmail()), null, "X-Forwarded-For", ip);
		assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(202);
		assertThat(known.body()).isEqualTo(unknown.body());
		for (int i = 0; i < 3; i++) {
			this.api.post("/api/v1/unlock/requests", Map.of("identifier", TestAccounts.newEmail()), null,
					"X-Forwarded-For", ip);
		}
		ApiClient.Response limited = this.api.post("/api/v1/unlock/requests", Map.of("identifier", "x@example.com"),
				null, "X-Forwarded-For", ip);
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.header("Retry-After")).isNotNull();
	}

	@Test
	void unlockCodeWhenTwentyParallelConfirmationsThenExactlyOneUnlocks() throws Exception {
		String victim = this.accounts.create();
		String ip = freshIp();
		lockOut(victim, ip);
		this.api.post("/api/v1/unlock/requests", Map.of("identifier", victim), null, "X-Forwarded-For", ip);
		String code = unlockCode(victim, 1);
		int unlocked = Race.successes(20, () -> this.api
			.post("/api/v1/unlock/confirm", Map.of("identifier", victim, "code", code), null)
			.json()
			.path("unlocked")
			.asBoolean(false));
		assertThat(unlocked).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from security_events where type = 'account_unlocked' and account_id = "
				+ "(select id from accounts where email = ?)").param(victim).query(Integer.class).single()).isEqualTo(1);
		assertThat(failures(victim)).isZero();
	}

	@Test
	void unlockCodesPerAccountAreCappedWhateverTheNetwork() {
		String victim = this.accounts.create();
		for (int i = 0; i < 8; i++) {
			assertThat(this.api.post("/api/v1/unlock/requests", Map.of("identifier", victim), null, "X-Forwarded-For",
					freshIp()).status()).isEqualTo(202);
		}
		assertThat(this.jdbc.sql("select count(*) from security_events where type = 'unlock_code_issued' and account_id = "
				+ "(select id from accounts where email = ?)").param(victim).query(Integer.class).single()).isEqualTo(5);
		this.clock.advance(Duration.ofMinutes(61));
		this.api.post("/api/v1/unlock/requests", Map.of("identifier", victim), null, "X-Forwarded-For", freshIp());
		assertThat(this.jdbc.sql("select count(*) from security_events where type = 'unlock_code_issued' and account_id = "
				+ "(select id from accounts where email = ?)").param(victim).query(Integer.class).single()).isEqualTo(6);
	}

	@Test
	void unlockAndCaptchaEndpointsWhenBadInputThenClearProblemsAndNothingWritten() {
		String ip = freshIp();
		String victim = this.accounts.create();
		for (String code : new String[] { "12a456", "1234567", "", "9".repeat(10_000), "１２３４５６" }) {
			ApiClient.Response r = this.api.post("/api/v1/unlock/confirm", Map.of("identifier", victim, "code", code),
					null, "X-Forwarded-For", ip);
			assertThat(r.status()).as(code).isEqualTo(400);
			assertThat(r.text("code")).isEqualTo("unlock_code_invalid");
		}
		assertThat(this.api.post("/api/v1/unlock/confirm", "{\"identifier\":\"" + victim + "\"}", null).status())
			.isEqualTo(400);
		assertThat(this.api.post("/api/v1/unlock/confirm", "{\"identifier\":\"" + victim + "\",\"code\":123456}", null)
			.status()).as("not coerced").isEqualTo(400);
		ApiClient.Response badTicket = this.api.post("/api/v1/unlock/second-factor",
				Map.of("ticket", "x".repeat(5000), "factor", "sms", "code", "123456"), null);
		assertThat(badTicket.text("code")).isEqualTo("unlock_ticket_invalid");
		ApiClient.Response unknownAction = this.api.get("/api/v1/captcha/challenge?action=withdraw", null);
		assertThat(unknownAction.status()).isEqualTo(400);
		assertThat(unknownAction.text("code")).isEqualTo("captcha_action_unknown");
		ApiClient.Response numericCaptcha = this.api.post("/api/v1/signin/flows",
				"{\"identifier\":\"" + victim + "\",\"password\":\"x\",\"captcha\":12}", null, "X-Forwarded-For", ip);
		assertThat(numericCaptcha.status()).isEqualTo(400);
		ApiClient.Response hugeCaptcha = attempt(victim, WRONG, ip, "A".repeat(5000), null);
		assertThat(hugeCaptcha.text("code")).isEqualTo("captcha_invalid");
		assertThat(failures(victim)).as("no attempt counted").isZero();
		assertThat(this.jdbc.sql("select count(*) from unlock_codes where account_id = (select id from accounts where email = ?)")
			.param(victim).query(Integer.class).single()).isZero();
	}

	@Test
	void unlockWithASecondFactorNeedsItAndAWrongCodeCountsAsAWrongTry() throws Exception {
		String victim = this.accounts.create();
		String token = this.accounts.signIn(victim, TestAccounts.PASSWORD);
		TestAccounts.Enrolment enrolment = this.accounts.startTotpEnrolment(token);
		byte[] secret = Base32.decode(enrolment.secret()).orElseThrow();
		assertThat(this.api.post("/api/v1/me/factors/totp/" + enrolment.factorId() + "/confirm",
				Map.of("code", Totp.code(secret, Totp.step(this.clock.instant()), 6)),
				enrolment.token()).status()).isEqualTo(200);
		String ip = freshIp();
		lockOut(victim, ip);

		this.api.post("/api/v1/unlock/requests", Map.of("identifier", victim), null, "X-Forwarded-For", ip);
		String code = unlockCode(victim, 1);
		ApiClient.Response wrongCode = this.api.post("/api/v1/unlock/confirm",
				Map.of("identifier", victim, "code", code.equals("000000") ? "111111" : "000000"), null);
		assertThat(wrongCode.text("code")).isEqualTo("unlock_code_invalid");
		ApiClient.Response confirmed = this.api.post("/api/v1/unlock/confirm", Map.of("identifier", victim, "code", code),
				null);
		assertThat(confirmed.json().path("next").asString()).isEqualTo("second_factor");
		assertThat(confirmed.json().path("allowedFactors").toString()).contains("totp");
		assertThat(this.api.post("/api/v1/unlock/confirm", Map.of("identifier", victim, "code", code), null).text("code"))
			.as("the code is spent").isEqualTo("unlock_code_invalid");
		String ticket = confirmed.text("ticket");
		assertThat(this.api.post("/api/v1/unlock/second-factor", Map.of("ticket", ticket, "factor", "totp", "code",
				"000000"), null).status()).isEqualTo(400);
		this.clock.advance(Duration.ofSeconds(30));
		String totp = Totp.code(secret, Totp.step(this.clock.instant()), 6);
		ApiClient.Response unlocked = this.api.post("/api/v1/unlock/second-factor",
				Map.of("ticket", ticket, "factor", "totp", "code", totp), null);
		assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
		assertThat(failures(victim)).isZero();
		assertThat(TestMail.awaitSubject(victim, "was unlocked")).isNotNull();
		assertThat(this.api.post("/api/v1/unlock/second-factor", Map.of("ticket", ticket, "factor", "totp", "code", totp),
				null).text("code")).isEqualTo("unlock_ticket_invalid");
	}

	/**
	 * Fails sign-ins (solving CAPTCHAs and waiting out delays as a patient attacker would) until every
	 * identifier is locked; the identifiers move in step, so none's lock runs out while another catches up.
	 */
	private void lockOutAll(String ip, String... identifiers) {
		Set<String> locked = new HashSet<>();
		for (int round = 0; round < 40 && locked.size() < identifiers.length; round++) {
			long wait = 0;
			for (String identifier : identifiers) {
				ApiClient.Response r = attempt(identifier, WRONG, ip, null, null);
				if ("account_locked".equals(r.text("code"))) {
					locked.add(identifier);
				}
				else if (r.status() == 429) {
					wait = Math.max(wait, Long.parseLong(r.header("Retry-After")));
				}
				else if (r.status() == 428) {
					attempt(identifier, WRONG, ip, ProofOfWork.solve(this.api, "sign_in"), null);
				}
			}
			if (locked.size() < identifiers.length) {
				this.clock.advance(Duration.ofSeconds(wait));
			}
		}
		assertThat(locked).as("all locked").hasSize(identifiers.length);
	}

	private void lockOut(String identifier, String ip) {
		lockOutAll(ip, identifier);
	}

	/** The code of the {@code n}th unlock message to {@code email}, waiting for it to arrive. */
	private static String unlockCode(String email, int n) {
		MimeMessage message = Await.until("unlock code " + n + " to " + email,
				Duration.ofSeconds(10), () -> {
					List<MimeMessage> codes = TestMail.to(email, 1, Duration.ZERO)
						.stream()
						.filter(m -> TestMail.subject(m).contains("code to unlock"))
						.toList();
					return codes.size() >= n ? Optional.of(codes.get(n - 1)) : Optional.empty();
				});
		Matcher m = Pattern.compile("(\\d{6})").matcher(TestMail.body(message));
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	private void unlockByEmail(String email, String ip) {
		assertThat(this.api.post("/api/v1/unlock/requests", Map.of("identifier", email), null, "X-Forwarded-For", ip)
			.status()).isEqualTo(202);
		String code = unlockCode(email, 1);
		ApiClient.Response unlocked = this.api.post("/api/v1/unlock/confirm", Map.of("identifier", email, "code", code),
				null, "X-Forwarded-For", ip);
		assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
		assertThat(unlocked.json().path("unlocked").asBoolean()).isTrue();
	}

	private ApiClient.Response attempt(String identifier, String password, String ip, @Nullable String captcha,
			@Nullable String deviceToken) {
		return attempt(this.api, identifier, password, ip, captcha, deviceToken);
	}

	private static ApiClient.Response attempt(ApiClient client, String identifier, String password, String ip,
			@Nullable String captcha, @Nullable String deviceToken) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("identifier", identifier);
		body.put("password", password);
		if (captcha != null) {
			body.put("captcha", captcha);
		}
		if (deviceToken != null) {
			body.put("deviceToken", deviceToken);
		}
		return client.post("/api/v1/signin/flows", body, null, "X-Forwarded-For", ip);
	}

	private int failures(String email) {
		return this.jdbc.sql("select coalesce((select failures from password_throttles where subject = ?), 0)")
			.param(subject(email))
			.query(Integer.class)
			.single();
	}

	private String subject(String email) {
		return "account:" + this.jdbc.sql("select id from accounts where email = ?")
			.param(email.strip().toLowerCase())
			.query(UUID.class)
			.single();
	}

	private static Map<String, String> headers(ApiClient.Response r) {
		Map<String, String> out = new TreeMap<>();
		r.headers().forEach((k, v) -> {
			if (!k.equalsIgnoreCase("date") && !k.equals(":status")) {
				out.put(k.toLowerCase(), String.join(",", v));
			}
		});
		return out;
	}

	private static long timed(Runnable request) {
		long start = System.nanoTime();
		request.run();
		return System.nanoTime() - start;
	}

	private static double median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
	}
}
