package io.gatehouse.signin;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Randomness;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The unlock_codes table: one live "unlock account" code per account, and the ticket a right code yields. */
@Repository
class UnlockCodes {

	static final Duration VALIDITY = Duration.ofMinutes(10);

	static final int MAX_WRONG = 5;

	private static final String CODE_PURPOSE = "unlock-code";

	private static final String TICKET_PURPOSE = "unlock-ticket";

	enum Channel {
		EMAIL, SMS
	}

	private final JdbcClient jdbc;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	UnlockCodes(JdbcClient jdbc, KeyedHash keyedHash, Randomness randomness) {
		this.jdbc = jdbc;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
	}

	/**
	 * Stores a new code, replacing any earlier one. Wrong tries carry over while the old code was still
	 * live, so asking again does not buy more guesses; a code that ran out of tries blocks new ones until
	 * it expires.
	 *
	 * @return false when the account's current code is out of wrong tries
	 */
	boolean issue(UUID accountId, String code, Channel channel, Instant now) {
		return this.jdbc.sql("""
				insert into unlock_codes (account_id, code_hash, channel, created_at, expires_at) values (?, ?, ?, ?, ?)
				on conflict (account_id) do update
				    set code_hash = excluded.code_hash, channel = excluded.channel, created_at = excluded.created_at,
				        expires_at = excluded.expires_at, used_at = null, ticket_hash = null, ticket_expires_at = null,
				        wrong_attempts = case when unlock_codes.expires_at > excluded.created_at
				                              then unlock_codes.wrong_attempts else 0 end
				    where unlock_codes.wrong_attempts < ? or unlock_codes.expires_at <= excluded.created_at""")
			.params(accountId, codeHash(accountId, code), channel.name(), Timestamp.from(now),
					Timestamp.from(now.plus(VALIDITY)), MAX_WRONG)
			.update() == 1;
	}

	/**
	 * Checks a code in one statement: a match marks it used, a miss counts a wrong try. Exactly one of
	 * concurrent right submissions wins.
	 */
	boolean redeem(UUID accountId, String code, Instant now) {
		byte[] presented = codeHash(accountId, code);
		return this.jdbc.sql("""
				update unlock_codes
				   set used_at = case when code_hash = ? then ?::timestamptz else null end,
				       wrong_attempts = wrong_attempts + case when code_hash = ? then 0 else 1 end
				 where account_id = ? and used_at is null and expires_at > ? and wrong_attempts < ?
				returning used_at is not null""")
			.params(presented, Timestamp.from(now), presented, accountId, Timestamp.from(now), MAX_WRONG)
			.query(Boolean.class)
			.optional()
			.orElse(false);
	}

	/** Attaches a new 256-bit ticket for the second-factor step to a redeemed code, and returns it. */
	String attachTicket(UUID accountId, Instant now) {
		String ticket = this.randomness.token(32);
		this.jdbc.sql("update unlock_codes set ticket_hash = ?, ticket_expires_at = ? where account_id = ?")
			.params(this.keyedHash.hash(TICKET_PURPOSE, ticket), Timestamp.from(now.plus(VALIDITY)), accountId)
			.update();
		return ticket;
	}

	/** The account a live ticket belongs to, without spending it. */
	Optional<UUID> ticketAccount(String ticket, Instant now) {
		return this.jdbc.sql("select account_id from unlock_codes where ticket_hash = ? and ticket_expires_at > ?")
			.params(this.keyedHash.hash(TICKET_PURPOSE, ticket), Timestamp.from(now))
			.query(UUID.class)
			.optional();
	}

	/** Spends the ticket; exactly one of concurrent spenders gets true. */
	boolean spendTicket(String ticket, UUID accountId, Instant now) {
		return this.jdbc.sql("""
				update unlock_codes set ticket_hash = null, ticket_expires_at = null
				 where ticket_hash = ? and account_id = ? and ticket_expires_at > ?""")
			.params(this.keyedHash.hash(TICKET_PURPOSE, ticket), accountId, Timestamp.from(now))
			.update() == 1;
	}

	void deleteExpiredBefore(Instant cutoff) {
		this.jdbc.sql("delete from unlock_codes where expires_at < ?").param(Timestamp.from(cutoff)).update();
	}

	private byte[] codeHash(UUID accountId, String code) {
		return this.keyedHash.hash(CODE_PURPOSE, accountId + ":" + code);
	}
}
