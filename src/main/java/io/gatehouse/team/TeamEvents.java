package io.gatehouse.team;

import java.util.Map;
import java.util.UUID;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/**
 * What happens in a team, on the team's (the master account's) chain. A member's step carries their id in the
 * request context, so the log names them as its actor.
 */
public final class TeamEvents {

	private TeamEvents() {
	}

	/** @param change {@code created}, {@code frozen} or {@code unfrozen} */
	public record SubAccountChanged(UUID accountId, UUID subAccountId, String name, String change,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "sub_account_" + this.change;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("subAccount", this.subAccountId.toString(), "name", this.name);
		}
	}

	/** An invitation sent to an address, with the role it gives. */
	public record MemberInvited(UUID accountId, UUID invitationId, String email, String role, String ownerName,
			java.time.Instant expiresAt, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "team_member_invited";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("invitation", this.invitationId.toString(), "email",
					io.gatehouse.account.EmailAddress.parse(this.email).map(e -> e.masked()).orElse("?"), "role",
					this.role);
		}

		@Override
		public String toString() {
			return "MemberInvited[team=" + this.accountId + ", invitation=" + this.invitationId + "]";
		}
	}

	/** @param how {@code revoked} by the team, {@code declined} by the invited person */
	public record InvitationEnded(UUID accountId, UUID invitationId, String how, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "team_invitation_" + this.how;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("invitation", this.invitationId.toString());
		}
	}

	/** Another account tried to accept an invitation sent to someone else, or without a second factor. */
	public record InvitationRefused(UUID accountId, UUID invitationId, UUID by, String reason, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "team_invitation_refused";
		}

		/** Not the owner, not a member: the account that tried. */
		@Override
		public String actor() {
			return "account:" + this.by;
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("invitation", this.invitationId.toString(), "account", this.by.toString());
		}
	}

	public record MemberJoined(UUID accountId, UUID memberId, String role, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "team_member_joined";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("member", this.memberId.toString(), "role", this.role);
		}
	}

	public record MemberRoleChanged(UUID accountId, UUID memberId, String from, String to, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "team_member_role_changed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("member", this.memberId.toString(), "from", this.from, "to", this.to);
		}
	}

	/** @param left whether the member left on their own */
	public record MemberRemoved(UUID accountId, UUID memberId, String role, boolean left, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return this.left ? "team_member_left" : "team_member_removed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("member", this.memberId.toString(), "role", this.role);
		}
	}
}
