package io.gatehouse.kucoin;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.Race;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** AK-10: KuCoin-style budgets per key and address, shared through PostgreSQL, in fixed windows. */
@IntegrationTest
class KucoinRateLimitsTests {

	@Autowired
	KucoinRateLimits limits;

	@Autowired
	MutableClock clock;

	@Test
	void whenTheBudgetIsSpentThenExceededUntilTheWindowEnds() {
		String bucket = "test:" + UUID.randomUUID();
		for (int i = 3; i > 0; i--) {
			KucoinRateLimits.Budget b = this.limits.hit(bucket, 3);
			assertThat(b.exceeded()).isFalse();
			assertThat(b.remaining()).isEqualTo(i - 1);
		}
		KucoinRateLimits.Budget over = this.limits.hit(bucket, 3);
		assertThat(over.exceeded()).isTrue();
		assertThat(over.remaining()).isZero();
		assertThat(over.resetMillis()).isBetween(1L, 30_000L);

		this.clock.advance(Duration.ofMillis(over.resetMillis()));
		assertThat(this.limits.hit(bucket, 3).exceeded()).isFalse();
	}

	@Test
	void whenFortyRequestsRaceForTenThenExactlyTenPass() throws Exception {
		String bucket = "test:" + UUID.randomUUID();
		assertThat(Race.successes(40, () -> !this.limits.hit(bucket, 10).exceeded())).isEqualTo(10);
	}
}
