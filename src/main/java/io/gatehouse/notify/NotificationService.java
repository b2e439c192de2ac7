package io.gatehouse.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Randomness;
import io.gatehouse.recovery.freeze.FreezeService;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Puts messages into the outbox, and an account's into its notification list, inside the caller's transaction. */
@Service
class NotificationService {

	private final Outbox outbox;

	private final MessageTemplates templates;

	private final Randomness randomness;

	private final Clock clock;

	private final FreezeService freezes;

	private final InAppNotifications inApp;

	NotificationService(Outbox outbox, MessageTemplates templates, Randomness randomness, Clock clock,
			FreezeService freezes, InAppNotifications inApp) {
		this.freezes = freezes;
		this.inApp = inApp;
		this.outbox = outbox;
		this.templates = templates;
		this.randomness = randomness;
		this.clock = clock;
	}

	/**
	 * @param template the template name under {@code templates/notify/}
	 * @param securityNotice whether the message reports a security change and so carries the "wasn't me" path:
	 *     an email to an account gets a freeze link of its own (a text message never carries links)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void send(@Nullable UUID accountId, Channel channel, String destination, String template, String subject,
			Map<String, ?> variables, @Nullable String antiPhishingCode, boolean securityNotice) {
		String freezeLink = securityNotice && accountId != null && channel == Channel.EMAIL
				? this.freezes.issueLink(accountId) : null;
		String body = this.templates.render(template, channel, variables, antiPhishingCode, securityNotice, freezeLink);
		Instant now = this.clock.instant();
		this.outbox.insert(this.randomness.uuid(), accountId, channel, destination, template, subject, body, now);
		if (accountId != null) {
			this.inApp.record(accountId, channel, template, subject, now);
		}
	}
}
