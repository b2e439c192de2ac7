package io.gatehouse.team;

import io.gatehouse.kernel.Rejection;

/** Why a sub-account step was refused, in the order the checks run. */
public enum TeamRejection implements Rejection {

	NAME_INVALID("sub_account_name_invalid", Kind.INVALID,
			"A sub-account name is 7 to 32 letters and digits, with at least one of each, and no spaces."),
	NOT_A_MASTER("sub_account_not_allowed", Kind.FORBIDDEN,
			"Only an active account of a person can have sub-accounts."),
	TOO_MANY("sub_account_limit", Kind.CONFLICT, "You have the most sub-accounts an account may have."),
	NAME_TAKEN("sub_account_name_taken", Kind.CONFLICT, "You have a sub-account of this name already."),
	UNKNOWN("sub_account_unknown", Kind.NOT_FOUND, "You have no sub-account with this id."),
	ALREADY("sub_account_state_unchanged", Kind.CONFLICT, "The sub-account is in that state already.");

	private final Definition definition;

	TeamRejection(String code, Kind kind, String message) {
		this.definition = Rejection.of(code, kind, message);
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
