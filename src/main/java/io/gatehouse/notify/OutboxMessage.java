package io.gatehouse.notify;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.SecretBox;

/** A message as claimed for delivery; the body is unsealed just before sending. */
record OutboxMessage(UUID id, @Nullable UUID accountId, Channel channel, String destination, String template,
		String subject, String body, int attempts, Instant createdAt) {

	/** As claimed: the body still sealed. */
	record Claimed(UUID id, @Nullable UUID accountId, Channel channel, String destination, String template,
			String subject, SecretBox.Sealed sealedBody, int attempts, Instant createdAt) {

		OutboxMessage open(String body) {
			return new OutboxMessage(this.id, this.accountId, this.channel, this.destination, this.template,
					this.subject, body, this.attempts, this.createdAt);
		}
	}

	@Override
	public String toString() {
		return "OutboxMessage[" + this.id + ", " + this.channel + ", template=" + this.template + ", body=<redacted>]";
	}
}
