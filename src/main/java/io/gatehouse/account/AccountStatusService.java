package io.gatehouse.account;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.AccountEvents.AccountFrozen;
import io.gatehouse.account.AccountEvents.AccountUnfrozen;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Freezing and unfreezing (PRODUCT.md 1.7). A freeze is immediate and needs no proof beyond reaching
 * the button or the link: it only ever takes access away. Its consequences (sessions ended, API keys
 * suspended) follow from {@link AccountFrozen} in the same transaction; the money side refuses
 * withdrawals and transfers while the status is {@code FROZEN}. Unfreezing is for the recovery module
 * to call once recovery-grade proof is in, and starts the 24 h cooldown.
 */
@Service
public class AccountStatusService {

	private final Accounts accounts;

	private final CooldownService cooldowns;

	private final ApplicationEventPublisher events;

	AccountStatusService(Accounts accounts, CooldownService cooldowns, ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.cooldowns = cooldowns;
		this.events = events;
	}

	/** Freezes an active account; false (and nothing happens) if it was not active. */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean freeze(UUID accountId, String via, @Nullable String actor, @Nullable RequestContext context) {
		if (!this.accounts.changeStatus(accountId, Account.Status.ACTIVE, Account.Status.FROZEN)) {
			return false;
		}
		this.events.publishEvent(new AccountFrozen(accountId, via, actor, context));
		return true;
	}

	/** Unfreezes a frozen account and starts the cooldown; false if it was not frozen. */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean unfreeze(UUID accountId, String via, @Nullable String actor, @Nullable RequestContext context) {
		if (!this.accounts.changeStatus(accountId, Account.Status.FROZEN, Account.Status.ACTIVE)) {
			return false;
		}
		this.events.publishEvent(new AccountUnfrozen(accountId, via, actor, context));
		this.cooldowns.start(accountId, CooldownService.SECURITY_CHANGE, "unfrozen", context);
		return true;
	}
}
