package io.gatehouse.notify;

import java.time.Instant;
import java.util.List;

import io.gatehouse.kernel.GatehouseProperties;

import org.springframework.stereotype.Component;

/** Read access to the development mailbox, for its page. */
@Component
public class DevMailboxView {

	private final Transports transports;

	private final boolean production;

	DevMailboxView(Transports transports, GatehouseProperties gatehouse) {
		this.transports = transports;
		this.production = gatehouse.isProduction();
	}

	/** Never in production: the page shows everyone's codes, so it is for a developer's own machine only. */
	public boolean isEnabled() {
		return !this.production && this.transports.devMailbox() != null;
	}

	public List<Message> latest(int limit) {
		DevMailbox mailbox = this.transports.devMailbox();
		if (mailbox == null || !isEnabled()) {
			return List.of();
		}
		return mailbox.latest(limit)
			.stream()
			.map(e -> new Message(e.id(), e.channel(), e.destination(), e.subject(), e.body(), e.deliveredAt()))
			.toList();
	}

	public record Message(long id, String channel, String destination, String subject, String body,
			Instant deliveredAt) {
	}
}
