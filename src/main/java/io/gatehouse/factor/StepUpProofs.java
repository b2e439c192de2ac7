package io.gatehouse.factor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Randomness;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Step-up proofs (table {@code step_up_proofs}): a 256-bit token ({@code ghp_…}) kept as a keyed hash,
 * bound to the account, the session, the action and a hash of the action's parameters (SU-02), valid for
 * five minutes, spent by one conditional update.
 */
@Repository
class StepUpProofs {

	static final Duration VALIDITY = Duration.ofMinutes(5);

	private static final String PURPOSE = "step-up";

	private final JdbcClient jdbc;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	StepUpProofs(JdbcClient jdbc, KeyedHash keyedHash, Randomness randomness, Clock clock) {
		this.jdbc = jdbc;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
	}

	/** A new proof for this session's action with these parameters; the token, shown once. */
	Issued issue(UUID accountId, UUID sessionId, StepUpAction action, byte[] paramsHash) {
		Instant now = this.clock.instant();
		String proof = "ghp_" + this.randomness.token(32);
		this.jdbc.sql("""
				insert into step_up_proofs (id, account_id, session_id, action, params_hash, token_hash, created_at,
				    expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(this.randomness.uuid(), accountId, sessionId, action.name(), paramsHash,
					this.keyedHash.hash(PURPOSE, proof), Timestamp.from(now), Timestamp.from(now.plus(VALIDITY)))
			.update();
		return new Issued(proof, now.plus(VALIDITY));
	}

	/** Spends the proof if it is live and was made for exactly this session, action and parameters. */
	boolean spend(UUID accountId, UUID sessionId, StepUpAction action, byte[] paramsHash, String proof) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("""
				update step_up_proofs set used_at = ?
				where token_hash = ? and account_id = ? and session_id = ? and action = ? and params_hash = ?
				  and used_at is null and expires_at > ?""")
			.params(Timestamp.from(now), this.keyedHash.hash(PURPOSE, proof), accountId, sessionId, action.name(),
					paramsHash, Timestamp.from(now))
			.update() == 1;
	}

	/** Deletes proofs that expired a day ago; they can never be used. */
	void deleteExpired() {
		this.jdbc.sql("delete from step_up_proofs where expires_at < ?")
			.param(Timestamp.from(this.clock.instant().minus(Duration.ofDays(1))))
			.update();
	}

	/**
	 * SHA-256 over the parameters in key order, each length-prefixed, so different parameters never
	 * collide. Null keys or values are refused (as bad input, before any factor is spent).
	 */
	static byte[] paramsHash(Map<String, String> params) {
		if (params.size() > 20 || params.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null
				|| e.getKey().length() > 64 || e.getValue().length() > 1024)) {
			throw new IllegalArgumentException("step-up parameters must be at most 20 non-null short strings");
		}
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
				for (String part : new String[] { e.getKey(), e.getValue() }) {
					byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
					sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
					sha.update((byte) ':');
					sha.update(bytes);
				}
			}
			return sha.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Issued(String proof, Instant expiresAt) {

		@Override
		public String toString() {
			return "Issued[proof=<redacted>, expiresAt=" + this.expiresAt + "]";
		}
	}
}
