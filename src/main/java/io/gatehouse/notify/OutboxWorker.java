package io.gatehouse.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.gatehouse.kernel.Randomness;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Delivers outbox messages. Each poll claims a batch under a lease (other nodes skip claimed rows),
 * delivers it, and records the outcome; failures are retried with exponential backoff up to the
 * configured number of attempts. A node that dies mid-batch leaves its claims to expire, so the
 * guarantee is at-least-once with a window of one lease; two live nodes never send the same message.
 */
@Component
class OutboxWorker {

	private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);

	private static final Duration MAX_BACKOFF = Duration.ofHours(1);

	private final Outbox outbox;

	private final Transports transports;

	private final NotifyProperties properties;

	private final Clock clock;

	private final String node;

	private final Counter delivered;

	private final Counter failed;

	OutboxWorker(Outbox outbox, Transports transports, NotifyProperties properties, Clock clock, Randomness randomness,
			MeterRegistry meters) {
		this.outbox = outbox;
		this.transports = transports;
		this.properties = properties;
		this.clock = clock;
		this.node = properties.nodeId() != null ? properties.nodeId() : "node-" + randomness.token(6);
		this.delivered = Counter.builder("gatehouse.notify.messages").tag("outcome", "delivered").register(meters);
		this.failed = Counter.builder("gatehouse.notify.messages").tag("outcome", "failed").register(meters);
	}

	@Scheduled(fixedDelayString = "${gatehouse.notify.poll-interval:500ms}")
	void poll() {
		while (deliverBatch() == this.properties.batchSize()) {
			// A full batch suggests more are waiting: keep going without waiting for the next poll.
		}
	}

	@Scheduled(fixedDelayString = "${gatehouse.notify.cleanup-interval:PT1H}")
	void deleteOldMessages() {
		this.outbox.deleteFinishedBefore(this.clock.instant().minus(Duration.ofDays(30)));
	}

	/** Claims and delivers one batch; returns how many messages were claimed. */
	int deliverBatch() {
		Instant now = this.clock.instant();
		List<OutboxMessage.Claimed> batch = this.outbox.claim(this.node, now, now.plus(this.properties.lease()),
				this.properties.batchSize());
		for (OutboxMessage.Claimed message : batch) {
			deliver(message);
		}
		return batch.size();
	}

	/**
	 * Renews the lease first, so a slow batch never outlives its claim while this node is still
	 * sending: a message whose lease ran out is left to whichever node holds it now.
	 */
	private void deliver(OutboxMessage.Claimed claimed) {
		Instant now = this.clock.instant();
		if (!this.outbox.renew(claimed.id(), this.node, now, now.plus(this.properties.lease()))) {
			return;
		}
		OutboxMessage message;
		try {
			message = this.outbox.open(claimed);
		}
		catch (IllegalStateException ex) {
			log.error("Message {} ({}) cannot be unsealed: its key is missing or it was altered", claimed.id(),
					claimed.template());
			this.outbox.failed(claimed.id(), this.node, now, "unseal_failed");
			this.failed.increment();
			return;
		}
		try {
			this.transports.of(message.channel()).deliver(message);
			this.outbox.delivered(message.id(), this.node, this.clock.instant());
			this.delivered.increment();
		}
		catch (DeliveryFailed ex) {
			retryOrFail(message, Objects.requireNonNullElse(ex.getMessage(), "delivery failed"));
		}
		catch (RuntimeException ex) {
			log.warn("Message {} ({}) cannot be delivered: {}", message.id(), message.template(),
					ex.getClass().getSimpleName());
			this.outbox.failed(message.id(), this.node, this.clock.instant(), ex.getClass().getSimpleName());
			this.failed.increment();
		}
	}

	private void retryOrFail(OutboxMessage message, String error) {
		Instant now = this.clock.instant();
		if (message.attempts() >= this.properties.maxAttempts()) {
			log.warn("Message {} ({}) failed after {} attempts: {}", message.id(), message.template(),
					message.attempts(), error);
			this.outbox.failed(message.id(), this.node, now, error);
			this.failed.increment();
			return;
		}
		Duration backoff = Duration.ofSeconds(1L << Math.min(message.attempts(), 12));
		this.outbox.retryLater(message.id(), this.node, now.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff),
				error);
	}
}
