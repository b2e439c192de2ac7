package io.gatehouse.audit;

import java.security.MessageDigest;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.crypto.SigningKey;

/**
 * Checks one chain, event by event so that a chain of any length streams through it: every event in order
 * from seq 1, each linked to the one before, its hash the hash of its content ({@link EventHashes}); and the
 * chain's signed {@link Checkpoint}: a valid signature by the given key over an event the chain still holds
 * with the same hash, and no event claiming hash version 1 past where the checkpoint says version 1 ends.
 * The {@code audit verify} command runs it on an export with the published key alone, and then a chain
 * without a checkpoint is not intact (a cut at the end, or a chain re-linked from scratch, would not show).
 * The server runs it on its tables with its hash key as well: it re-computes version-1 links and checks every
 * event's seal ({@code mac}), which whoever can write the tables cannot forge.
 */
final class ChainVerifier {

	/**
	 * @param events how many events were read
	 * @param serverOnly version-1 events whose content only the server can check (0 on the server)
	 * @param brokenAtSeq the first seq where the chain is not what it should be, or null when intact
	 * @param problem what is wrong there, in words
	 * @param checkpointed the seq the checkpoint vouches for (0 without one)
	 */
	record Verdict(long events, long serverOnly, @Nullable Long brokenAtSeq, @Nullable String problem,
			long checkpointed) {

		boolean intact() {
			return this.brokenAtSeq == null;
		}
	}

	private static final String SEAL = "audit-event";

	private final @Nullable Checkpoint checkpoint;

	private final byte[] publicKey;

	private final @Nullable KeyedHash serverKey;

	private byte[] prev = EventHashes.GENESIS;

	private long expected = 1;

	private long serverOnly;

	private boolean v2Seen;

	private byte @Nullable [] checkpointedHash;

	private @Nullable Verdict broken;

	/**
	 * @param checkpoint the chain's newest checkpoint by {@code publicKey}'s holder, if any
	 * @param publicKey the raw Ed25519 public key the checkpoint must be signed with
	 * @param serverKey the server's hash key; null outside the server
	 */
	ChainVerifier(@Nullable Checkpoint checkpoint, byte[] publicKey, @Nullable KeyedHash serverKey) {
		this.checkpoint = checkpoint;
		this.publicKey = publicKey.clone();
		this.serverKey = serverKey;
	}

	/** The seal the server keeps beside an event's hash: a MAC under its hash key. */
	static byte[] seal(KeyedHash serverKey, byte[] hash) {
		return serverKey.hash(SEAL, hash);
	}

	/** Takes the next event; false once the chain is broken (later events are not read). */
	boolean accept(SecurityEvent e) {
		if (this.broken != null) {
			return false;
		}
		String problem = problem(e);
		if (problem != null) {
			this.broken = new Verdict(this.expected, 0, this.expected, problem, 0);
			return false;
		}
		if (this.checkpoint != null && e.seq() == this.checkpoint.seq()) {
			this.checkpointedHash = e.hash();
		}
		this.prev = e.hash();
		this.expected++;
		return true;
	}

	private @Nullable String problem(SecurityEvent e) {
		long n = this.expected;
		if (e.seq() != n) {
			return e.seq() > n ? "seq " + n + " is missing: the next event found is seq " + e.seq()
					: "seq " + e.seq() + " appears again or out of order where seq " + n + " belongs";
		}
		if (!MessageDigest.isEqual(this.prev, e.prevHash())) {
			return "seq " + n + " does not link to the event before it";
		}
		if (e.hashVersion() == EventHashes.VERSION) {
			this.v2Seen = true;
			if (!MessageDigest.isEqual(EventHashes.hash(this.prev, e), e.hash())) {
				return "seq " + n + " was changed: its content does not match its hash";
			}
			if (this.serverKey != null && !MessageDigest.isEqual(seal(this.serverKey, e.hash()), e.mac())) {
				return "seq " + n + " was re-linked: its seal is not the server's";
			}
			return null;
		}
		if (e.hashVersion() != 1 || this.v2Seen) {
			return "seq " + n + " has hash version " + e.hashVersion() + ", which cannot follow the events before it";
		}
		if (this.checkpoint != null && n > this.checkpoint.v1Until()) {
			return "seq " + n + " claims hash version 1, but the signed checkpoint says version 1 ends at seq "
					+ this.checkpoint.v1Until();
		}
		if (this.serverKey == null) {
			this.serverOnly++;
			return null;
		}
		return MessageDigest.isEqual(EventHashes.hashV1(this.serverKey, this.prev, e), e.hash()) ? null
				: "seq " + n + " was changed: its content does not match its hash";
	}

	/** What the events read so far, and the checkpoint, say. */
	Verdict verdict() {
		long n = this.expected - 1;
		if (this.broken != null) {
			return this.broken;
		}
		Checkpoint c = this.checkpoint;
		if (c == null) {
			return this.serverKey == null && n > 0
					? new Verdict(n, this.serverOnly, n + 1, "no signed checkpoint: a cut at the end or a chain re-linked "
							+ "from scratch would not show", 0)
					: new Verdict(n, this.serverOnly, null, null, 0);
		}
		if (!SigningKey.keyId(this.publicKey).equals(c.keyId())) {
			return new Verdict(n, 0, c.seq(), "the checkpoint names signing key " + c.keyId() + ", not "
					+ SigningKey.keyId(this.publicKey), 0);
		}
		if (!SigningKey.verify(this.publicKey, c.message(), c.signature())) {
			return new Verdict(n, 0, c.seq(), "the checkpoint's signature is not the published key's", 0);
		}
		if (this.checkpointedHash == null) {
			return new Verdict(n, 0, n + 1, "cut short: the signed checkpoint vouches for seq " + c.seq()
					+ ", the chain ends at seq " + n, 0);
		}
		if (!MessageDigest.isEqual(this.checkpointedHash, c.hash())) {
			return new Verdict(n, 0, c.seq(), "seq " + c.seq() + " is not the event the signed checkpoint vouches for",
					0);
		}
		return new Verdict(n, this.serverOnly, null, null, c.seq());
	}

	/** Checks a whole chain given at once. */
	static Verdict verify(Iterable<SecurityEvent> events, @Nullable Checkpoint checkpoint, byte[] publicKey,
			@Nullable KeyedHash serverKey) {
		ChainVerifier verifier = new ChainVerifier(checkpoint, publicKey, serverKey);
		for (SecurityEvent e : events) {
			if (!verifier.accept(e)) {
				break;
			}
		}
		return verifier.verdict();
	}
}
