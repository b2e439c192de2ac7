package io.gatehouse.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.crypto.SigningKey;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the chains checkable by others and checks them itself: signs a checkpoint of every chain whose head
 * moved (hourly, and for an export at once), verifies every stored chain on a schedule and records what it
 * found per chain ({@code audit_chain_checks}), for the staff console and the metrics
 * {@code gatehouse.audit.chains} (tag {@code state}: {@code intact}, {@code broken}). Any node may run either
 * job; both are idempotent. Reads chain heads without locking them, so appends never wait for it.
 */
@Service
public class AuditChains {

	private static final Logger log = LoggerFactory.getLogger(AuditChains.class);

	private static final int BATCH = 1000;

	private final JdbcClient jdbc;

	private final SecurityEvents events;

	private final SigningKey signingKey;

	private final KeyedHash keyedHash;

	private final TransactionTemplate readOnly;

	private final Clock clock;

	private final AtomicLong intact = new AtomicLong();

	private final AtomicLong broken = new AtomicLong();

	AuditChains(JdbcClient jdbc, SecurityEvents events, SigningKey signingKey, KeyedHash keyedHash,
			PlatformTransactionManager transactions, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.events = events;
		this.signingKey = signingKey;
		this.keyedHash = keyedHash;
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.clock = clock;
		Gauge.builder("gatehouse.audit.chains", this.intact, AtomicLong::get).tag("state", "intact")
			.description("Chains the last verification found intact").register(meters);
		Gauge.builder("gatehouse.audit.chains", this.broken, AtomicLong::get).tag("state", "broken")
			.description("Chains the last verification found changed, reordered or cut short").register(meters);
	}

	/** What the last verification found for one chain. */
	public record ChainState(String chainKey, long events, Instant checkedAt, @Nullable Long brokenAtSeq,
			@Nullable String problem, long checkpointedSeq, @Nullable Instant checkpointedAt) {
	}

	/**
	 * The signing key's public half, as published.
	 *
	 * @param publicKey base64 of the raw 32 bytes
	 * @param pem the same as a PEM SubjectPublicKeyInfo, for openssl
	 */
	public record PublishedKey(String keyId, String publicKey, String pem) {
	}

	public PublishedKey publishedKey() {
		return new PublishedKey(this.signingKey.keyId(),
				Base64.getEncoder().encodeToString(this.signingKey.publicKey()), this.signingKey.publicKeyPem());
	}

	/** A checkpoint of the chain's head as it is now, signed now unless this key signed that head before. */
	Optional<Checkpoint> checkpoint(String chainKey) {
		record Head(long seq, byte[] hash, long v1Until) {
		}
		Optional<Head> head = this.jdbc
			.sql("select last_seq, last_hash, v1_until from security_event_chains where chain_key = ? and last_seq > 0")
			.param(chainKey)
			.query((rs, row) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3)))
			.optional();
		if (head.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		Head h = head.get();
		byte[] signature = this.signingKey.sign(Checkpoint.message(chainKey, h.seq(), h.hash(), h.v1Until(), now));
		this.jdbc.sql("""
				insert into audit_checkpoints (chain_key, seq, hash, v1_until, signed_at, key_id, signature)
				values (?, ?, ?, ?, ?, ?, ?) on conflict (chain_key, key_id, seq) do nothing""")
			.params(chainKey, h.seq(), h.hash(), h.v1Until(), Timestamp.from(now), this.signingKey.keyId(), signature)
			.update();
		return latest(chainKey);
	}

	/** The chain's newest checkpoint signed with the current key (a new key re-signs every head). */
	Optional<Checkpoint> latest(String chainKey) {
		return this.jdbc.sql("""
				select chain_key, seq, hash, v1_until, signed_at, key_id, signature from audit_checkpoints
				where chain_key = ? and key_id = ? order by seq desc limit 1""")
			.params(chainKey, this.signingKey.keyId())
			.query((rs, row) -> new Checkpoint(rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getLong(4),
					rs.getTimestamp(5).toInstant(), rs.getString(6), rs.getBytes(7)))
			.optional();
	}

	/** Signs a checkpoint for every chain whose head moved past its newest one by the current key. */
	@Scheduled(fixedDelayString = "${gatehouse.audit.checkpoint-interval:PT1H}", initialDelayString = "PT5M")
	public int checkpointAll() {
		int signed = 0;
		List<String> moved;
		do {
			moved = this.jdbc.sql("""
					select c.chain_key from security_event_chains c
					where c.last_seq > coalesce((select max(k.seq) from audit_checkpoints k
					                             where k.chain_key = c.chain_key and k.key_id = ?), 0)
					order by c.chain_key limit ?""")
				.params(this.signingKey.keyId(), BATCH)
				.query((rs, row) -> rs.getString(1))
				.list();
			for (String chainKey : moved) {
				checkpoint(chainKey);
				signed++;
			}
		}
		while (moved.size() == BATCH);
		return signed;
	}

	/**
	 * Verifies every stored chain from its first event against its newest checkpoint and records the result;
	 * returns how many are broken.
	 */
	@Scheduled(fixedDelayString = "${gatehouse.audit.verify-interval:PT6H}", initialDelayString = "PT15M")
	public long verifyAll() {
		long intactNow = 0;
		long brokenNow = 0;
		String after = "";
		List<String> keys;
		do {
			keys = this.jdbc.sql("select chain_key from security_event_chains where chain_key > ? order by chain_key limit ?")
				.params(after, BATCH)
				.query((rs, row) -> rs.getString(1))
				.list();
			for (String chainKey : keys) {
				if (verify(chainKey).intact()) {
					intactNow++;
				}
				else {
					brokenNow++;
				}
				after = chainKey;
			}
		}
		while (keys.size() == BATCH);
		this.intact.set(intactNow);
		this.broken.set(brokenNow);
		return brokenNow;
	}

	/**
	 * Verifies one stored chain and records the result. The checkpoint is read first, so every event it vouches
	 * for was committed before the events are read; they stream through in one read-only transaction.
	 */
	ChainVerifier.Verdict verify(String chainKey) {
		ChainVerifier.Verdict verdict = Objects.requireNonNull(this.readOnly.execute(s -> {
			ChainVerifier verifier = new ChainVerifier(latest(chainKey).orElse(null), this.signingKey.publicKey(),
					this.keyedHash);
			this.events.stream(chainKey, verifier::accept);
			return verifier.verdict();
		}));
		this.jdbc.sql("""
				insert into audit_chain_checks (chain_key, checked_at, events, broken_at_seq, problem) values (?, ?, ?, ?, ?)
				on conflict (chain_key) do update set checked_at = excluded.checked_at, events = excluded.events,
				    broken_at_seq = excluded.broken_at_seq, problem = excluded.problem""")
			.params(chainKey, Timestamp.from(this.clock.instant()), verdict.events(), verdict.brokenAtSeq(),
					verdict.problem())
			.update();
		return verdict;
	}

	/**
	 * Signs and verifies everything now, on a thread of its own (an admin's "verify now": a request does not wait
	 * for every chain).
	 */
	public void checkAllSoon() {
		Thread.ofVirtual().name("audit-check-now").start(() -> {
			try {
				checkpointAll();
				verifyAll();
			}
			catch (RuntimeException ex) {
				log.warn("Audit check failed: {}", ex.toString());
			}
		});
	}

	/** The gauges start from what the last verification, on any node, recorded. */
	@EventListener(ApplicationReadyEvent.class)
	void seedGauges() {
		long[] counts = counts();
		this.intact.set(counts[0]);
		this.broken.set(counts[1]);
	}

	/** What the last verification found, broken chains first, then by chain key; one page. */
	public List<ChainState> states(int page, int size) {
		return this.jdbc.sql("""
				select k.chain_key, k.events, k.checked_at, k.broken_at_seq, k.problem, p.seq, p.signed_at
				from audit_chain_checks k
				left join lateral (select seq, signed_at from audit_checkpoints c where c.chain_key = k.chain_key
				                   order by seq desc limit 1) p on true
				order by k.broken_at_seq is null, k.chain_key offset ? limit ?""")
			.params(page * size, size)
			.query((rs, row) -> new ChainState(rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant(),
					rs.getObject(4, Long.class), rs.getString(5), rs.getLong(6),
					rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant()))
			.list();
	}

	/** How many chains the last verification found intact and broken. */
	public long[] counts() {
		return this.jdbc.sql("select count(*) filter (where broken_at_seq is null), count(*) filter (where broken_at_seq "
				+ "is not null) from audit_chain_checks")
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2) })
			.single();
	}
}
