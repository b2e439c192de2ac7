package io.gatehouse.notify;

import java.util.Map;

import io.gatehouse.account.Identifier;
import io.gatehouse.support.SupportEvents.SupportRequestChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Messages about support requests: the owner is told when staff answer or close one, by email (text message when
 * the account has no email), with the anti-phishing code and never the reply's words (they are read signed in).
 */
@Component
class SupportNotices {

	private final Notices notices;

	SupportNotices(Notices notices) {
		this.notices = notices;
	}

	@EventListener
	void on(SupportRequestChanged event) {
		if (!event.change().equals("answered") && !event.change().equals("closed")) {
			return;
		}
		this.notices.account(event.accountId()).ifPresent(account -> {
			Identifier to = account.email() != null ? account.email() : account.phone();
			if (to == null) {
				return;
			}
			boolean answered = event.change().equals("answered");
			this.notices.send(account.id(), Notices.channel(to), to.value(), "support-" + event.change(),
					answered ? "Gatehouse support replied to your request" : "Your Gatehouse support request is closed",
					Map.of("request", event.requestId().toString().substring(0, 8)), account.antiPhishingCode(), false);
		});
	}
}
