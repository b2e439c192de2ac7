package io.gatehouse.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The security event log: AU-01, AU-02, AU-04, AU-05 of security-tests.md. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class AuditIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	SecurityEventLog log;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	EventCounts counts;

	/** An event of the test's own, on the chain of a made-up account. */
	record Happened(UUID accountId, String type) implements AuditableEvent {
	}

	@Test
	void eventsWhenJourneyRunsThenRecordedWithContextAndChainVerifies() {
		ApiClient api = new ApiClient(this.port);
		TestAccounts accounts = new TestAccounts(api);
		String email = accounts.create();
		api.post("/api/v1/signin/flows/" + api.post("/api/v1/signin/flows", null, null).text("id") + "/password",
				Map.of("identifier", email, "password", "wrong password entirely"), null);
		String token = accounts.signIn(email, TestAccounts.PASSWORD, "User-Agent", "AuditTest/1.0");
		UUID account = UUID.fromString(api.get("/api/v1/me", token).text("id"));

		List<SecurityEvent> events = this.log.page(account, HistoryFilter.ALL_EVENTS, 0, 50);

		assertThat(events).extracting(SecurityEvent::type)
			.containsSubsequence("sign_in_succeeded", "sign_in_failed", "account_created");
		SecurityEvent failed = events.stream().filter(e -> e.type().equals("sign_in_failed")).findFirst().orElseThrow();
		assertThat(failed.outcome()).isEqualTo("failure");
		assertThat(failed.reason()).isEqualTo("invalid_credentials");
		assertThat(failed.ip()).isEqualTo("127.0.0.1");
		assertThat(failed.factor()).isEqualTo("password");
		assertThat(events.getFirst().userAgent()).isEqualTo("AuditTest/1.0");
		assertThat(this.log.verifyChain(account.toString())).isTrue();
	}

	@Test
	void eventsWhenUpdatedOrDeletedThenDatabaseRefuses() {
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("update security_events set outcome = 'success'").update());
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.sql("delete from security_events").update());
	}

	@Test
	void chainWhenAnEventIsTamperedWithBehindTheTriggerThenVerificationFails() {
		ApiClient api = new ApiClient(this.port);
		TestAccounts accounts = new TestAccounts(api);
		String token = accounts.signIn(accounts.create(), TestAccounts.PASSWORD);
		String account = api.get("/api/v1/me", token).text("id");
		assertThat(this.log.verifyChain(account)).isTrue();
		this.jdbc.sql("alter table security_events disable trigger security_events_no_update").update();
		try {
			this.jdbc.sql("update security_events set ip = '203.0.113.66' where chain_key = ? and seq = 1")
				.param(account)
				.update();
		}
		finally {
			this.jdbc.sql("alter table security_events enable trigger security_events_no_update").update();
		}
		assertThat(this.log.verifyChain(account)).isFalse();
	}

	@Test
	void historyWhenAskedThenOnlyOwnEventsAndExportsInBothFormats() {
		ApiClient api = new ApiClient(this.port);
		TestAccounts accounts = new TestAccounts(api);
		String mine = accounts.signIn(accounts.create(), TestAccounts.PASSWORD);
		String theirs = accounts.signIn(accounts.create(), TestAccounts.PASSWORD);
		String theirId = api.get("/api/v1/me", theirs).text("id");

		ApiClient.Response history = api.get("/api/v1/me/events?type=sign_in&size=10", mine);
		ApiClient.Response csv = api.get("/api/v1/me/events/export?format=csv", mine);
		ApiClient.Response json = api.get("/api/v1/me/events/export?format=json", mine);

		assertThat(history.json().path("events").findValuesAsString("event")).containsOnly("sign_in_succeeded");
		assertThat(history.body()).doesNotContain(theirId);
		assertThat(csv.header("Content-Type")).startsWith("text/csv");
		assertThat(csv.header("Content-Disposition")).contains("attachment");
		assertThat(csv.body()).startsWith("time,event,outcome,reason,ip,location,factor,device\r\n").contains("account_created");
		assertThat(json.json().path("events").findValuesAsString("type")).contains("account_created", "sign_in_succeeded");
	}

	@Test
	void historyWhenFilteredThenEachFilterNarrowsInPlainWordsAndBookkeepingOnlyWhenAsked() {
		ApiClient api = new ApiClient(this.port);
		TestAccounts accounts = new TestAccounts(api);
		String email = TestAccounts.newEmail();
		accounts.create(email, TestAccounts.PASSWORD);
		accounts.signInResponse(email, "not the password at all");
		String token = accounts.signIn(email, TestAccounts.PASSWORD);

		var all = api.get("/api/v1/me/events", token).json();
		var failures = api.get("/api/v1/me/events?type=failures", token).json();
		var security = api.get("/api/v1/me/events?type=security", token).json();
		var money = api.get("/api/v1/me/events?type=money", token).json();
		var everything = api.get("/api/v1/me/events?type=all_events", token).json();
		ApiClient.Response unknown = api.get("/api/v1/me/events?type=everything", token);

		assertThat(all.path("type").asString()).isEqualTo("all");
		assertThat(all.path("events").findValuesAsString("event"))
			.contains("account_created", "sign_in_failed", "sign_in_succeeded")
			.doesNotContain("risk_assessed");
		assertThat(all.path("events").findValuesAsString("title")).contains("Account created", "Signed in",
				"Sign-in failed");
		assertThat(all.path("events").findValuesAsString("deviceName")).doesNotContain("").isNotEmpty();
		assertThat(java.util.stream.StreamSupport.stream(all.path("events").spliterator(), false)
			.filter(e -> e.path("event").asString().equals("sign_in_succeeded"))
			.map(e -> e.path("notes").asString())).as("the sign-in carries what its risk assessment saw")
			.containsOnly("new device");
		assertThat(failures.path("events").findValuesAsString("event")).containsOnly("sign_in_failed");
		assertThat(security.path("events").findValuesAsString("event")).contains("account_created")
			.noneMatch(type -> type.startsWith("sign_in_") || type.equals("risk_assessed"));
		assertThat(money.path("events").findValuesAsString("event")).isEmpty();
		assertThat(everything.path("events").findValuesAsString("event")).contains("risk_assessed");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		assertThat(unknown.json().path("code").asString()).isEqualTo("history_filter_unknown");
	}

	@Test
	void logsAndEventsWhenSecretsFlowedThroughThenNoneAppear(CapturedOutput output) {
		ApiClient api = new ApiClient(this.port);
		TestAccounts accounts = new TestAccounts(api);
		String email = TestAccounts.newEmail();
		String password = "unique secret phrase " + UUID.randomUUID();
		accounts.create(email, password);
		ApiClient.Response session = accounts.signInResponse(email, password);
		String token = session.json().path("session").path("token").asString();
		String deviceToken = session.json().path("session").path("deviceToken").asString();

		String events = String.join("\n", this.jdbc.sql("select concat_ws('|', type, reason, ip, user_agent, details) "
				+ "from security_events").query(String.class).list());
		for (String secret : List.of(password, token, deviceToken)) {
			assertThat(output.getAll()).doesNotContain(secret);
			assertThat(events).doesNotContain(secret);
		}
		String outbox = String.join("\n", this.jdbc.sql("select concat_ws('|', template, subject, destination) from outbox")
			.query(String.class).list());
		assertThat(outbox).doesNotContain(password);
	}

	@Test
	void eventsWhenPublishedInOneTransactionThenCountedInsideItAndWrittenAtCommitInOrder() {
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		int countedInside = this.tx.execute(status -> {
			this.events.publishEvent(new Happened(second, "test_one"));
			this.events.publishEvent(new Happened(first, "test_one"));
			this.events.publishEvent(new Happened(first, "test_two"));
			this.events.publishEvent(new Happened(first, "test_one"));
			return this.counts.since(first, "test_one", Instant.EPOCH);
		});
		this.tx.executeWithoutResult(status -> this.events.publishEvent(new Happened(first, "test_three")));

		assertThat(countedInside).isEqualTo(2);
		assertThat(this.jdbc.sql("select type from security_events where chain_key = ? order by seq")
			.param(first.toString())
			.query(String.class)
			.list()).containsExactly("test_one", "test_two", "test_one", "test_three");
		assertThat(this.log.verifyChain(first.toString())).isTrue();
		assertThat(this.log.verifyChain(second.toString())).isTrue();
	}

	@Test
	void eventsWhenTheirTransactionRollsBackThenNoneIsWritten() {
		UUID account = UUID.randomUUID();
		this.tx.executeWithoutResult(status -> {
			this.events.publishEvent(new Happened(account, "test_one"));
			status.setRollbackOnly();
		});
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.tx.executeWithoutResult(status -> {
			this.events.publishEvent(new Happened(account, "test_two"));
			throw new IllegalStateException("the change failed");
		}));

		assertThat(this.jdbc.sql("select count(*) from security_events where chain_key = ?")
			.param(account.toString())
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void chainWhenTwentyTransactionsAppendAtOnceThenEverySeqOnceAndTheChainVerifies() throws Exception {
		UUID shared = UUID.randomUUID();
		List<Callable<Void>> appends = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			UUID own = UUID.randomUUID();
			appends.add(() -> {
				this.tx.executeWithoutResult(status -> {
					// Two chains per transaction, named in opposite orders by half of them: no deadlock either way.
					UUID a = own.hashCode() % 2 == 0 ? own : shared;
					UUID b = a == own ? shared : own;
					this.events.publishEvent(new Happened(a, "test_one"));
					this.events.publishEvent(new Happened(b, "test_one"));
					this.events.publishEvent(new Happened(shared, "test_two"));
				});
				return null;
			});
		}
		try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
			for (Future<Void> done : pool.invokeAll(appends)) {
				done.get();
			}
		}

		assertThat(this.jdbc.sql("select seq from security_events where chain_key = ? order by seq")
			.param(shared.toString())
			.query(Long.class)
			.list()).hasSize(40).containsExactlyElementsOf(LongStream.rangeClosed(1, 40).boxed().toList());
		assertThat(this.log.verifyChain(shared.toString())).isTrue();
	}
}
