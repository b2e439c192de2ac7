package io.gatehouse.staff;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.freeze.FreezeService;
import io.gatehouse.recovery.reset.ResetRequests;
import io.gatehouse.session.Session;
import io.gatehouse.session.SessionService;
import io.gatehouse.staff.StaffEvents.StaffActedOnAccount;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What support staff do to a customer's account (PRODUCT.md 1.11): view it, end its sessions, lock and
 * unlock its sign-in, freeze it, start a password reset (the owner gets the link; staff never see or set a
 * password or code), and, for admins, flag it high-value. Each action and its security event commit
 * together, and the event names the staff member. Role checks are the caller's; this class checks them
 * again, so no page can forget one.
 */
@Service
public class StaffSupport {

	private final Accounts accounts;

	private final SessionService sessions;

	private final FreezeService freezes;

	private final ResetRequests resets;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final SecondFactorService secondFactors;

	private final StaffLocks locks;

	StaffSupport(Accounts accounts, SessionService sessions, FreezeService freezes, ResetRequests resets,
			SecondFactorService secondFactors, ApplicationEventPublisher events, TransactionTemplate tx,
			StaffLocks locks) {
		this.locks = locks;
		this.accounts = accounts;
		this.secondFactors = secondFactors;
		this.sessions = sessions;
		this.freezes = freezes;
		this.resets = resets;
		this.events = events;
		this.tx = tx;
	}

	/**
	 * What support sees of an account: its state, the kinds of second factor it has (never a secret), its
	 * live sessions. Email and phone are shown masked by the pages and the API.
	 */
	public record AccountView(Account account, boolean highValue, boolean locked, List<String> factors,
			List<Session> sessions) {
	}

	/** An account as support sees it; looking is itself recorded: staff access to personal data leaves a trace. */
	public Optional<AccountView> view(Actor.Staff member, UUID accountId, RequestContext context) {
		requireRole(member, Actor.Staff.Role.SUPPORT);
		return this.accounts.find(accountId).map(a -> {
			this.tx.executeWithoutResult(s -> acted(accountId, "viewed_account", member, context));
			return new AccountView(a, this.accounts.isHighValue(accountId), this.locks.isLocked(accountId),
					this.secondFactors.allowed(accountId).stream().map(SecondFactorService.Kind::wireName).toList(),
					this.sessions.list(accountId));
		});
	}

	/** The account with this id, for support; nothing is recorded. */
	public Optional<Account> find(Actor.Staff member, UUID accountId) {
		requireRole(member, Actor.Staff.Role.SUPPORT);
		return this.accounts.find(accountId);
	}

	/** Finds an account by its email or phone number, for support. */
	public Optional<Account> find(Actor.Staff member, String identifier) {
		requireRole(member, Actor.Staff.Role.SUPPORT);
		return Identifier.parse(identifier).flatMap(this.accounts::findByIdentifier);
	}

	public int revokeSessions(Actor.Staff member, UUID accountId, RequestContext context) {
		requireRole(member, Actor.Staff.Role.SUPPORT);
		Integer revoked = this.tx.execute(s -> {
			int n = this.sessions.revokeOthers(accountId, null, "revoked_by_staff", context);
			acted(accountId, "revoked_sessions", member, context);
			return n;
		});
		return revoked == null ? 0 : revoked;
	}

	/**
	 * Locks password sign-in until the owner unlocks it or staff do; every session ends. False if it was
	 * locked so already. {@link StaffLocks} says why a passkey still signs the owner in.
	 */
	public boolean lock(Actor.Staff member, UUID accountId, RequestContext context) {
		requireRole(member, Actor.Staff.Role.SUPPORT);
		return this.locks.lock(member, accountId, context);
	}

	/** Ends a lock (staff's or the password throttle's). False if there was none. */
	public boolean unlock(Actor.Staff member, UUID accountId, RequestContext context) {
		requireRole(member, Actor.Staff.Role.SUPPORT);
		return this.locks.unlock(member, accountId, context);
	}

	public boolean isLocked(UUID accountId) {
		return this.locks.isLocked(accountId);
	}

	public boolean freeze(Actor.Staff member, UUID accountId, RequestContext context) {
		requireRole(member, Actor.Staff.Role.SUPPORT);
		return this.freezes.freezeByStaff(accountId, member.auditName(), context);
	}

	public boolean startPasswordReset(Actor.Staff member, UUID accountId, RequestContext context) {
		requireRole(member, Actor.Staff.Role.SUPPORT);
		return this.resets.startForAccount(accountId, member.auditName(), context);
	}

	/** Admins flag an account whose recovery needs two different reviewers. */
	public boolean setHighValue(Actor.Staff member, UUID accountId, boolean highValue, RequestContext context) {
		requireRole(member, Actor.Staff.Role.ADMIN);
		return Boolean.TRUE.equals(this.tx.execute(s -> {
			if (!this.accounts.setHighValue(accountId, highValue)) {
				return false;
			}
			acted(accountId, highValue ? "flagged_high_value" : "unflagged_high_value", member, context);
			return true;
		}));
	}

	/**
	 * Records that a member looked at an account's data elsewhere in the console (its money, say): staff
	 * access to a customer's data always leaves a trace.
	 */
	public void recordView(Actor.Staff member, UUID accountId, String what, RequestContext context) {
		this.tx.executeWithoutResult(s -> acted(accountId, what, member, context));
	}

	private void acted(UUID accountId, String action, Actor.Staff member, RequestContext context) {
		this.events.publishEvent(new StaffActedOnAccount(accountId, action, member.auditName(), context));
	}

	public static void requireRole(Actor.Staff member, Actor.Staff.Role role) {
		if (!member.has(role)) {
			throw new RoleMissing(role);
		}
	}

	/** A page let through someone without the role; it answers 403. */
	public static final class RoleMissing extends RuntimeException {

		RoleMissing(Actor.Staff.Role role) {
			super("role " + role + " required", null, false, false);
		}
	}
}
