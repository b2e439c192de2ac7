package io.gatehouse.recovery.cases;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.AccountStatusService;
import io.gatehouse.account.CooldownService;
import io.gatehouse.factor.FactorResetService;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.RecoveryEvents.ApiKeysSuspended;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryCaseCompleted;
import io.gatehouse.session.SessionService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Completes approved cases whose waiting period is over, and lets lapsed collecting cases go. A
 * lost-factor case removes every factor and backup code, ends every session, suspends API keys and locks
 * withdrawals for the recovery cooldown (a new factor is then required before anything sensitive); an
 * unfreeze case makes the account active again.
 */
@Component
class CaseCompleter {

	private final RecoveryCases cases;

	private final CaseSecrets secrets;

	private final FactorResetService factorResets;

	private final SessionService sessions;

	private final AccountStatusService statuses;

	private final CooldownService cooldowns;

	private final RecoveryCaseProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	CaseCompleter(RecoveryCases cases, CaseSecrets secrets, FactorResetService factorResets, SessionService sessions,
			AccountStatusService statuses, CooldownService cooldowns, RecoveryCaseProperties properties,
			ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.cases = cases;
		this.secrets = secrets;
		this.factorResets = factorResets;
		this.sessions = sessions;
		this.statuses = statuses;
		this.cooldowns = cooldowns;
		this.properties = properties;
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
		switch (c.kind()) {
			case LOST_FACTOR -> {
				this.factorResets.removeAll(c.accountId(), "lost_factor_recovery", actor);
				this.sessions.revokeOthers(c.accountId(), null, "lost_factor_recovery", context);
				this.events.publishEvent(new ApiKeysSuspended(c.accountId(), "lost_factor_recovery", context));
				this.cooldowns.start(c.accountId(), this.properties.cooldown(), "lost_factor_recovery", context);
			}
			case UNFREEZE -> this.statuses.unfreeze(c.accountId(), "recovery_case", actor, context);
		}
		this.events.publishEvent(new RecoveryCaseCompleted(c.accountId(), caseId, c.kind().wireName(), actor, context));
	}
}
