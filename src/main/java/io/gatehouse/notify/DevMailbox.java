package io.gatehouse.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The development mailbox: messages are kept in the database and shown at {@code /dev/mailbox}, so a
 * newcomer can finish sign-up without an SMTP server or SMS provider.
 */
final class DevMailbox implements Transport {

	private final JdbcClient jdbc;

	private final Clock clock;

	DevMailbox(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void deliver(OutboxMessage message) {
		this.jdbc.sql("insert into dev_mailbox (channel, destination, subject, body, delivered_at) values (?, ?, ?, ?, ?)")
			.params(message.channel().name(), message.destination(), message.subject(), message.body(),
					Timestamp.from(this.clock.instant()))
			.update();
	}

	List<Entry> latest(int limit) {
		return this.jdbc.sql("select id, channel, destination, subject, body, delivered_at from dev_mailbox "
				+ "order by id desc limit ?")
			.param(limit)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("channel"), rs.getString("destination"),
					rs.getString("subject"), rs.getString("body"), rs.getTimestamp("delivered_at").toInstant()))
			.list();
	}

	record Entry(long id, String channel, String destination, String subject, String body, Instant deliveredAt) {
	}
}
