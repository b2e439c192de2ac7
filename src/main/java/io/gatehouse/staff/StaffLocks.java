package io.gatehouse.staff;

import java.time.Clock;
import java.util.UUID;

import io.gatehouse.abuse.PasswordThrottle;
import io.gatehouse.account.Accounts;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.session.SessionService;
import io.gatehouse.staff.StaffEvents.StaffActedOnAccount;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Support's lock on password sign-in, kept in the account's password throttle row: set and lifted by staff,
 * lifted too by the owner's unlock (a code to their email or phone, plus their second factor). The caller
 * has checked the role.
 */
@Component
class StaffLocks {

	private final Accounts accounts;

	private final PasswordThrottle throttle;

	private final SessionService sessions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	StaffLocks(Accounts accounts, PasswordThrottle throttle, SessionService sessions, ApplicationEventPublisher events,
			TransactionTemplate tx, Clock clock) {
		this.accounts = accounts;
		this.throttle = throttle;
		this.sessions = sessions;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * Locks password sign-in until the owner unlocks it (code to their email or phone, plus their second
	 * factor) or staff do; every session ends. A passkey still signs the owner in: it cannot be phished or
	 * guessed, and a passkey-only account would otherwise have no way back. False if it was locked so already.
	 */
	boolean lock(Actor.Staff member, UUID accountId, RequestContext context) {
		return Boolean.TRUE.equals(this.tx.execute(s -> {
			if (this.accounts.find(accountId).isEmpty()
					|| !this.throttle.lockUntilUnlocked(accountId, this.clock.instant())) {
				return false;
			}
			this.sessions.revokeOthers(accountId, null, "locked_by_staff", context);
			acted(accountId, "locked_account", member, context);
			return true;
		}));
	}

	/** Ends a lock (staff's or the password throttle's). False if there was none. */
	boolean unlock(Actor.Staff member, UUID accountId, RequestContext context) {
		return Boolean.TRUE.equals(this.tx.execute(s -> {
			if (!this.throttle.unlock(accountId)) {
				return false;
			}
			acted(accountId, "unlocked_account", member, context);
			return true;
		}));
	}

	boolean isLocked(UUID accountId) {
		return this.throttle.lockedByStaff(accountId)
				|| this.throttle.state(this.throttle.account(accountId), this.clock.instant()).blocked();
	}

	private void acted(UUID accountId, String action, Actor.Staff member, RequestContext context) {
		this.events.publishEvent(new StaffActedOnAccount(accountId, action, member.auditName(), context));
	}
}
