package io.gatehouse.team;

import io.gatehouse.kernel.Rejection;

/** Why a team step (sub-accounts, members, invitations, acting for the team) was refused. */
public enum TeamRejection implements Rejection {

	NAME_INVALID("sub_account_name_invalid", Kind.INVALID,
			"A sub-account name is 7 to 32 letters and digits, with at least one of each, and no spaces."),
	NOT_A_MASTER("sub_account_not_allowed", Kind.FORBIDDEN,
			"Only an active account of a person can have sub-accounts."),
	TOO_MANY("sub_account_limit", Kind.CONFLICT, "You have the most sub-accounts an account may have."),
	NAME_TAKEN("sub_account_name_taken", Kind.CONFLICT, "You have a sub-account of this name already."),
	UNKNOWN("sub_account_unknown", Kind.NOT_FOUND, "You have no sub-account with this id."),
	ALREADY("sub_account_state_unchanged", Kind.CONFLICT, "The sub-account is in that state already."),
	NOT_A_MEMBER("team_unknown", Kind.NOT_FOUND, "You are not a member of this team."),
	ROLE_TOO_LOW("team_role_insufficient", Kind.FORBIDDEN, "Your role in this team does not allow this."),
	OWNER_ONLY("team_owner_only", Kind.FORBIDDEN,
			"Only the team's owner can do this: grant or take away admin, or act on an admin."),
	OUT_OF_SCOPE("team_sub_account_not_assigned", Kind.FORBIDDEN,
			"You are assigned to some of this team's sub-accounts only, and this is not one of them."),
	ROLE_INVALID("team_role_invalid", Kind.INVALID, "A member's role is viewer, trader or admin."),
	SCOPE_INVALID("team_sub_accounts_invalid", Kind.INVALID,
			"Choose one or more of this team's sub-accounts, or leave the choice out for the whole team."),
	EMAIL_INVALID("team_invitation_email_invalid", Kind.INVALID, "Enter the email address of the person to invite."),
	INVITE_SELF("team_invitation_self", Kind.INVALID, "You cannot invite the team's own account."),
	INVITATION_OPEN("team_invitation_exists", Kind.CONFLICT, "This address has an open invitation to the team already."),
	ALREADY_MEMBER("team_member_exists", Kind.CONFLICT, "This person is a member of the team already."),
	MEMBER_LIMIT("team_member_limit", Kind.CONFLICT, "The team has the most members and open invitations it may have."),
	INVITATION_UNKNOWN("team_invitation_unknown", Kind.NOT_FOUND, "There is no open invitation with this id."),
	INVITATION_EXPIRED("team_invitation_expired", Kind.GONE,
			"This invitation has expired: ask the team for a new one."),
	INVITATION_NOT_YOURS("team_invitation_not_yours", Kind.FORBIDDEN,
			"This invitation was sent to another address: only that address can accept it."),
	SECOND_FACTOR_REQUIRED("team_second_factor_required", Kind.FORBIDDEN,
			"Set up a passkey or an authenticator app (or SMS codes) before you join a team."),
	FORMAT_INVALID("format_invalid", Kind.INVALID, "Say format=json or format=csv."),
	MEMBER_UNKNOWN("team_member_unknown", Kind.NOT_FOUND, "The team has no member with this id.");

	private final Definition definition;

	TeamRejection(String code, Kind kind, String message) {
		this.definition = Rejection.of(code, kind, message);
	}

	@Override
	public Definition definition() {
		return this.definition;
	}
}
