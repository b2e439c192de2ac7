package io.gatehouse.notify;

import java.util.Map;

import io.gatehouse.support.SupportEvents.SupportCodeIssued;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** The code that proves an address for signed-out support, to that address only, with the anti-phishing code. */
@Component
class SupportCodeNotices {

	private final Notices notices;

	SupportCodeNotices(Notices notices) {
		this.notices = notices;
	}

	@EventListener
	void on(SupportCodeIssued event) {
		this.notices.account(event.accountId())
			.ifPresent(account -> this.notices.send(account.id(), Notices.channel(event.destination()),
					event.destination().value(), "support-code", "Your Gatehouse support code",
					Map.of("code", event.code(), "validMinutes", 10), account.antiPhishingCode(), false));
	}
}
