package io.gatehouse.notify;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Randomness;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notification list in the app: each message sent to an account, by its subject and channels. Never the body:
 * what a message proves (a code, a reset or freeze link) stays on the channel it was sent to.
 */
@Service
public class InAppNotifications {

	/** What the list shows of one notice. */
	public record Notification(UUID id, String template, String subject, List<String> channels, Instant createdAt,
			@Nullable Instant readAt) {

		public boolean unread() {
			return this.readAt == null;
		}
	}

	private final JdbcClient jdbc;

	private final Randomness randomness;

	private final Clock clock;

	InAppNotifications(JdbcClient jdbc, Randomness randomness, Clock clock) {
		this.jdbc = jdbc;
		this.randomness = randomness;
		this.clock = clock;
	}

	/** Adds the notice, or the channel to the notice this transaction already added with the same template. */
	@Transactional(propagation = Propagation.MANDATORY)
	void record(UUID accountId, Channel channel, String template, String subject, Instant now) {
		this.jdbc.sql("""
				insert into notifications (id, account_id, template, subject, channels, created_at)
				values (?, ?, ?, ?, array[?], ?)
				on conflict (account_id, template, xact) do update
				  set channels = array_append(notifications.channels, excluded.channels[1])
				  where not (excluded.channels[1] = any (notifications.channels))""")
			.params(this.randomness.uuid(), accountId, template, subject, channel.name(), Timestamp.from(now))
			.update();
	}

	/** Newest first. */
	public List<Notification> page(UUID accountId, int page, int size) {
		return this.jdbc.sql("""
				select id, template, subject, channels, created_at, read_at from notifications
				where account_id = ? order by created_at desc, id offset ? limit ?""")
			.params(accountId, page * size, size)
			.query((rs, n) -> new Notification(rs.getObject("id", UUID.class), rs.getString("template"),
					rs.getString("subject"), channels(rs.getArray("channels")), rs.getTimestamp("created_at").toInstant(),
					readAt(rs.getTimestamp("read_at"))))
			.list();
	}

	public int unread(UUID accountId) {
		return this.jdbc.sql("select count(*) from notifications where account_id = ? and read_at is null")
			.param(accountId)
			.query(Integer.class)
			.single();
	}

	/** Marks the owner's notice read; false when the account has no such notice (another's is never touched). */
	@Transactional
	public boolean markRead(UUID accountId, UUID notificationId) {
		return this.jdbc.sql("update notifications set read_at = coalesce(read_at, ?) where account_id = ? and id = ?")
			.params(Timestamp.from(this.clock.instant()), accountId, notificationId)
			.update() == 1;
	}

	/** Marks every unread notice of the account read; returns how many. */
	@Transactional
	public int markAllRead(UUID accountId) {
		return this.jdbc.sql("update notifications set read_at = ? where account_id = ? and read_at is null")
			.params(Timestamp.from(this.clock.instant()), accountId)
			.update();
	}

	private static List<String> channels(Array array) throws SQLException {
		return Arrays.stream((String[]) array.getArray()).map(c -> c.equals("SMS") ? "sms" : "email").toList();
	}

	private static @Nullable Instant readAt(@Nullable Timestamp at) {
		return at == null ? null : at.toInstant();
	}
}
