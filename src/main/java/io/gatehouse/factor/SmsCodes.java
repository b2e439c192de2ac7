package io.gatehouse.factor;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.crypto.KeyedHash;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one_time_codes and code_sends tables: SMS codes bound to a purpose and a request, and the send
 * log the limits count in.
 */
@Repository
class SmsCodes {

	static final Duration VALIDITY = Duration.ofMinutes(10);

	static final int MAX_WRONG = 5;

	/** Sends allowed per hour: per account, per destination, per client IP. */
	static final int MAX_SENDS_PER_ACCOUNT = 10;

	static final int MAX_SENDS_PER_DESTINATION = 5;

	static final int MAX_SENDS_PER_IP = 20;

	static final Duration SEND_WINDOW = Duration.ofHours(1);

	private static final String PURPOSE = "sms-code";

	enum Purpose {
		SMS_ENROL, SMS_SIGN_IN
	}

	private final JdbcClient jdbc;

	private final KeyedHash keyedHash;

	SmsCodes(JdbcClient jdbc, KeyedHash keyedHash) {
		this.jdbc = jdbc;
		this.keyedHash = keyedHash;
	}

	/**
	 * Serialises sends per account, destination and IP for the rest of the caller's transaction, so that
	 * parallel requests cannot all pass {@link #maySend} before any of them is logged.
	 */
	void lockSenders(UUID accountId, String destination, String ip) {
		this.jdbc.sql("""
				select pg_advisory_xact_lock(hashtext('code-send:account:' || ?)),
				       pg_advisory_xact_lock(hashtext('code-send:destination:' || ?)),
				       pg_advisory_xact_lock(hashtext('code-send:ip:' || ?))""")
			.params(accountId.toString(), destination, ip)
			.query((rs, n) -> 1)
			.list();
	}

	/** Whether one more code may go out now, under all three limits (call under {@link #lockSenders}). */
	boolean maySend(UUID accountId, String destination, String ip, Instant now) {
		Timestamp since = Timestamp.from(now.minus(SEND_WINDOW));
		return this.jdbc.sql("""
				select (select count(*) from code_sends where account_id = ? and sent_at > ?) < ?
				   and (select count(*) from code_sends where destination = ? and sent_at > ?) < ?
				   and (select count(*) from code_sends where ip = ? and sent_at > ?) < ?""")
			.params(accountId, since, MAX_SENDS_PER_ACCOUNT, destination, since, MAX_SENDS_PER_DESTINATION, ip, since,
					MAX_SENDS_PER_IP)
			.query(Boolean.class)
			.single();
	}

	/**
	 * Stores a new code for this purpose and request, replacing any earlier one; its wrong tries and send
	 * count carry over (a resend never resets them). Logs the send.
	 *
	 * @return false when the request's code is used up (used, or out of wrong tries): no new code then
	 */
	boolean issue(UUID id, UUID accountId, Purpose purpose, UUID binding, String destination, String code, String ip,
			Instant now) {
		int stored = this.jdbc.sql("""
				insert into one_time_codes (id, account_id, purpose, binding, destination, code_hash, created_at, expires_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)
				on conflict (account_id, purpose, binding) do update
				    set code_hash = excluded.code_hash, destination = excluded.destination,
				        expires_at = excluded.expires_at, sends = one_time_codes.sends + 1
				    where one_time_codes.used_at is null and one_time_codes.wrong_attempts < ?""")
			.params(id, accountId, purpose.name(), binding, destination, hash(accountId, purpose, code),
					Timestamp.from(now), Timestamp.from(now.plus(VALIDITY)), MAX_WRONG)
			.update();
		if (stored == 0) {
			return false;
		}
		this.jdbc.sql("insert into code_sends (account_id, destination, ip, sent_at) values (?, ?, ?, ?)")
			.params(accountId, destination, ip, Timestamp.from(now))
			.update();
		return true;
	}

	/**
	 * Checks a code in one statement: a match marks it used, a miss counts a wrong try; an expired, used
	 * or exhausted code finds nothing. Exactly one of concurrent correct submissions wins.
	 *
	 * @return the destination the code was sent to, if the code was right
	 */
	Optional<String> redeem(UUID accountId, Purpose purpose, UUID binding, String code, Instant now) {
		byte[] presented = hash(accountId, purpose, code);
		return this.jdbc.sql("""
				update one_time_codes
				   set used_at = case when code_hash = ? then ?::timestamptz else null end,
				       wrong_attempts = wrong_attempts + case when code_hash = ? then 0 else 1 end
				 where account_id = ? and purpose = ? and binding = ? and used_at is null and expires_at > ?
				   and wrong_attempts < ?
				returning used_at is not null as matched, destination""")
			.params(presented, Timestamp.from(now), presented, accountId, purpose.name(), binding, Timestamp.from(now),
					MAX_WRONG)
			.query((rs, n) -> new Redeemed(rs.getBoolean("matched"), rs.getString("destination")))
			.optional()
			.filter(Redeemed::matched)
			.map(Redeemed::destination);
	}

	private record Redeemed(boolean matched, String destination) {
	}

	void deleteExpiredBefore(Instant cutoff) {
		this.jdbc.sql("delete from one_time_codes where expires_at < ?").param(Timestamp.from(cutoff)).update();
		this.jdbc.sql("delete from code_sends where sent_at < ?").param(Timestamp.from(cutoff)).update();
	}

	/** Bound to account and purpose as well as the code, so a code for one thing is worthless for another. */
	private byte[] hash(UUID accountId, Purpose purpose, String code) {
		return this.keyedHash.hash(PURPOSE, accountId + ":" + purpose.name() + ":" + code);
	}
}
