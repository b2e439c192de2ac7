package io.gatehouse.notify;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.gatehouse.account.Account;
import io.gatehouse.account.Identifier;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.team.TeamEvents.InvitationRefused;
import io.gatehouse.team.TeamEvents.MemberInvited;
import io.gatehouse.team.TeamEvents.MemberJoined;
import io.gatehouse.team.TeamEvents.MemberRemoved;
import io.gatehouse.team.TeamEvents.MemberRoleChanged;
import io.gatehouse.team.TeamEvents.SubAccountChanged;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Team messages. The invited address gets its invitation (no link that accepts: the person signs in and accepts
 * there, with a second factor). The owner is told, on every channel as a security notice, when someone joins, when
 * another account tries an invitation, and when a member invites, changes or removes a member or creates, freezes
 * or unfreezes a sub-account; a removed member is told (without who or from where).
 */
@Component
class TeamNotices {

	private final Notices notices;

	TeamNotices(Notices notices) {
		this.notices = notices;
	}

	@EventListener
	void on(SubAccountChanged event) {
		if (event.context().member() != null) {
			toOwner(event.accountId(), event.context(), name(event.context().member()) + " " + switch (event.change()) {
				case "created" -> "created";
				case "frozen" -> "froze";
				default -> "unfroze";
			} + " the sub-account " + event.name());
		}
	}

	@EventListener
	void on(MemberInvited event) {
		if (event.context().member() != null) {
			toOwner(event.accountId(), event.context(), name(event.context().member()) + " invited "
					+ io.gatehouse.account.EmailAddress.parse(event.email()).map(e -> e.masked()).orElse("an address")
					+ " to your team as " + event.role());
		}
		// The invitee's own anti-phishing code when the address is an account already.
		Map<String, Object> variables = invitation(event);
		String code = this.notices.accountByEmail(event.email()).map(Account::antiPhishingCode).orElse(null);
		this.notices.send(null, Channel.EMAIL, event.email(), "team-invitation",
				"You are invited to a team on Gatehouse", variables, code, false);
	}

	private static Map<String, Object> invitation(MemberInvited event) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("owner", event.ownerName());
		variables.put("role", event.role());
		variables.put("expires", Notices.WHEN.format(event.expiresAt()));
		return variables;
	}

	@EventListener
	void on(MemberJoined event) {
		toOwner(event.accountId(), event.context(), name(event.memberId()) + " joined your team as " + event.role());
	}

	@EventListener
	void on(InvitationRefused event) {
		toOwner(event.accountId(), event.context(), "Another account (" + name(event.by())
				+ ") tried to accept an invitation to your team and was refused");
	}

	@EventListener
	void on(MemberRoleChanged event) {
		if (event.context().member() != null) {
			toOwner(event.accountId(), event.context(), name(event.context().member()) + " changed the role of "
					+ name(event.memberId()) + " from " + event.from() + " to " + event.to());
		}
	}

	@EventListener
	void on(MemberRemoved event) {
		if (event.left()) {
			toOwner(event.accountId(), event.context(), name(event.memberId()) + " left your team");
			return;
		}
		if (event.context().member() != null) {
			toOwner(event.accountId(), event.context(), name(event.context().member()) + " removed "
					+ name(event.memberId()) + " (" + event.role() + ") from your team");
		}
		this.notices.account(event.memberId()).ifPresent(member -> {
			// Only what happened and when: never the address or device of whoever removed them.
			String owner = this.notices.account(event.accountId()).map(TeamNotices::named).orElse("a team");
			Map<String, Object> variables = new HashMap<>();
			variables.put("when", Notices.WHEN.format(this.notices.now()));
			variables.put("what", "You were removed from the team of " + owner);
			this.notices.toAllChannels(member, "team-left", "You were removed from a team", variables, false);
		});
	}

	private void toOwner(UUID teamId, RequestContext context, String what) {
		this.notices.account(teamId).ifPresent(owner -> {
			Map<String, Object> variables = new HashMap<>(this.notices.where(context));
			variables.put("what", what);
			this.notices.toAllChannels(owner, "team-changed", "Your team changed", variables);
		});
	}

	private String name(UUID accountId) {
		return this.notices.account(accountId).map(TeamNotices::named).orElse("an account");
	}

	private static String named(Account account) {
		return account.identifiers().stream().findFirst().map(Identifier::masked).orElse("an account");
	}
}
