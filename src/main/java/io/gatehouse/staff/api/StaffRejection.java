package io.gatehouse.staff.api;


import io.gatehouse.kernel.Rejection.Definition;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;

/** Refusals of the staff JSON API. */
enum StaffRejection implements Rejection {

	SIGN_IN_FAILED(Rejection.of("staff_signin_failed", Kind.UNAUTHENTICATED,
			"That passkey did not sign you in. Ask for new options and use the passkey registered for the console.")),
	ROLE_MISSING(Rejection.of("staff_role_missing", Kind.FORBIDDEN, "Your role does not include this.")),
	ACCOUNT_NOT_FOUND(Rejection.of("staff_account_not_found", Kind.NOT_FOUND,
			"No account has that id, email or phone number.")),
	ACCOUNT_NOT_ACTIVE(Rejection.of("staff_account_not_active", Kind.CONFLICT,
			"Only an active account can be sent a password reset.")),
	MEMBER_NOT_FOUND(Rejection.of("staff_member_not_found", Kind.NOT_FOUND,
			"No such staff member, or nothing to change.")),
	MEMBER_INVALID(Rejection.of("staff_member_invalid", Kind.INVALID,
			"Choose a username of 2 to 32 lower-case letters, digits, dots, dashes or underscores that no one has, "
					+ "a name of at most 100 characters, and at least one role of support, reviewer, admin.")),
	ROLES_INVALID(Rejection.of("staff_roles_invalid", Kind.INVALID,
			"Give at least one role: support, reviewer, admin.")),
	SELF_CHANGE(Rejection.of("staff_self_change", Kind.CONFLICT,
			"You cannot disable yourself, remove your own admin role or replace your own passkey: ask another admin."));

	private final Definition definition;

	StaffRejection(Definition definition) {
		this.definition = definition;
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
