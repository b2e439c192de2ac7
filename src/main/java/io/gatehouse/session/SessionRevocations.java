package io.gatehouse.session;

import io.gatehouse.account.AccountEvents.PasswordChanged;

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
}
