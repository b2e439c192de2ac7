package io.gatehouse.account;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Decision D10 / WD-04: a new trigger extends the lock to "latest + duration"; nothing shortens it. */
@IntegrationTest
class CooldownIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	CooldownService cooldowns;

	@Autowired
	MutableClock clock;

	@Autowired
	TransactionTemplate tx;

	@Test
	void startWhenTriggeredAgainThenExtendedButNeverShortenedAndOverWhenTimePasses() {
		ApiClient api = new ApiClient(this.port);
		String token = new TestAccounts(api).signIn(new TestAccounts(api).create(), TestAccounts.PASSWORD);
		UUID account = UUID.fromString(api.get("/api/v1/me", token).text("id"));
		Instant t0 = this.clock.instant();

		Instant first = this.tx.execute(s -> this.cooldowns.start(account, Duration.ofHours(24), "test", null));
		this.clock.advance(Duration.ofHours(1));
		Instant shorter = this.tx.execute(s -> this.cooldowns.start(account, Duration.ofHours(1), "test", null));
		this.clock.advance(Duration.ofHours(1));
		Instant extended = this.tx.execute(s -> this.cooldowns.start(account, Duration.ofHours(24), "test", null));

		assertThat(first).isEqualTo(t0.plus(Duration.ofHours(24)));
		assertThat(shorter).isEqualTo(first);
		assertThat(extended).isEqualTo(t0.plus(Duration.ofHours(26)));
		assertThat(this.cooldowns.lockedUntil(account)).contains(extended);
		this.clock.advance(Duration.ofHours(24));
		assertThat(this.cooldowns.lockedUntil(account)).isEmpty();
	}
}
