package io.gatehouse.withdraw;

import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Randomness;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The email codes that confirm withdrawals (table {@code withdrawal_codes}): 6 digits, 10 minutes, bound to
 * the account and a hash of the withdrawal's parameters, 5 wrong tries, used once; a new code for the same
 * parameters replaces the older one (codes for other withdrawals stay, so several can be confirmed side by
 * side); at most 20 codes an hour per account, so the mailbox cannot be flooded.
 */
@Repository
class WithdrawalCodes {

	static final Duration VALIDITY = Duration.ofMinutes(10);

	static final int MAX_FAILURES = 5;

	static final int MAX_PER_HOUR = 20;

	private static final String PURPOSE = "withdrawal-code";

	private final JdbcClient jdbc;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	WithdrawalCodes(JdbcClient jdbc, KeyedHash keyedHash, Randomness randomness, Clock clock) {
		this.jdbc = jdbc;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
	}

	/** A new code for these parameters, or empty when the hourly limit is reached. Runs in the caller's transaction. */
	Optional<String> issue(UUID accountId, byte[] paramsHash) {
		Instant now = this.clock.instant();
		long recent = this.jdbc.sql("select count(*) from withdrawal_codes where account_id = ? and created_at > ?")
			.params(accountId, Timestamp.from(now.minus(Duration.ofHours(1))))
			.query(Long.class)
			.single();
		if (recent >= MAX_PER_HOUR) {
			return Optional.empty();
		}
		this.jdbc.sql("update withdrawal_codes set used_at = ? where account_id = ? and params_hash = ? and used_at is null")
			.params(Timestamp.from(now), accountId, paramsHash)
			.update();
		String code = this.randomness.digits(6);
		this.jdbc.sql("""
				insert into withdrawal_codes (id, account_id, params_hash, code_hash, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?)""")
			.params(this.randomness.uuid(), accountId, paramsHash, this.keyedHash.hash(PURPOSE, code),
					Timestamp.from(now), Timestamp.from(now.plus(VALIDITY)))
			.update();
		return Optional.of(code);
	}

	/**
	 * Spends the live code for these parameters if the presented one matches (compared in constant time);
	 * a wrong one counts, and the fifth wrong one ends the code. Runs in the caller's transaction.
	 */
	boolean spend(UUID accountId, byte[] paramsHash, String presented) {
		Instant now = this.clock.instant();
		Optional<Live> live = this.jdbc.sql("""
				select id, code_hash from withdrawal_codes
				where account_id = ? and params_hash = ? and used_at is null and expires_at > ? and failures < ?
				order by created_at desc limit 1 for update""")
			.params(accountId, paramsHash, Timestamp.from(now), MAX_FAILURES)
			.query((rs, n) -> new Live(rs.getObject(1, UUID.class), rs.getBytes(2)))
			.optional();
		if (live.isEmpty()) {
			return false;
		}
		byte[] hash = this.keyedHash.hash(PURPOSE, presented.length() == 6 ? presented : "x");
		if (MessageDigest.isEqual(hash, live.get().hash())) {
			this.jdbc.sql("update withdrawal_codes set used_at = ? where id = ?")
				.params(Timestamp.from(now), live.get().id())
				.update();
			return true;
		}
		this.jdbc.sql("update withdrawal_codes set failures = failures + 1 where id = ?").param(live.get().id()).update();
		return false;
	}

	private record Live(UUID id, byte[] hash) {

		@Override
		public String toString() {
			return "Live[" + this.id + "]";
		}
	}
}
