package io.gatehouse.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.SecretBox;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table. A message is claimed with {@code FOR UPDATE SKIP LOCKED} and a lease, so two
 * nodes polling at once never claim the same message; the body is erased once delivered.
 */
@Repository
class Outbox {

	private final JdbcClient jdbc;

	private final SecretBox box;

	Outbox(JdbcClient jdbc, SecretBox box) {
		this.jdbc = jdbc;
		this.box = box;
	}

	void insert(UUID id, @Nullable UUID accountId, Channel channel, String destination, String template, String subject,
			String body, Instant now) {
		SecretBox.Sealed sealed = this.box.seal(body, id.toString());
		this.jdbc.sql("""
				insert into outbox (id, account_id, channel, destination, template, subject, body_key_id, body_ciphertext,
				    created_at, available_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(id, accountId, channel.name(), destination, template, subject, sealed.keyId(), sealed.ciphertext(),
					Timestamp.from(now), Timestamp.from(now))
			.update();
	}

	List<OutboxMessage.Claimed> claim(String node, Instant now, Instant leaseUntil, int limit) {
		return this.jdbc.sql("""
				update outbox set claimed_by = ?, claimed_until = ?, attempts = attempts + 1
				where id in (
				    select id from outbox
				    where delivered_at is null and failed_at is null and available_at <= ?
				      and (claimed_until is null or claimed_until < ?)
				    order by available_at
				    limit ?
				    for update skip locked)
				returning id, account_id, channel, destination, template, subject, body_key_id, body_ciphertext,
				          attempts, created_at""")
			.params(node, Timestamp.from(leaseUntil), Timestamp.from(now), Timestamp.from(now), limit)
			.query((rs, n) -> new OutboxMessage.Claimed(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
					Channel.valueOf(rs.getString("channel")), rs.getString("destination"), rs.getString("template"),
					rs.getString("subject"), new SecretBox.Sealed(rs.getString("body_key_id"), rs.getBytes("body_ciphertext")),
					rs.getInt("attempts"), rs.getTimestamp("created_at").toInstant()))
			.list();
	}

	/** Unseals a claimed body; throws if the key is gone or the ciphertext was altered. */
	OutboxMessage open(OutboxMessage.Claimed claimed) {
		return claimed.open(this.box.open(claimed.sealedBody(), claimed.id().toString()));
	}

	/**
	 * Extends this node's claim just before sending. False if the lease ran out and another node may
	 * have the message now: then this node must not send it.
	 */
	boolean renew(UUID id, String node, Instant now, Instant leaseUntil) {
		return this.jdbc.sql("""
				update outbox set claimed_until = ?
				where id = ? and claimed_by = ? and claimed_until > ? and delivered_at is null and failed_at is null""")
			.params(Timestamp.from(leaseUntil), id, node, Timestamp.from(now))
			.update() == 1;
	}

	void delivered(UUID id, String node, Instant now) {
		this.jdbc.sql("""
				update outbox set delivered_at = ?, body_ciphertext = null, claimed_until = null, last_error = null
				where id = ? and claimed_by = ?""")
			.params(Timestamp.from(now), id, node)
			.update();
	}

	void retryLater(UUID id, String node, Instant availableAt, String error) {
		this.jdbc.sql("update outbox set available_at = ?, claimed_until = null, last_error = ? where id = ? and claimed_by = ?")
			.params(Timestamp.from(availableAt), error, id, node)
			.update();
	}

	/** Delivered and failed messages are kept for a while for support, then deleted. */
	int deleteFinishedBefore(Instant cutoff) {
		return this.jdbc.sql("delete from outbox where coalesce(delivered_at, failed_at) < ?")
			.param(Timestamp.from(cutoff))
			.update();
	}

	void failed(UUID id, String node, Instant now, String error) {
		this.jdbc.sql("""
				update outbox set failed_at = ?, body_ciphertext = null, claimed_until = null, last_error = ?
				where id = ? and claimed_by = ?""")
			.params(Timestamp.from(now), error, id, node)
			.update();
	}
}
