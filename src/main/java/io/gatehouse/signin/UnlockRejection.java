package io.gatehouse.signin;


import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of the "Unlock account" flow; none tells whether an account exists. */
public enum UnlockRejection implements Rejection {

	CODE_INVALID(Rejection.of("unlock_code_invalid", Kind.INVALID,
			"That code is wrong or has expired. Check the latest message, or ask for a new code.")),
	TICKET_INVALID(Rejection.of("unlock_ticket_invalid", Kind.INVALID,
			"This unlock has expired. Start again.")),
	SECOND_FACTOR_INVALID(Rejection.of("unlock_second_factor_invalid", Kind.INVALID,
			"That code did not work. Enter the current code from your authenticator app, or a backup code.")),
	USE_PASSKEY(Rejection.of("unlock_use_passkey", Kind.CONFLICT,
			"This account is protected by a passkey: sign in with your passkey, which the lock does not affect."));

	private final Definition definition;

	UnlockRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
