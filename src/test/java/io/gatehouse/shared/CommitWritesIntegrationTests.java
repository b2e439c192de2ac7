package io.gatehouse.shared;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Writes that wait for their transaction's commit: all of them at the commit, or none. */
@IntegrationTest
class CommitWritesIntegrationTests {

	private static final String INSERT = "insert into commit_writes_probe (id, batch, note) values (?, ?, ?)";

	@Autowired
	CommitWrites writes;

	@Autowired
	Reads reads;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void table() {
		this.jdbc.sql("create table if not exists commit_writes_probe (id uuid primary key, batch uuid not null, note text)")
			.update();
	}

	@Test
	void writesWhenTheTransactionCommitsThenAllArriveAndNotBefore() {
		UUID batch = UUID.randomUUID();
		int seenInside = this.tx.execute(status -> {
			this.writes.atCommit(INSERT, List.of(UUID.randomUUID(), batch, "first"));
			this.writes.atCommit(INSERT, java.util.Arrays.asList(UUID.randomUUID(), batch, null));
			this.writes.withWaiting(INSERT, List.of(UUID.randomUUID(), batch, "joined"));
			return count(batch);
		});

		assertThat(seenInside).isZero();
		assertThat(count(batch)).isEqualTo(3);
		assertThat(this.jdbc.sql("select note from commit_writes_probe where batch = ? and note is not null order by note")
			.param(batch)
			.query(String.class)
			.list()).containsExactly("first", "joined");
	}

	@Test
	void writesWhenOneFailsAtCommitThenTheWholeTransactionRollsBack() {
		UUID batch = UUID.randomUUID();
		UUID taken = UUID.randomUUID();
		this.jdbc.sql(INSERT).params(taken, UUID.randomUUID(), "already there").update();

		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.tx.executeWithoutResult(status -> {
			this.jdbc.sql(INSERT).params(UUID.randomUUID(), batch, "written at once").update();
			this.writes.atCommit(INSERT, List.of(UUID.randomUUID(), batch, "waiting"));
			this.writes.atCommit(INSERT, List.of(taken, batch, "duplicate key"));
		}));

		assertThat(count(batch)).isZero();
	}

	@Test
	void writesWhenTheTransactionRollsBackThenNoneArrives() {
		UUID batch = UUID.randomUUID();
		this.tx.executeWithoutResult(status -> {
			this.writes.atCommit(INSERT, List.of(UUID.randomUUID(), batch, "waiting"));
			status.setRollbackOnly();
		});

		assertThat(count(batch)).isZero();
	}

	@Test
	void sendWaitingWithWhenInATransactionThenTheWaitingWritesGoFirstAndLaterOnesStillWait() {
		UUID batch = UUID.randomUUID();
		int[] seen = this.tx.execute(status -> {
			this.writes.atCommit(INSERT, List.of(UUID.randomUUID(), batch, "first"));
			this.writes.atCommit(INSERT, List.of(UUID.randomUUID(), batch, "second"));
			Reads.Batch read = this.reads.batch();
			java.util.function.Supplier<Integer> counted = read.add(
					"select count(*) from commit_writes_probe where batch = ?", List.of(batch),
					rs -> rs.next() ? rs.getInt(1) : -1);
			this.writes.sendWaitingWith(read);
			this.writes.atCommit(INSERT, List.of(UUID.randomUUID(), batch, "after"));
			this.writes.withWaiting(INSERT, List.of(UUID.randomUUID(), batch, "joined after"));
			return new int[] { counted.get(), count(batch) };
		});

		assertThat(seen).containsExactly(2, 2);
		assertThat(count(batch)).isEqualTo(4);
	}

	@Test
	void sendWaitingWithWhenNothingWaitsThenItOnlyRunsTheBatch() {
		UUID batch = UUID.randomUUID();
		this.jdbc.sql(INSERT).params(UUID.randomUUID(), batch, "there").update();
		Reads.Batch read = this.reads.batch();
		java.util.function.Supplier<Integer> counted = read.add("select count(*) from commit_writes_probe where batch = ?",
				List.of(batch), rs -> rs.next() ? rs.getInt(1) : -1);

		this.writes.sendWaitingWith(read);

		assertThat(counted.get()).isEqualTo(1);
	}

	@Test
	void sendWaitingWithWhenTheTransactionRollsBackThenTheWritesSentEarlyRollBackToo() {
		UUID batch = UUID.randomUUID();
		this.tx.executeWithoutResult(status -> {
			this.writes.atCommit(INSERT, List.of(UUID.randomUUID(), batch, "sent early"));
			this.writes.sendWaitingWith(this.reads.batch());
			status.setRollbackOnly();
		});

		assertThat(count(batch)).isZero();
	}

	@Test
	void writesWhenNoTransactionThenAtOnce() {
		UUID batch = UUID.randomUUID();
		this.writes.atCommit(INSERT, List.of(UUID.randomUUID(), batch, "now"));
		this.writes.withWaiting(INSERT, List.of(UUID.randomUUID(), batch, "now too"));

		assertThat(count(batch)).isEqualTo(2);
	}

	private int count(UUID batch) {
		return this.jdbc.sql("select count(*) from commit_writes_probe where batch = ?")
			.param(batch)
			.query(Integer.class)
			.single();
	}
}
