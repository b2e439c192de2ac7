package io.gatehouse.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.geo.Geo;
import io.gatehouse.geo.Location;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records every {@link AuditableEvent} in the transaction that published it: if the change rolls
 * back, so does its event, and no change commits without its event. The event is in the table as soon
 * as it is published, so the rest of the transaction reads it like any other row.
 *
 * <p>This is the one place that takes a chain head's lock: a transaction's first event on a chain locks
 * the chain's head row ({@link SecurityEvents#lockHead}), and the lock is held to the end of the
 * transaction; each append links the event after the head and moves it. Concurrent appends to one chain
 * therefore queue and each links to the one before. The transaction remembers where it left each head it
 * holds, so its later events on that chain append without asking again. The head is the last lock a
 * transaction takes: code publishes its events after the writes they describe (a sign-in clears its
 * throttle row, then marks the device, then publishes), and a transaction that writes to two accounts'
 * chains publishes in chain-key order. So two transactions never hold a head and another lock the other
 * way round.
 */
@Service
public class SecurityEventLog {

	private final SecurityEvents events;

	private final Clock clock;

	private final KeyedHash keyedHash;

	private final DataSource dataSource;

	private final Geo geo;

	SecurityEventLog(SecurityEvents events, Clock clock, KeyedHash keyedHash, DataSource dataSource, Geo geo) {
		this.geo = geo;
		this.events = events;
		this.clock = clock;
		this.keyedHash = keyedHash;
		this.dataSource = dataSource;
	}

	/** The event's own actor, else a team member acting for the account, else the owner or the system. */
	static String actor(AuditableEvent event) {
		RequestContext context = event.context();
		if (event.actor() != null) {
			return event.actor();
		}
		if (context == null) {
			return "system";
		}
		return context.member() != null ? "member:" + context.member() : "account";
	}

	/** Timestamps are cut to PostgreSQL's microseconds before hashing, so a stored event re-hashes equal. */
	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(AuditableEvent event) {
		RequestContext context = event.context();
		String chainKey = event.accountId() != null ? event.accountId().toString()
				: event.chainSubject() != null ? event.chainSubject() : SecurityEvent.ANONYMOUS_CHAIN;
		Location where = context == null ? null : this.geo.locate(context.ip());
		SecurityEvent unsigned = new SecurityEvent(0, chainKey, 0, event.accountId(),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS), event.type(),
						event.succeeded() ? "success" : "failure", event.reason(),
				context == null ? null : context.ip().toString(),
				where == null ? null : where.country(), where == null ? null : where.city(),
				context == null ? null : context.userAgent(),
				event.sessionId(), event.factor(),
				actor(event),
						Map.copyOf(event.details()),
				EventHashes.VERSION, EventHashes.GENESIS, new byte[0], new byte[0]);
		Map<String, SecurityEvents.ChainHead> held = headsHeldByThisTransaction();
		SecurityEvents.ChainHead head = held.get(chainKey);
		SecurityEvent linked = link(head != null ? head : this.events.lockHead(chainKey), unsigned);
		this.events.append(linked);
		held.put(chainKey, new SecurityEvents.ChainHead(linked.seq(), linked.hash()));
	}

	/**
	 * The chain heads the current transaction holds locked, each as its last append left it. Kept with the
	 * transaction's connection, so a transaction of its own inside another keeps its heads apart, and
	 * forgotten when the transaction ends.
	 */
	@SuppressWarnings("unchecked")
	private Map<String, SecurityEvents.ChainHead> headsHeldByThisTransaction() {
		HeldHeads key = new HeldHeads(this, TransactionSynchronizationManager.getResource(this.dataSource));
		Object held = TransactionSynchronizationManager.getResource(key);
		if (held != null) {
			return (Map<String, SecurityEvents.ChainHead>) held;
		}
		Map<String, SecurityEvents.ChainHead> heads = new HashMap<>();
		TransactionSynchronizationManager.bindResource(key, heads);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(key);
			}
		});
		return heads;
	}

	/** The heads one transaction holds: this log's, on one connection; both compared by identity. */
	private record HeldHeads(Object log, @Nullable Object connection) {

		@Override
		public boolean equals(Object other) {
			return other instanceof HeldHeads h && h.log == this.log && h.connection == this.connection;
		}

		@Override
		public int hashCode() {
			return 31 * System.identityHashCode(this.log) + System.identityHashCode(this.connection);
		}
	}

	/** The event numbered and hashed after its chain's locked head. */
	private SecurityEvent link(SecurityEvents.ChainHead head, SecurityEvent e) {
		SecurityEvent linked = new SecurityEvent(0, e.chainKey(), head.lastSeq() + 1, e.accountId(), e.occurredAt(),
				e.type(), e.outcome(), e.reason(), e.ip(), e.country(), e.city(), e.userAgent(), e.sessionId(), e.factor(),
				e.actor(), e.details(), EventHashes.VERSION, head.lastHash(), new byte[0], new byte[0]);
		return withHash(linked, EventHashes.hash(head.lastHash(), linked));
	}

	/** An account's events, newest first, narrowed by the filter. */
	public List<SecurityEvent> page(UUID accountId, HistoryFilter filter, int page, int size) {
		return this.events.page(accountId, filter, page * size, size);
	}

	/** For each sign-in event given, the risk assessment logged last before it (see {@link SecurityEvents}). */
	Map<Long, SecurityEvent> assessmentsBefore(UUID accountId, List<Long> signInIds) {
		return this.events.assessmentsBefore(accountId, signInIds);
	}

	/**
	 * Re-computes a chain and its seals; false if any stored event was changed, removed, reordered or re-linked.
	 * (A cut at the end shows against the chain's signed checkpoint: {@link AuditChains#verifyAll}.)
	 */
	public boolean verifyChain(String chainKey) {
		return ChainVerifier.verify(this.events.chain(chainKey), null, new byte[0], this.keyedHash).intact();
	}

	/** The event with its hash, and the server's seal over the hash. */
	private SecurityEvent withHash(SecurityEvent e, byte[] hash) {
		return new SecurityEvent(e.id(), e.chainKey(), e.seq(), e.accountId(), e.occurredAt(), e.type(), e.outcome(),
				e.reason(), e.ip(), e.country(), e.city(), e.userAgent(), e.sessionId(), e.factor(), e.actor(),
				e.details(), e.hashVersion(), e.prevHash(), hash, ChainVerifier.seal(this.keyedHash, hash));
	}
}
