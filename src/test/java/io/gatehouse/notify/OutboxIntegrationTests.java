package io.gatehouse.notify;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.Randomness;
import io.gatehouse.testsupport.Await;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox delivers each message once over real SMTP even when several nodes poll the same database
 * (two extra workers with their own node ids, besides the application's own).
 */
@IntegrationTest
class OutboxIntegrationTests {

	@Autowired
	NotificationService notifications;

	@Autowired
	Outbox outbox;

	@Autowired
	Transports transports;

	@Autowired
	NotifyProperties properties;

	@Autowired
	Clock clock;

	@Autowired
	Randomness randomness;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	@Test
	void deliverWhenTwoNodesPollTheSameOutboxThenEveryMessageArrivesExactlyOnce() throws Exception {
		int count = 40;
		List<String> addresses = new ArrayList<>();
		this.tx.executeWithoutResult(s -> {
			for (int i = 0; i < count; i++) {
				String to = TestAccounts.newEmail();
				addresses.add(to);
				this.notifications.send(null, Channel.EMAIL, to, "password-changed", "Outbox test",
						Map.of("when", "now", "ip", "192.0.2.1", "device", "test"), null, true);
			}
		});
		OutboxWorker a = worker("node-a");
		OutboxWorker b = worker("node-b");
		CyclicBarrier barrier = new CyclicBarrier(2);
		try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
			List<Future<?>> done = new ArrayList<>();
			for (OutboxWorker w : List.of(a, b)) {
				done.add(pool.submit(() -> {
					barrier.await();
					while (w.deliverBatch() > 0) {
						// keep claiming until nothing is left
					}
					return null;
				}));
			}
			for (Future<?> f : done) {
				f.get();
			}
		}
		for (String to : addresses) {
			assertThat(TestMail.to(to, 1)).as(to).hasSize(1);
		}
		// Give a duplicate a moment to show up, if there were one.
		assertThat(TestMail.to(addresses.getLast(), 2, Duration.ofSeconds(1))).hasSize(1);
		assertThat(this.jdbc.sql("select count(*) from outbox where destination in (:to) and delivered_at is not null "
				+ "and body_ciphertext is null").param("to", addresses).query(Long.class).single()).isEqualTo(count);
	}

	@Test
	void renewWhenLeaseRanOutAndAnotherNodeClaimedThenTheFirstNodeMustNotSend() {
		String to = TestAccounts.newEmail();
		Instant now = this.clock.instant();
		this.tx.executeWithoutResult(s -> this.jdbc.sql("""
				insert into outbox (id, channel, destination, template, subject, body_key_id, body_ciphertext, created_at,
				    available_at, claimed_by, claimed_until)
				values (gen_random_uuid(), 'EMAIL', ?, 'lease-test', 'x', 'test1', '\\x00', ?, ?, 'node-a', ?)""")
			// Not yet available, so this node's own worker never claims it while the test plays both nodes.
			.params(to, Timestamp.from(now), Timestamp.from(now.plus(Duration.ofDays(1))),
					Timestamp.from(now.minusSeconds(1)))
			.update());
		UUID id = this.jdbc.sql("select id from outbox where destination = ?").param(to).query(UUID.class).single();

		assertThat(this.outbox.renew(id, "node-a", now, now.plusSeconds(60))).as("lease already expired").isFalse();
		this.jdbc.sql("update outbox set claimed_by = 'node-b', claimed_until = ? where id = ?")
			.params(Timestamp.from(now.plusSeconds(60)), id).update();
		assertThat(this.outbox.renew(id, "node-a", now, now.plusSeconds(60))).isFalse();
		assertThat(this.outbox.renew(id, "node-b", now, now.plusSeconds(90))).isTrue();
		this.jdbc.sql("update outbox set failed_at = ? where id = ?").params(Timestamp.from(now), id).update();
	}

	@Test
	void deliverWhenABodyCannotBeUnsealedThenOnlyThatMessageFailsAndOthersFlow() {
		String broken = TestAccounts.newEmail();
		String fine = TestAccounts.newEmail();
		this.tx.executeWithoutResult(s -> {
			this.notifications.send(null, Channel.EMAIL, broken, "password-changed", "Broken",
					Map.of("when", "now", "ip", "192.0.2.1", "device", "test"), null, true);
			this.notifications.send(null, Channel.EMAIL, fine, "password-changed", "Fine",
					Map.of("when", "now", "ip", "192.0.2.1", "device", "test"), null, true);
		});
		this.jdbc.sql("update outbox set body_key_id = 'removed-key' where destination = ? and delivered_at is null")
			.param(broken).update();

		assertThat(TestMail.to(fine, 1)).hasSize(1);
		assertThat(Await.until("the broken message to be marked failed",
				Duration.ofSeconds(10),
				() -> this.jdbc.sql("select last_error from outbox where destination = ? and failed_at is not null")
					.param(broken).query(String.class).optional())).isEqualTo("unseal_failed");
	}

	@Test
	void sendWhenOutsideATransactionThenRefused() {
		Assertions
			.assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.notifications.send(null, Channel.EMAIL, "x@example.com", "password-changed", "x",
					Map.of("when", "", "ip", "", "device", ""), null, true));
	}

	@Test
	void bodyWhenStoredThenSealedNotReadable() {
		String to = TestAccounts.newEmail();
		this.tx.executeWithoutResult(s -> this.notifications.send(null, Channel.EMAIL, to, "verification-code", "Code",
				Map.of("code", "424242", "validMinutes", 10), "MY-PHRASE", false));
		byte[] stored = this.jdbc.sql("select body_ciphertext from outbox where destination = ?")
			.param(to)
			.query(byte[].class)
			.optional()
			.orElse(new byte[0]);
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("424242");
		String delivered = TestMail.body(TestMail.to(to, 1).getFirst());
		assertThat(delivered).startsWith("Your anti-phishing code: MY-PHRASE").contains("424242");
	}

	private OutboxWorker worker(String node) {
		NotifyProperties p = new NotifyProperties(this.properties.email(), this.properties.from(), this.properties.sms(),
				this.properties.smsHttp(), false, this.properties.pollInterval(), 5, this.properties.lease(),
				this.properties.maxAttempts(), node);
		return new OutboxWorker(this.outbox, this.transports, p, this.clock, this.randomness, new SimpleMeterRegistry());
	}
}
