package io.gatehouse.session;

import io.gatehouse.account.AccountEvents.AccountFrozen;
import io.gatehouse.account.AccountEvents.PasswordChanged;
import io.gatehouse.account.AccountEvents.PasswordReset;
import io.gatehouse.account.contact.ContactEvents.ContactChangeReverted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Ends other sessions when credentials change, in the transaction that changed them. */
@Component
class SessionRevocations {

	private final SessionService sessions;

	SessionRevocations(SessionService sessions) {
		this.sessions = sessions;
	}

	@EventListener
	void on(PasswordChanged event) {
		this.sessions.revokeOthers(event.accountId(), event.keptSessionId(), "password_changed", event.context());
	}

	/** A reset was done without a session: every session ends (RP-06). */
	@EventListener
	void on(PasswordReset event) {
		this.sessions.revokeOthers(event.accountId(), null, "password_reset", event.context());
	}

	/** A freeze ends every session at once, the one that asked for it included. */
	@EventListener
	void on(AccountFrozen event) {
		this.sessions.revokeOthers(event.accountId(), null, "account_frozen", event.context());
	}

	/** The owner undid a change of address from the revert link: whoever changed it is signed out too. */
	@EventListener
	void on(ContactChangeReverted event) {
		this.sessions.revokeOthers(event.accountId(), null, "contact_change_reverted", event.context());
	}
}
