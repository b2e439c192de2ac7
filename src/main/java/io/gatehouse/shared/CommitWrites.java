package io.gatehouse.shared;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Inserts that wait for their transaction's commit and then reach the database together, in one round
 * trip, right before the commit: a hot path (a sign-in writes its closed flow, its place and its security
 * events) pays one round trip for them instead of one each. Rolled back with the transaction like any
 * other write; outside a transaction a write runs at once.
 *
 * <p>Only for rows that nothing in the same transaction reads or changes afterwards: until the commit
 * they are not in the database. Statements use positional {@code ?} parameters and return nothing.
 */
@Component
public class CommitWrites {

	private final JdbcTemplate jdbc;

	private final DataSource dataSource;

	CommitWrites(JdbcTemplate jdbc, DataSource dataSource) {
		this.jdbc = jdbc;
		this.dataSource = dataSource;
	}

	/** Writes at the commit of the current transaction (or now, outside one). */
	public void atCommit(String sql, List<?> params) {
		Batch batch = batch(true);
		if (batch == null) {
			run(List.of(new MultiStatement.Part(sql, params)));
			return;
		}
		batch.writes.add(new MultiStatement.Part(sql, params));
	}

	/**
	 * Writes with the transaction's waiting writes if it has some that are not sent yet (for a commit
	 * callback that runs before this one's, such as the security event log's), else now.
	 */
	public void withWaiting(String sql, List<?> params) {
		Batch batch = batch(false);
		if (batch == null || batch.sent) {
			run(List.of(new MultiStatement.Part(sql, params)));
			return;
		}
		batch.writes.add(new MultiStatement.Part(sql, params));
	}

	/**
	 * Sends the transaction's waiting writes now, in front of {@code batch}'s queries, in one round trip, and
	 * runs the batch: for a commit callback that must read (or lock) something after them and before its own
	 * writes, as the security event log locks its chain heads after the rows the transaction changed. Writes
	 * added afterwards wait for the commit as before. Outside a transaction, or with nothing waiting, it only
	 * runs the batch.
	 */
	public void sendWaitingWith(Reads.Batch batch) {
		Batch waiting = batch(false);
		if (waiting != null && !waiting.sent && !waiting.writes.isEmpty()) {
			batch.writeFirst(List.copyOf(waiting.writes));
			waiting.writes.clear();
		}
		batch.run();
	}

	/** One statement text with every write: pgjdbc sends them in one round trip. */
	private void run(List<MultiStatement.Part> writes) {
		if (!writes.isEmpty()) {
			MultiStatement.execute(this.jdbc, writes, PreparedStatement::execute);
		}
	}

	/** This transaction's batch; with {@code open}, created (and its commit callback registered) if missing. */
	private @Nullable Batch batch(boolean open) {
		if (!open) {
			return TransactionScoped.find(this.dataSource, this, Batch.class);
		}
		// After every other commit callback, so theirs can still join the batch.
		return TransactionScoped.get(this.dataSource, this, Batch.class, Batch::new, batch -> {
			batch.sent = true;
			run(batch.writes);
		}, Ordered.LOWEST_PRECEDENCE);
	}

	/** Writes waiting for one transaction's commit. */
	private static final class Batch {

		final List<MultiStatement.Part> writes = new ArrayList<>();

		boolean sent;
	}
}
