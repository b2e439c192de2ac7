package io.gatehouse.abuse;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.gatehouse.shared.ClientIp;
import io.gatehouse.shared.Reads;
import io.gatehouse.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sign-in's reservation, sent outside a transaction, commits without waiting for the disk, and only it:
 * the setting ends with the batch's own transaction and never reaches a caller's transaction.
 */
@IntegrationTest
class LoginThrottleReservationTests {

	private static final String SETTING = "select current_setting('synchronous_commit')";

	@Autowired
	LoginThrottle throttle;

	@Autowired
	Reads reads;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	Clock clock;

	@Test
	void reservationWhenOutsideATransactionThenCommittedWithoutWaitingAndTheConnectionKeepsItsSetting() {
		UUID accountId = UUID.randomUUID();
		Reads.Batch batch = this.reads.batch();
		Supplier<Optional<LoginThrottle.Reservation>> reserved = this.throttle.reserveForSignIn(batch,
				this.throttle.account(accountId), accountId, ClientIp.of("192.0.2.77"), false, this.clock.instant());
		Supplier<String> during = batch.add(SETTING, List.of(), rs -> rs.next() ? rs.getString(1) : "");

		batch.run();

		assertThat(reserved.get()).hasValueSatisfying(r -> assertThat(r.failures()).isEqualTo(1));
		assertThat(during.get()).isEqualTo("off");
		// Committed: another connection sees the row at once.
		assertThat(this.jdbc.sql("select failures from login_throttles where subject = ?")
			.param(this.throttle.account(accountId).key())
			.query(Integer.class)
			.single()).isEqualTo(1);
		// The pool hands this thread the connection it just returned; its setting is the server's again, whose
		// commits wait for the disk (TestDatabase, as the application's embedded server).
		for (int i = 0; i < 5; i++) {
			assertThat(this.jdbc.sql(SETTING).query(String.class).single()).isEqualTo("on");
		}
		this.throttle.clear(this.throttle.account(accountId));
	}

	@Test
	void reservationWhenInsideATransactionThenThatTransactionCommitsAsUsual() {
		UUID accountId = UUID.randomUUID();
		String during = this.tx.execute(status -> {
			Reads.Batch batch = this.reads.batch();
			this.throttle.reserveForSignIn(batch, this.throttle.account(accountId), accountId,
					ClientIp.of("192.0.2.78"), false, this.clock.instant());
			Supplier<String> setting = batch.add(SETTING, List.of(), rs -> rs.next() ? rs.getString(1) : "");
			batch.run();
			return setting.get();
		});

		assertThat(during).isEqualTo("on");
		this.throttle.clear(this.throttle.account(accountId));
	}
}
