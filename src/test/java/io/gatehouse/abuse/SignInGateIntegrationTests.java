package io.gatehouse.abuse;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.gatehouse.abuse.SignInGate.AttemptDecision;
import io.gatehouse.abuse.SignInGate.PasswordAttempt;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Race;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate's typed decisions, asked directly: the throttle's reservation is an ordinary committed write,
 * parallel attempts get no more tries than sequential ones, and each refusal says its reason.
 */
@IntegrationTest
class SignInGateIntegrationTests {

	@Autowired
	SignInGate gate;

	@Autowired
	PasswordThrottle throttle;

	@Autowired
	AbuseProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void admitWhenAllowedThenTheReservationIsCommittedAndVisibleToEveryNode() {
		UUID accountId = UUID.randomUUID();

		AttemptDecision decision = this.gate.admit(attempt(accountId, "192.0.2.81"));

		assertThat(decision).isInstanceOfSatisfying(AttemptDecision.Allowed.class,
				a -> assertThat(a.reservation().failuresBefore()).isZero());
		// Read outside the gate's own work: the counted failure is committed, so every node sees it.
		assertThat(failures(accountId)).isEqualTo(1);
		this.throttle.clear(this.throttle.account(accountId));
	}

	@Test
	void admitWhenTwentyParallelAttemptsWithoutCaptchaThenExactlyTheCaptchaThresholdIsAllowed() throws Exception {
		UUID accountId = UUID.randomUUID();
		int allowed = Race.successes(20,
				() -> this.gate.admit(attempt(accountId, "192.0.2.82")) instanceof AttemptDecision.Allowed);

		assertThat(allowed).isEqualTo(this.properties.throttle().captchaAfter());
		assertThat(failures(accountId)).isEqualTo(this.properties.throttle().captchaAfter());
		this.throttle.clear(this.throttle.account(accountId));
	}

	@Test
	void admitWhenTheCounterSetAWaitThenDelayedWithTheWaitAndTheCaptchaAsked() {
		UUID accountId = UUID.randomUUID();
		for (int i = 0; i < this.properties.throttle().captchaAfter(); i++) {
			assertThat(this.gate.admit(attempt(accountId, "192.0.2.83"))).isInstanceOf(AttemptDecision.Allowed.class);
		}

		AttemptDecision decision = this.gate.admit(attempt(accountId, "192.0.2.83"));

		assertThat(decision).isInstanceOfSatisfying(AttemptDecision.Delayed.class, d -> {
			assertThat(d.retryAfter()).isPositive();
			assertThat(d.captchaRequired()).isTrue();
		});
		this.throttle.clear(this.throttle.account(accountId));
	}

	@Test
	void admitWhenStaffLockedTheAccountThenLockedWithoutAWaitAndNothingCounted() {
		UUID accountId = UUID.randomUUID();
		this.throttle.lockUntilUnlocked(accountId, Instant.parse("2026-01-01T00:00:00Z"));

		AttemptDecision decision = this.gate.admit(attempt(accountId, "192.0.2.84"));

		assertThat(decision).isEqualTo(new AttemptDecision.Locked(null, false));
		assertThat(failures(accountId)).isZero();
		this.throttle.unlock(accountId);
	}

	@Test
	void admitWhenTheIdentifierNamesNoAccountThenItsOwnCounterFillsLikeAnAccounts() {
		String identifier = "nobody-" + UUID.randomUUID() + "@example.com";
		PasswordAttempt unknown = new PasswordAttempt(ClientIp.of("192.0.2.85"), null, false, SignInGate.CaptchaPolicy.NEVER,
				() -> new SignInGate.Named(identifier, null, null));

		assertThat(this.gate.admit(unknown)).isInstanceOf(AttemptDecision.Allowed.class);

		assertThat(this.jdbc.sql("select failures from password_throttles where subject = ?")
			.param(this.throttle.unknownIdentifier(identifier).key())
			.query(Integer.class)
			.single()).isEqualTo(1);
	}

	@Test
	void admitWhenFromAnAnonymizerWithoutCaptchaThenCaptchaRequiredBeforeAnythingIsLookedUpOrCounted() {
		UUID accountId = UUID.randomUUID();
		AtomicInteger lookups = new AtomicInteger();
		PasswordAttempt fromTor = new PasswordAttempt(ClientIp.of("192.0.2.86"), null, false,
				(knownDevice, underAttack) -> true, () -> {
			lookups.incrementAndGet();
			return new SignInGate.Named("x@example.com", accountId, null);
		});

		assertThat(this.gate.admit(fromTor))
			.isEqualTo(new AttemptDecision.CaptchaRequired(AbuseRejection.CAPTCHA_REQUIRED));
		assertThat(lookups).as("bots are turned away before any lookup").hasValue(0);
		assertThat(failures(accountId)).isZero();
	}

	@Test
	void admitWhenWhatWasTypedCannotNameAnAccountThenOnlyTheNetworkLimitIsAskedAndNothingIsReserved() {
		PasswordAttempt malformed = new PasswordAttempt(ClientIp.of("192.0.2.87"), null, true, SignInGate.CaptchaPolicy.NEVER,
				() -> new SignInGate.Named(null, null, null));

		assertThat(this.gate.admit(malformed)).isEqualTo(new AttemptDecision.Allowed(null));
	}

	private static PasswordAttempt attempt(UUID accountId, String ip) {
		return new PasswordAttempt(ClientIp.of(ip), null, false, SignInGate.CaptchaPolicy.NEVER,
				() -> new SignInGate.Named("someone@example.com", accountId, null));
	}

	private int failures(UUID accountId) {
		return this.jdbc.sql("select coalesce((select failures from password_throttles where subject = ?), 0)")
			.param(this.throttle.account(accountId).key())
			.query(Integer.class)
			.single();
	}
}
