package io.gatehouse.recovery.cases;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryCaseCompleted;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes approved cases whose waiting period is over ({@link AccountRecovery} says what that does to
 * the account), and lets lapsed collecting cases go.
 */
@Component
class CaseCompleter {

	private final RecoveryCases cases;

	private final CaseSecrets secrets;

	private final AccountRecovery recovery;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	CaseCompleter(RecoveryCases cases, CaseSecrets secrets, AccountRecovery recovery, ApplicationEventPublisher events,
			TransactionTemplate tx, Clock clock) {
		this.cases = cases;
		this.secrets = secrets;
		this.recovery = recovery;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * Both deadlines are days away when they are set, so a look every few seconds is on time; each look
	 * costs two transactions, which a half-second poll would spend some 14,000 times an hour on a queue that
	 * is nearly always empty.
	 */
	@Scheduled(fixedDelayString = "${gatehouse.recovery.case.completion-interval:10s}", initialDelayString = "PT1S")
	void completeDue() {
		for (int i = 0; i < 20; i++) {
			Boolean more = this.tx.execute(s -> {
				List<UUID> due = this.cases.dueForCompletion(this.clock.instant(), 1);
				due.forEach(id -> complete(id, null, null));
				return !due.isEmpty();
			});
			if (!Boolean.TRUE.equals(more)) {
				break;
			}
		}
		this.tx.executeWithoutResult(s -> this.cases.staleCollecting(this.clock.instant(), 50)
			.forEach(id -> this.cases.find(id).ifPresent(c -> this.secrets.cancel(c, "expired", null))));
	}

	/** Completes an approved case; call inside a transaction. Nothing happens if it is not approved now. */
	void complete(UUID caseId, @Nullable String actor, @Nullable RequestContext context) {
		RecoveryCase c = this.cases.find(caseId).orElseThrow();
		if (!this.cases.move(caseId, RecoveryCase.Transition.COMPLETE)) {
			return;
		}
		this.cases.completed(caseId, this.clock.instant());
		this.recovery.recover(c, actor, context);
		this.events.publishEvent(new RecoveryCaseCompleted(c.accountId(), caseId, c.kind().wireName(), actor, context));
	}
}
