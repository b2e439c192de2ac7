package io.gatehouse.recovery.cases;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.AccountEvents.ApiKeysSuspended;
import io.gatehouse.account.AccountStatusService;
import io.gatehouse.account.CooldownService;
import io.gatehouse.factor.FactorResetService;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.session.SessionService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What a completed case does to its account. A lost-factor case removes every factor and backup code,
 * ends every session, suspends API keys and locks withdrawals for the recovery cooldown (a new factor is
 * then required before anything sensitive); an unfreeze case makes the account active again.
 */
@Component
class AccountRecovery {

	private final FactorResetService factorResets;

	private final SessionService sessions;

	private final AccountStatusService statuses;

	private final CooldownService cooldowns;

	private final RecoveryCaseProperties properties;

	private final ApplicationEventPublisher events;

	AccountRecovery(FactorResetService factorResets, SessionService sessions, AccountStatusService statuses,
			CooldownService cooldowns, RecoveryCaseProperties properties, ApplicationEventPublisher events) {
		this.factorResets = factorResets;
		this.sessions = sessions;
		this.statuses = statuses;
		this.cooldowns = cooldowns;
		this.properties = properties;
		this.events = events;
	}

	/** Call in the transaction that completes the case. */
	void recover(RecoveryCase c, @Nullable String actor, @Nullable RequestContext context) {
		switch (c.kind()) {
			case LOST_FACTOR -> {
				this.factorResets.removeAll(c.accountId(), CooldownService.LOST_FACTOR_RECOVERY, actor);
				this.sessions.revokeOthers(c.accountId(), null, CooldownService.LOST_FACTOR_RECOVERY, context);
				this.events.publishEvent(new ApiKeysSuspended(c.accountId(), CooldownService.LOST_FACTOR_RECOVERY, context));
				this.cooldowns.start(c.accountId(), this.properties.cooldown(), CooldownService.LOST_FACTOR_RECOVERY, context);
			}
			case UNFREEZE -> this.statuses.unfreeze(c.accountId(), "recovery_case", actor, context);
		}
	}
}
