package io.gatehouse.factor;

import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of step-up, in precedence order. */
public enum StepUpRejection implements Rejection {

	PROOF_INVALID(Rejection.of("step_up_required", Kind.UNAUTHENTICATED,
			"Confirm this action again: security verification is missing, expired or was for something else.")),
	FACTOR_NOT_ALLOWED(Rejection.of("step_up_factor_not_allowed", Kind.FORBIDDEN,
			"Confirm with your passkey or the code from your authenticator app.")),
	PASSWORD_INCORRECT(Rejection.of("current_password_incorrect", Kind.FORBIDDEN,
			"Your current password is not correct.")),
	ACTION_UNKNOWN(Rejection.of("step_up_action_unknown", Kind.INVALID,
			"Unknown action for security verification.")),
	FACTOR_ENROLMENT_REQUIRED(Rejection.of("factor_enrolment_required", Kind.FORBIDDEN,
			"Set up a passkey or an authenticator app first: your account was recovered without its old second factor.")),
	PARAMS_INVALID(Rejection.of("step_up_params_invalid", Kind.INVALID,
			"The action's parameters must be at most 20 short text values."));

	private final Definition definition;

	StepUpRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
