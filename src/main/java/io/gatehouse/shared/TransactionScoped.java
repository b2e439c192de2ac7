package io.gatehouse.shared;

import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * State that lives as long as the current transaction, for work that waits for its commit (the
 * security event log, {@link CommitWrites}). Kept per connection, so a transaction of its own inside
 * another keeps its state apart and acts on it when it commits.
 */
public final class TransactionScoped {

	private TransactionScoped() {
	}

	/** The owner's state for the current transaction, if it has some; null outside a transaction. */
	public static <T> @Nullable T find(DataSource dataSource, Object owner, Class<T> type) {
		Key key = key(dataSource, owner);
		return key == null ? null : type.cast(TransactionSynchronizationManager.getResource(key));
	}

	/**
	 * The owner's state for the current transaction, created on first use together with its commit
	 * callback; null outside a transaction.
	 *
	 * @param beforeCommit runs right before the transaction commits (not when it rolls back)
	 * @param order where the callback runs among the transaction's others: lower first
	 */
	public static <T> @Nullable T get(DataSource dataSource, Object owner, Class<T> type, Supplier<T> create,
			Consumer<T> beforeCommit, int order) {
		Key key = key(dataSource, owner);
		if (key == null) {
			return null;
		}
		T state = type.cast(TransactionSynchronizationManager.getResource(key));
		if (state == null) {
			T fresh = create.get();
			TransactionSynchronizationManager.bindResource(key, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public int getOrder() {
					return order;
				}

				@Override
				public void beforeCommit(boolean readOnly) {
					beforeCommit.accept(fresh);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}
			});
			state = fresh;
		}
		return state;
	}

	private static @Nullable Key key(DataSource dataSource, Object owner) {
		Object connection = TransactionSynchronizationManager.getResource(dataSource);
		if (connection == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		return new Key(owner, connection);
	}

	/** One owner's state on one connection: both by identity. */
	private record Key(Object owner, Object connection) {

		@Override
		public boolean equals(Object other) {
			return other instanceof Key k && k.owner == this.owner && k.connection == this.connection;
		}

		@Override
		public int hashCode() {
			return 31 * System.identityHashCode(this.owner) + System.identityHashCode(this.connection);
		}
	}
}
