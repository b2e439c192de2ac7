package io.gatehouse.audit;

import java.security.MessageDigest;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.crypto.SigningKey;

/**
 * Checks one chain: every event in order from seq 1, each linked to the one before, its hash the hash of its
 * content ({@link EventHashes}); and the chain's signed {@link Checkpoint}: a valid signature by the published
 * key, over an event the chain still holds with the same hash. The server runs it on the stored chains, the
 * {@code audit verify} command on an export; neither needs anything else, but version-1 links (from before the
 * chains were checkable) need the server's key and are otherwise checked for order and linkage only.
 */
final class ChainVerifier {

	private ChainVerifier() {
	}

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

		static Verdict broken(long events, long seq, String problem) {
			return new Verdict(events, 0, seq, problem, 0);
		}
	}

	/**
	 * @param events the chain, in the order given (a reordering is found, not repaired)
	 * @param checkpoint the latest signed checkpoint, if any
	 * @param publicKey the raw Ed25519 public key the checkpoint must be signed with
	 * @param v1Key the server's hash key for version-1 events; null outside the server
	 */
	static Verdict verify(List<SecurityEvent> events, @Nullable Checkpoint checkpoint, byte[] publicKey,
			@Nullable KeyedHash v1Key) {
		byte[] prev = EventHashes.GENESIS;
		long expected = 1;
		long serverOnly = 0;
		boolean v2Seen = false;
		byte @Nullable [] checkpointedHash = null;
		long n = events.size();
		for (SecurityEvent e : events) {
			if (e.seq() != expected) {
				return Verdict.broken(n, expected, e.seq() > expected
						? "seq " + expected + " is missing: the next event found is seq " + e.seq()
						: "seq " + e.seq() + " appears again or out of order where seq " + expected + " belongs");
			}
			if (!MessageDigest.isEqual(prev, e.prevHash())) {
				return Verdict.broken(n, expected, "seq " + expected + " does not link to the event before it");
			}
			if (e.hashVersion() == EventHashes.VERSION) {
				v2Seen = true;
				if (!MessageDigest.isEqual(EventHashes.hash(prev, e), e.hash())) {
					return Verdict.broken(n, expected, "seq " + expected + " was changed: its content does not match its hash");
				}
			}
			else if (e.hashVersion() == 1 && !v2Seen) {
				if (v1Key == null) {
					serverOnly++;
				}
				else if (!MessageDigest.isEqual(EventHashes.hashV1(v1Key, prev, e), e.hash())) {
					return Verdict.broken(n, expected, "seq " + expected + " was changed: its content does not match its hash");
				}
			}
			else {
				return Verdict.broken(n, expected, "seq " + expected + " has hash version " + e.hashVersion()
						+ ", which cannot follow the events before it");
			}
			if (checkpoint != null && e.seq() == checkpoint.seq()) {
				checkpointedHash = e.hash();
			}
			prev = e.hash();
			expected++;
		}
		if (checkpoint == null) {
			return new Verdict(n, serverOnly, null, null, 0);
		}
		String chainKey = events.isEmpty() ? checkpoint.chainKey() : events.getFirst().chainKey();
		if (!checkpoint.chainKey().equals(chainKey)
				|| !SigningKey.verify(publicKey, checkpoint.message(), checkpoint.signature())) {
			return Verdict.broken(n, checkpoint.seq(), "the checkpoint's signature is not the published key's");
		}
		if (checkpointedHash == null) {
			return Verdict.broken(n, n + 1, "cut short: the signed checkpoint vouches for seq " + checkpoint.seq()
					+ ", the chain ends at seq " + n);
		}
		if (!MessageDigest.isEqual(checkpointedHash, checkpoint.hash())) {
			return Verdict.broken(n, checkpoint.seq(),
					"seq " + checkpoint.seq() + " is not the event the signed checkpoint vouches for");
		}
		return new Verdict(n, serverOnly, null, null, checkpoint.seq());
	}
}
