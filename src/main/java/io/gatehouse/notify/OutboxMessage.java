package io.gatehouse.notify;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A message as claimed for delivery, its body already unsealed. */
record OutboxMessage(UUID id, @Nullable UUID accountId, Channel channel, String destination, String template,
		String subject, String body, int attempts, Instant createdAt) {

	@Override
	public String toString() {
		return "OutboxMessage[" + this.id + ", " + this.channel + ", template=" + this.template + ", body=<redacted>]";
	}
}
