package io.gatehouse.factor;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.CooldownService;
import io.gatehouse.factor.FactorEvents.FactorEnrolled;
import io.gatehouse.factor.FactorEvents.FactorRemoved;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.session.SessionService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * What follows every change of a second factor, alike for each kind, in the transaction that made it:
 * the event (every channel is told), the security-change cooldown, and on removal the end of every other
 * session.
 */
@Component
class FactorChanges {

	private final ApplicationEventPublisher events;

	private final CooldownService cooldowns;

	private final SessionService sessions;

	FactorChanges(ApplicationEventPublisher events, CooldownService cooldowns, SessionService sessions) {
		this.events = events;
		this.cooldowns = cooldowns;
		this.sessions = sessions;
	}

	void enrolled(UUID accountId, @Nullable UUID factorId, String kind, RequestContext context) {
		this.events.publishEvent(new FactorEnrolled(accountId, factorId, kind, context));
		this.cooldowns.start(accountId, CooldownService.SECURITY_CHANGE, "factor_enrolled", context);
	}

	void removed(Actor.Customer session, String kind, RequestContext context) {
		this.events.publishEvent(new FactorRemoved(session.accountId(), session.sessionId(), kind, context));
		this.sessions.revokeOthers(session.accountId(), session.sessionId(), "factor_removed", context);
		this.cooldowns.start(session.accountId(), CooldownService.SECURITY_CHANGE, "factor_removed", context);
	}
}
