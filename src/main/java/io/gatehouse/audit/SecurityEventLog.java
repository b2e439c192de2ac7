package io.gatehouse.audit;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import io.gatehouse.shared.AuditableEvent;
import io.gatehouse.shared.CommitWrites;
import io.gatehouse.shared.Reads;
import io.gatehouse.shared.TransactionScoped;
import io.gatehouse.shared.KeyedHash;
import io.gatehouse.shared.RequestContext;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records every {@link AuditableEvent} in the transaction that published it: if the change rolls
 * back, so does its event, and no change commits without its event.
 *
 * <p>Events wait in the transaction until it commits and are then written together: per chain, one
 * statement locks the head and one appends them all and moves the head. At commit the head locks go in
 * one round trip behind the transaction's other waiting writes ({@link CommitWrites}), and the appends
 * in the next with whatever still waits, so a sign-in pays two round trips for its events, its session,
 * its closed flow and its place. A chain head stays locked only for the end of the transaction, taken
 * last and in chain-key order, so two transactions never wait for each other's chains in opposite
 * orders. Code that reads the log inside the publishing transaction calls {@link #flush()} first
 * ({@link EventCounts} does).
 */
@Service
public class SecurityEventLog {

	private final SecurityEvents events;

	private final Clock clock;

	private final DataSource dataSource;

	private final KeyedHash keyedHash;

	private final CommitWrites commitWrites;

	private final Reads reads;

	SecurityEventLog(SecurityEvents events, Clock clock, KeyedHash keyedHash, DataSource dataSource,
			CommitWrites commitWrites, Reads reads) {
		this.events = events;
		this.reads = reads;
		this.commitWrites = commitWrites;
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
		SecurityEvent unsigned = new SecurityEvent(0, chainKey, 0, event.accountId(),
				this.clock.instant().truncatedTo(ChronoUnit.MICROS), event.type(), event.succeeded() ? "success" : "failure", event.reason(),
				context == null ? null : context.ip().toString(), context == null ? null : context.userAgent(),
				event.sessionId(), event.factor(),
				event.actor() != null ? event.actor() : context == null ? "system" : "account", Map.copyOf(event.details()),
				EventHashes.GENESIS, new byte[0]);
		Pending pending = pendingOfThisTransaction();
		if (pending == null) {
			write(List.of(unsigned));
			return;
		}
		pending.events.add(unsigned);
		if (pending.committing) {
			// Published while the transaction commits (by another commit callback): written at once.
			flush(pending);
		}
	}

	/**
	 * Writes the events this transaction has published so far, so that a read of the log inside it sees
	 * them. Outside a transaction, or with nothing waiting, it does nothing.
	 */
	public void flush() {
		Pending pending = pendingOfThisTransaction();
		if (pending != null) {
			flush(pending);
		}
	}

	/** Writes the waiting events at once: each chain's head locked, then its events appended. */
	private void flush(Pending pending) {
		if (!pending.events.isEmpty()) {
			List<SecurityEvent> waiting = List.copyOf(pending.events);
			pending.events.clear();
			write(waiting);
		}
	}

	/** Links and appends events: chains in key order, each chain's events in the order they were published. */
	private void write(List<SecurityEvent> unsigned) {
		byChain(unsigned).forEach((chainKey, chain) -> this.events.append(link(this.events.lockHead(chainKey), chain)));
	}

	/**
	 * At commit: the transaction's other waiting writes ({@link CommitWrites}) and the locks of every chain
	 * head it appends to go in one round trip, the heads last and in key order, as in {@link #write}; the
	 * appends then go with the writes that still wait for the commit.
	 */
	private void writeAtCommit(Pending pending) {
		Map<String, List<SecurityEvent>> byChain = byChain(pending.events);
		pending.events.clear();
		Reads.Batch batch = this.reads.batch();
		Map<String, Supplier<SecurityEvents.ChainHead>> heads = new TreeMap<>();
		byChain.keySet().forEach(chainKey -> heads.put(chainKey, this.events.lockHead(batch, chainKey)));
		this.commitWrites.sendWaitingWith(batch);
		byChain.forEach((chainKey, chain) -> {
			SecurityEvents.Append append = this.events.appendStatement(link(heads.get(chainKey).get(), chain));
			this.commitWrites.withWaiting(append.sql(), append.params());
		});
	}

	private static Map<String, List<SecurityEvent>> byChain(List<SecurityEvent> unsigned) {
		Map<String, List<SecurityEvent>> byChain = new TreeMap<>();
		for (SecurityEvent e : unsigned) {
			byChain.computeIfAbsent(e.chainKey(), k -> new ArrayList<>()).add(e);
		}
		return byChain;
	}

	/** One chain's events, numbered and hashed after its locked head. */
	private List<SecurityEvent> link(SecurityEvents.ChainHead head, List<SecurityEvent> chain) {
		long seq = head.lastSeq();
		byte[] prev = head.lastHash();
		List<SecurityEvent> signed = new ArrayList<>(chain.size());
		for (SecurityEvent e : chain) {
			SecurityEvent linked = new SecurityEvent(0, e.chainKey(), ++seq, e.accountId(), e.occurredAt(), e.type(),
					e.outcome(), e.reason(), e.ip(), e.userAgent(), e.sessionId(), e.factor(), e.actor(), e.details(),
					prev, new byte[0]);
			SecurityEvent withHash = withHash(linked, EventHashes.hash(this.keyedHash, prev, linked));
			signed.add(withHash);
			prev = withHash.hash();
		}
		return signed;
	}

	/**
	 * The events this transaction has published and not yet written, with the commit callback that
	 * writes them; null outside a transaction. The callback runs before that of {@link CommitWrites}, so
	 * the head locks go with the writes waiting so far, and the appends with those that wait after.
	 */
	private @Nullable Pending pendingOfThisTransaction() {
		return TransactionScoped.get(this.dataSource, this, Pending.class, Pending::new, pending -> {
			pending.committing = true;
			if (!pending.events.isEmpty()) {
				writeAtCommit(pending);
			}
		}, 0);
	}

	/** Events waiting for their transaction's commit. */
	private static final class Pending {

		final List<SecurityEvent> events = new ArrayList<>();

		boolean committing;
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
