package io.gatehouse.signin;


import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of the sign-in flow, in precedence order. */
public enum SignInRejection implements Rejection {

	FLOW_NOT_FOUND(Rejection.of("flow_not_found", Kind.NOT_FOUND,
			"This sign-in has ended. Start again.")),
	FLOW_EXPIRED(Rejection.of("flow_expired", Kind.GONE,
			"This sign-in took too long and has expired. Start again.")),
	WRONG_STEP(Rejection.of("flow_wrong_step", Kind.CONFLICT,
			"This step is not the next one in this sign-in.")),
	INVALID_CREDENTIALS(Rejection.of("invalid_credentials", Kind.UNAUTHENTICATED,
			"Incorrect account or password.")),
	ACCOUNT_FROZEN(Rejection.of("account_frozen", Kind.FORBIDDEN,
			"This account is frozen. To unfreeze it, prove it is you on the recovery page.")),
	CONFIRMATION_INVALID(Rejection.of("confirmation_invalid", Kind.UNAUTHENTICATED,
			"That confirmation code is wrong or has expired. Check the latest message we sent, or ask for a new code.")),
	FACTOR_NOT_ALLOWED(Rejection.of("factor_not_allowed", Kind.FORBIDDEN,
			"This way of confirming is not available for this account. Use one of the ways offered."));

	private final Definition definition;

	SignInRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
