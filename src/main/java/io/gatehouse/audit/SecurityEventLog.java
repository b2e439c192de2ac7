package io.gatehouse.audit;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.gatehouse.shared.AuditableEvent;
import io.gatehouse.shared.KeyedHash;
import io.gatehouse.shared.RequestContext;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records every {@link AuditableEvent} in the transaction that published it: if the change rolls
 * back, so does its event, and no change commits without its event.
 */
@Service
public class SecurityEventLog {

	private final SecurityEvents events;

	private final Clock clock;

	private final DataSource dataSource;

	private final KeyedHash keyedHash;

	SecurityEventLog(SecurityEvents events, Clock clock, KeyedHash keyedHash, DataSource dataSource) {
		this.events = events;
		this.dataSource = dataSource;
		this.clock = clock;
		this.keyedHash = keyedHash;
	}

	/** Timestamps are cut to PostgreSQL's microseconds before hashing, so a stored event re-hashes equal. */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(AuditableEvent event) {
		RequestContext context = event.context();
		String chainKey = event.accountId() != null ? event.accountId().toString()
				: event.chainSubject() != null ? event.chainSubject() : SecurityEvent.ANONYMOUS_CHAIN;
		Map<String, SecurityEvents.ChainHead> heads = headsOfThisTransaction();
		SecurityEvents.ChainHead head = heads.get(chainKey);
		if (head == null) {
			head = this.events.lockHead(chainKey);
		}
		SecurityEvent unsigned = new SecurityEvent(0, chainKey, head.lastSeq() + 1, event.accountId(),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS), event.type(), event.succeeded() ? "success" : "failure", event.reason(),
				context == null ? null : context.ip().toString(), context == null ? null : context.userAgent(),
				event.sessionId(), event.factor(),
				event.actor() != null ? event.actor() : context == null ? "system" : "account", Map.copyOf(event.details()),
				head.lastHash(), new byte[0]);
		SecurityEvent signed = withHash(unsigned, EventHashes.hash(this.keyedHash, head.lastHash(), unsigned));
		this.events.append(signed);
		heads.put(chainKey, new SecurityEvents.ChainHead(signed.seq(), signed.hash()));
	}

	/**
	 * The chain heads this transaction has locked and moved. A second event on one chain in the same
	 * transaction (a sign-in logs its risk decision and its success together) links to the head this
	 * transaction wrote, whose row it still holds locked, instead of asking the database again. Kept per
	 * connection, so a transaction of its own inside another never sees the outer one's heads.
	 */
	private Map<String, SecurityEvents.ChainHead> headsOfThisTransaction() {
		Object connection = TransactionSynchronizationManager.getResource(this.dataSource);
		if (connection == null || !TransactionSynchronizationManager.isSynchronizationActive()) {
			return new HashMap<>();
		}
		HeadsKey key = new HeadsKey(connection);
		@SuppressWarnings("unchecked")
		Map<String, SecurityEvents.ChainHead> heads = (Map<String, SecurityEvents.ChainHead>) TransactionSynchronizationManager
			.getResource(key);
		if (heads == null) {
			Map<String, SecurityEvents.ChainHead> fresh = new HashMap<>();
			TransactionSynchronizationManager.bindResource(key, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}
			});
			heads = fresh;
		}
		return heads;
	}

	/** The key of one connection's chain heads among the transaction's resources (identity of the holder). */
	private record HeadsKey(Object connection) {

		@Override
		public boolean equals(Object other) {
			return other instanceof HeadsKey k && k.connection == this.connection;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.connection);
		}
	}

	/** An account's events, newest first; {@code signInsOnly} narrows to the sign-in history. */
	public List<SecurityEvent> page(UUID accountId, boolean signInsOnly, int page, int size) {
		return this.events.page(accountId, signInsOnly, page * size, size);
	}

	/** Re-computes a chain; false if any stored event was changed, removed or reordered. */
	public boolean verifyChain(String chainKey) {
		byte[] prev = EventHashes.GENESIS;
		long seq = 0;
		for (SecurityEvent e : this.events.chain(chainKey)) {
			if (e.seq() != ++seq || !MessageDigest.isEqual(prev, e.prevHash())
					|| !MessageDigest.isEqual(EventHashes.hash(this.keyedHash, prev, e), e.hash())) {
				return false;
			}
			prev = e.hash();
		}
		return true;
	}

	private static SecurityEvent withHash(SecurityEvent e, byte[] hash) {
		return new SecurityEvent(e.id(), e.chainKey(), e.seq(), e.accountId(), e.occurredAt(), e.type(), e.outcome(),
				e.reason(), e.ip(), e.userAgent(), e.sessionId(), e.factor(), e.actor(), e.details(), e.prevHash(), hash);
	}
}
