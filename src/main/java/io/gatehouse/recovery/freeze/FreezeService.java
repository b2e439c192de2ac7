package io.gatehouse.recovery.freeze;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.AccountEvents.AccountFrozen;
import io.gatehouse.account.AccountEvents.ApiKeysSuspended;
import io.gatehouse.account.AccountEvents.LinkRefused;
import io.gatehouse.account.AccountStatusService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.RecoveryRejection;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "I think I am compromised" (PRODUCT.md 1.7): a freeze from settings, or from the link at the foot of
 * every security email, which works without signing in. Opening the link only shows a confirmation (mail
 * scanners open links); the freeze happens on the confirming POST. Frozen means: every session ended,
 * API keys suspended, withdrawals and transfers refused, sign-in refused with a pointer to unfreezing.
 */
@Service
public class FreezeService {

	private final FreezeLinks links;

	private final AccountStatusService statuses;

	private final RateLimits rateLimits;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	FreezeService(FreezeLinks links, AccountStatusService statuses, RateLimits rateLimits, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.links = links;
		this.statuses = statuses;
		this.rateLimits = rateLimits;
		this.events = events;
		this.tx = tx;
	}

	/** A fresh freeze link for a message to the account's owner, stored in the caller's transaction. */
	@Transactional(propagation = Propagation.MANDATORY)
	public String issueLink(UUID accountId) {
		return this.links.issue(accountId);
	}

	/** The account a live link would freeze, without spending it: the confirmation page shows only then. */
	public Optional<UUID> linkIsLive(String token) {
		return this.links.accountOf(token);
	}

	/**
	 * Spends a link and freezes its account. Exactly one of concurrent uses spends it; a used, expired or
	 * unknown link gets one answer, and counts against the network's budget.
	 */
	public Result freezeByLink(String token, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.exceeded(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return new Result.Limited(limited.get());
		}
		Optional<UUID> frozen = this.tx.execute(s -> {
			Optional<UUID> account = this.links.spend(token);
			account.ifPresent(id -> this.statuses.freeze(id, "email_link", null, context));
			return account;
		});
		if (frozen == null || frozen.isEmpty()) {
			this.tx.executeWithoutResult(s -> {
				this.rateLimits.record(LimitedAction.RESET, context.ip());
				this.events.publishEvent(new LinkRefused("freeze", RecoveryRejection.FREEZE_LINK_INVALID, context));
			});
			return new Result.Refused(RecoveryRejection.FREEZE_LINK_INVALID);
		}
		return new Result.Frozen(frozen.get());
	}

	/** The signed-in owner freezes their own account; the session ends with all the others. */
	public Result freezeSelf(Actor.Customer session, String via, RequestContext context) {
		this.tx.executeWithoutResult(s -> this.statuses.freeze(session.accountId(), via, null, context));
		return new Result.Frozen(session.accountId());
	}

	/** Support staff freeze an account they believe is compromised; the event names them. */
	public boolean freezeByStaff(UUID accountId, String actor, RequestContext context) {
		return Boolean.TRUE.equals(this.tx.execute(s -> this.statuses.freeze(accountId, "staff", actor, context)));
	}

	/**
	 * Whatever froze the account (the owner, a link, staff): API keys are suspended (D9), and the account's
	 * outstanding freeze links have done their work. In the freezing transaction.
	 */
	@EventListener
	void on(AccountFrozen event) {
		this.events.publishEvent(new ApiKeysSuspended(event.accountId(), "account_frozen", event.context(),
				event.actor()));
		this.links.spendAllOf(event.accountId());
	}

	@Scheduled(fixedDelayString = "${gatehouse.recovery.cleanup-interval:PT1H}")
	void deleteExpired() {
		this.links.deleteExpired();
	}

	public sealed interface Result {

		record Frozen(UUID accountId) implements Result {
		}

		record Refused(RecoveryRejection rejection) implements Result {
		}

		record Limited(Duration retryAfter) implements Result {
		}
	}
}
