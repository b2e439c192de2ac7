package io.gatehouse.support;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Sends the codes of support passes started since the last run (see {@link SupportPasses#sendPending}). */
@Component
class SupportCodeSender {

	private final SupportPasses passes;

	SupportCodeSender(SupportPasses passes) {
		this.passes = passes;
	}

	@Scheduled(fixedDelayString = "${gatehouse.notify.poll-interval:500ms}")
	void send() {
		while (this.passes.sendPending(20) == 20) {
			// more are waiting
		}
	}
}
