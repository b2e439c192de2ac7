package io.gatehouse.team;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.EmailAddress;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.SubAccountRows;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.TradingConfirmation;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A team's members: invited by email with a role (for the whole team or chosen sub-accounts), joining when the
 * invited address accepts while signed in with a second factor, changed and removed by the team's admins and its
 * owner. Only the owner grants admin or acts on an admin. Every step is on the team's chain, naming who took it.
 */
@Service
public class Members {

	/** How long an invitation can be accepted. */
	public static final Duration INVITATION_LIFETIME = Duration.ofHours(72);

	/** Members and open invitations one team may have. */
	public static final int MAX_MEMBERS = 50;

	/** A member as the team's admins see them. */
	public record Member(UUID memberId, String email, TeamRole role, @Nullable Set<UUID> subAccounts, UUID invitedBy,
			Instant joinedAt) {

		public String maskedEmail() {
			return EmailAddress.parse(this.email).map(EmailAddress::masked).orElse("an account without email");
		}
	}

	/** An invitation not yet accepted, declined or revoked. */
	public record Invitation(UUID id, UUID teamId, String email, TeamRole role, @Nullable Set<UUID> subAccounts,
			UUID invitedBy, Instant createdAt, Instant expiresAt) {

		public String maskedEmail() {
			return EmailAddress.parse(this.email).map(EmailAddress::masked).orElse("");
		}

		@Override
		public String toString() {
			return "Invitation[" + this.id + ", " + this.role + "]";
		}
	}

	/** A team one belongs to, named by its owner's masked identifier. */
	public record Team(UUID teamId, String owner, TeamRole role, @Nullable Set<UUID> subAccounts) {
	}

	/**
	 * The owner's confirmation for making someone an admin: a step-up proof for {@code grant_team_admin} (with
	 * {@link #inviteParams} or {@link #changeParams}) and the owner's trading password. Nothing for other roles.
	 */
	public record AdminGrant(@Nullable String proof, @Nullable String tradingPassword) {

		public static final AdminGrant NONE = new AdminGrant(null, null);

		@Override
		public String toString() {
			return "AdminGrant[<redacted>]";
		}
	}

	/** What a proof for inviting this address as an admin is made for. */
	public static Map<String, String> inviteParams(UUID teamId, String email) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("team", teamId.toString());
		params.put("email", EmailAddress.parse(email).map(EmailAddress::value).orElse(email.strip()));
		params.put("role", TeamRole.ADMIN.wireName());
		return params;
	}

	/** What a proof for making this member an admin is made for. */
	public static Map<String, String> changeParams(UUID teamId, UUID memberId) {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("team", teamId.toString());
		params.put("member", memberId.toString());
		params.put("role", TeamRole.ADMIN.wireName());
		return params;
	}

	public sealed interface Invited {

		record Done(Invitation invitation) implements Invited {
		}

		record Refused(Rejection rejection) implements Invited {
		}
	}

	private final TeamMemberRows rows;

	private final TeamAccess access;

	private final Accounts accounts;

	private final SubAccountRows subAccounts;

	private final SecondFactorService factors;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Randomness randomness;

	private final Clock clock;

	private final TradingConfirmation confirmation;

	Members(TeamMemberRows rows, TeamAccess access, Accounts accounts, SubAccountRows subAccounts,
			SecondFactorService factors, ApplicationEventPublisher events, TransactionTemplate tx, Randomness randomness,
			Clock clock, TradingConfirmation confirmation) {
		this.confirmation = confirmation;
		this.rows = rows;
		this.access = access;
		this.accounts = accounts;
		this.subAccounts = subAccounts;
		this.factors = factors;
		this.events = events;
		this.tx = tx;
		this.randomness = randomness;
		this.clock = clock;
	}

	/**
	 * Invites an address with a role. Admins invite viewers and traders; only the owner invites admins, with their
	 * step-up and trading password ({@link AdminGrant}).
	 *
	 * @param scope the sub-accounts the member will be assigned to; null or empty for the whole team
	 */
	public Invited invite(Actor.Customer actor, UUID teamId, String rawEmail, String rawRole,
			@Nullable List<UUID> scope, AdminGrant grant, RequestContext context) {
		UUID actorId = actor.accountId();
		Optional<EmailAddress> email = EmailAddress.parse(rawEmail);
		if (email.isEmpty()) {
			return new Invited.Refused(TeamRejection.EMAIL_INVALID);
		}
		Optional<TeamRole> role = TeamRole.parseMemberRole(rawRole);
		if (role.isEmpty()) {
			return new Invited.Refused(TeamRejection.ROLE_INVALID);
		}
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<TeamAccess.Access> held = this.access.hold(actorId, teamId);
			if (held.isEmpty()) {
				return new Invited.Refused(TeamRejection.NOT_A_MEMBER);
			}
			Optional<Rejection> refused = grantRefusal(held.get(), role.get());
			if (refused.isPresent()) {
				return new Invited.Refused(refused.get());
			}
			// Invitations to one team count one after another against the limit.
			this.rows.lockTeam(teamId);
			Scope subs = scope(teamId, scope);
			if (!subs.valid()) {
				return new Invited.Refused(TeamRejection.SCOPE_INVALID);
			}
			Account team = this.accounts.find(teamId).orElseThrow();
			Optional<Account> invitee = this.accounts.findByIdentifier(email.get());
			if (email.get().equals(team.email())) {
				return new Invited.Refused(TeamRejection.INVITE_SELF);
			}
			if (invitee.isPresent() && this.rows.isMember(teamId, invitee.get().id())) {
				return new Invited.Refused(TeamRejection.ALREADY_MEMBER);
			}
			Instant now = this.clock.instant();
			this.rows.expireOpen(teamId, email.get().value(), now);
			if (this.rows.membersAndOpenInvitations(teamId) >= MAX_MEMBERS) {
				return new Invited.Refused(TeamRejection.MEMBER_LIMIT);
			}
			if (role.get() == TeamRole.ADMIN) {
				Optional<Rejection> unconfirmed = this.confirmation.confirm(actor, StepUpAction.GRANT_TEAM_ADMIN,
						inviteParams(teamId, email.get().value()), grant.proof(), grant.tradingPassword(), context);
				if (unconfirmed.isPresent()) {
					return new Invited.Refused(unconfirmed.get());
				}
			}
			Invitation invitation = new Invitation(this.randomness.uuid(), teamId, email.get().value(), role.get(),
					subs.subAccounts(), actorId, now, now.plus(INVITATION_LIFETIME));
			if (!this.rows.insertInvitation(invitation)) {
				return new Invited.Refused(TeamRejection.INVITATION_OPEN);
			}
			this.events.publishEvent(new TeamEvents.MemberInvited(teamId, invitation.id(), invitation.email(),
					role.get().wireName(), ownerName(team), invitation.expiresAt(), held.get().context(context)));
			return new Invited.Done(invitation);
		}));
	}

	/** Ends an open invitation of the team before it is accepted. */
	public Optional<Rejection> revoke(UUID actorId, UUID teamId, UUID invitationId, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<TeamAccess.Access> actor = this.access.hold(actorId, teamId);
			if (actor.isEmpty()) {
				return Optional.of(TeamRejection.NOT_A_MEMBER);
			}
			Optional<Invitation> invitation = this.rows.lockOpenInvitation(invitationId)
				.filter(i -> i.teamId().equals(teamId));
			if (invitation.isEmpty()) {
				return Optional.of(TeamRejection.INVITATION_UNKNOWN);
			}
			Optional<Rejection> refused = grantRefusal(actor.get(), invitation.get().role());
			if (refused.isPresent()) {
				return refused;
			}
			this.rows.end(invitationId, "revoked", null, this.clock.instant());
			this.events.publishEvent(new TeamEvents.InvitationEnded(teamId, invitationId, "revoked",
					actor.get().context(context)));
			return Optional.<Rejection>empty();
		}));
	}

	/** The open invitations to the account's verified email address. */
	public List<Invitation> invitationsFor(UUID accountId) {
		return this.accounts.find(accountId)
			.map(Account::email)
			.map(email -> this.rows.openInvitationsTo(email.value(), this.clock.instant()))
			.orElse(List.of());
	}

	/** The team's open invitations, for its owner and its admins of the whole team. */
	public Optional<List<Invitation>> invitations(UUID actorId, UUID teamId) {
		return this.access.read(actorId, teamId)
			.filter(a -> a.role().atLeast(TeamRole.ADMIN) && a.wholeTeam())
			.map(a -> this.rows.openInvitations(teamId));
	}

	/** The team's members, for its owner and its admins of the whole team. */
	public Optional<List<Member>> members(UUID actorId, UUID teamId) {
		return this.access.read(actorId, teamId)
			.filter(a -> a.role().atLeast(TeamRole.ADMIN) && a.wholeTeam())
			.map(a -> this.rows.members(teamId));
	}

	/** The teams the account is a member of (not its own). */
	public List<Team> teamsOf(UUID accountId) {
		return this.rows.teamsOf(accountId)
			.stream()
			.map(t -> new Team(t.teamId(), this.accounts.find(t.teamId()).map(Members::ownerName).orElse("?"),
					t.role(), t.subAccounts()))
			.toList();
	}

	/**
	 * Accepts an invitation: once (the invitation row is held and ended in one transaction), before it expires, by
	 * the account whose verified email it names, with a second factor enrolled. Another account's attempt is refused
	 * and told to the owner.
	 */
	public Optional<Rejection> accept(UUID accountId, UUID invitationId, RequestContext context) {
		Optional<Rejection> refused = Objects.requireNonNull(this.tx.execute(s -> {
			Optional<Invitation> open = this.rows.lockOpenInvitation(invitationId);
			if (open.isEmpty()) {
				return Optional.of(TeamRejection.INVITATION_UNKNOWN);
			}
			Invitation invitation = open.get();
			Instant now = this.clock.instant();
			if (!now.isBefore(invitation.expiresAt())) {
				return Optional.of(TeamRejection.INVITATION_EXPIRED);
			}
			Account account = this.accounts.find(accountId).orElseThrow();
			if (account.email() == null || !account.email().value().equals(invitation.email())) {
				return Optional.of(TeamRejection.INVITATION_NOT_YOURS);
			}
			if (invitation.teamId().equals(accountId)) {
				// The owner's own address since the invitation was sent: nobody joins their own team.
				return Optional.of(TeamRejection.INVITE_SELF);
			}
			if (!this.factors.anyEnrolled(accountId)) {
				return Optional.of(TeamRejection.SECOND_FACTOR_REQUIRED);
			}
			if (!this.rows.insertMember(invitation.teamId(), accountId, invitation.role(), invitation.subAccounts(),
					invitation.invitedBy(), now)) {
				return Optional.of(TeamRejection.ALREADY_MEMBER);
			}
			this.rows.end(invitationId, "accepted", accountId, now);
			this.events.publishEvent(new TeamEvents.MemberJoined(invitation.teamId(), accountId,
					invitation.role().wireName(), context.byMember(accountId)));
			return Optional.<Rejection>empty();
		}));
		if (refused.filter(r -> r == TeamRejection.INVITATION_NOT_YOURS).isPresent()) {
			// Another account holds the invitation's id: recorded and told, in a transaction of its own (the refusal
			// wrote nothing else). The invited person merely lacking a second factor is told so, not the owner.
			this.tx.executeWithoutResult(s -> this.rows.lockOpenInvitation(invitationId)
				.ifPresent(i -> this.events.publishEvent(new TeamEvents.InvitationRefused(i.teamId(), invitationId,
						accountId, refused.get().code(), context))));
		}
		return refused;
	}

	/** Declines an invitation to the account's address. */
	public Optional<Rejection> decline(UUID accountId, UUID invitationId, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<Invitation> open = this.rows.lockOpenInvitation(invitationId);
			Optional<EmailAddress> email = this.accounts.find(accountId).map(Account::email);
			if (open.isEmpty() || email.isEmpty() || !email.get().value().equals(open.get().email())) {
				return Optional.of(TeamRejection.INVITATION_UNKNOWN);
			}
			this.rows.end(invitationId, "declined", null, this.clock.instant());
			this.events.publishEvent(new TeamEvents.InvitationEnded(open.get().teamId(), invitationId, "declined",
					context.byMember(accountId)));
			return Optional.<Rejection>empty();
		}));
	}

	/**
	 * Changes a member's role and sub-accounts. Admins change viewers and traders among themselves; granting admin
	 * (with the owner's {@link AdminGrant}), or changing an admin, is the owner's. Nobody changes their own role.
	 *
	 * @param scope the member's sub-accounts from now on: empty for the whole team, null to keep them as they are
	 */
	public Optional<Rejection> change(Actor.Customer actor, UUID teamId, UUID memberId, String rawRole,
			@Nullable List<UUID> scope, AdminGrant grant, RequestContext context) {
		return change(actor, teamId, memberId, rawRole, Optional.ofNullable(scope), grant, context);
	}

	/** The same, keeping the member's sub-accounts as they are when the change is made (the web form's). */
	public Optional<Rejection> changeRole(Actor.Customer actor, UUID teamId, UUID memberId, String rawRole,
			AdminGrant grant, RequestContext context) {
		return change(actor, teamId, memberId, rawRole, Optional.empty(), grant, context);
	}

	private Optional<Rejection> change(Actor.Customer actor, UUID teamId, UUID memberId, String rawRole,
			Optional<List<UUID>> newScope, AdminGrant grant, RequestContext context) {
		UUID actorId = actor.accountId();
		Optional<TeamRole> role = TeamRole.parseMemberRole(rawRole);
		if (role.isEmpty()) {
			return Optional.of(TeamRejection.ROLE_INVALID);
		}
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<TeamAccess.Access> held = this.access.hold(actorId, teamId);
			if (held.isEmpty()) {
				return Optional.of(TeamRejection.NOT_A_MEMBER);
			}
			if (actorId.equals(memberId)) {
				return Optional.of(TeamRejection.ROLE_TOO_LOW);
			}
			Optional<Rejection> refused = grantRefusal(held.get(), role.get());
			if (refused.isPresent()) {
				return refused;
			}
			Optional<Member> member = this.rows.lockMember(teamId, memberId);
			if (member.isEmpty()) {
				return Optional.of(TeamRejection.MEMBER_UNKNOWN);
			}
			refused = grantRefusal(held.get(), member.get().role());
			if (refused.isPresent()) {
				return refused;
			}
			Scope subs = newScope.isEmpty() ? new Scope(true, member.get().subAccounts())
					: scope(teamId, newScope.get());
			if (!subs.valid()) {
				return Optional.of(TeamRejection.SCOPE_INVALID);
			}
			// Becoming an admin of the whole team (from another role, or from some sub-accounts) is a grant: it opens
			// withdrawals from the main account. It takes the owner's confirmation and starts the new admin's wait.
			boolean wholeTeamAdmin = role.get() == TeamRole.ADMIN && subs.subAccounts() == null;
			boolean wasWholeTeamAdmin = member.get().role() == TeamRole.ADMIN && member.get().subAccounts() == null;
			boolean grants = role.get() == TeamRole.ADMIN && member.get().role() != TeamRole.ADMIN
					|| wholeTeamAdmin && !wasWholeTeamAdmin;
			if (grants) {
				Optional<Rejection> unconfirmed = this.confirmation.confirm(actor, StepUpAction.GRANT_TEAM_ADMIN,
						changeParams(teamId, memberId), grant.proof(), grant.tradingPassword(), context);
				if (unconfirmed.isPresent()) {
					return unconfirmed;
				}
			}
			Instant now = this.clock.instant();
			this.rows.updateMember(teamId, memberId, role.get(), subs.subAccounts(), now, grants);
			if (!wholeTeamAdmin) {
				// Invitations an admin sent end when they stop being an admin of the whole team.
				this.rows.endInvitationsBy(teamId, memberId, now);
			}
			this.events.publishEvent(new TeamEvents.MemberRoleChanged(teamId, memberId,
					member.get().role().wireName(), role.get().wireName(), held.get().context(context)));
			return Optional.<Rejection>empty();
		}));
	}

	/**
	 * Removes a member at once: the delete waits for their actions in flight, and every later request reads the
	 * membership afresh. A member may leave on their own; removing an admin is the owner's.
	 */
	public Optional<Rejection> remove(UUID actorId, UUID teamId, UUID memberId, RequestContext context) {
		boolean leaving = actorId.equals(memberId);
		return Objects.requireNonNull(this.tx.execute(s -> {
			// Removing someone holds one's own access (a demotion in between refuses it); leaving takes one's own
			// row for update below, never a share lock first that would have to be raised.
			Optional<TeamAccess.Access> actor = leaving ? this.access.read(actorId, teamId)
					: this.access.hold(actorId, teamId);
			if (actor.isEmpty()) {
				return Optional.of(TeamRejection.NOT_A_MEMBER);
			}
			if (!leaving && !actor.get().role().atLeast(TeamRole.ADMIN)) {
				return Optional.of(TeamRejection.ROLE_TOO_LOW);
			}
			Optional<Member> member = this.rows.lockMember(teamId, memberId);
			if (member.isEmpty()) {
				return Optional.of(TeamRejection.MEMBER_UNKNOWN);
			}
			if (!leaving) {
				Optional<Rejection> refused = grantRefusal(actor.get(), member.get().role());
				if (refused.isPresent()) {
					return refused;
				}
			}
			this.rows.deleteMember(teamId, memberId);
			this.rows.endInvitationsBy(teamId, memberId, this.clock.instant());
			this.events.publishEvent(new TeamEvents.MemberRemoved(teamId, memberId, member.get().role().wireName(),
					leaving, actor.get().owner() ? context : context.byMember(actorId)));
			return Optional.<Rejection>empty();
		}));
	}

	/** Whether the actor may give (or take away) this role: admins for viewer and trader, the owner for admin. */
	private static Optional<Rejection> grantRefusal(TeamAccess.Access actor, TeamRole role) {
		if (!actor.role().atLeast(TeamRole.ADMIN)) {
			return Optional.of(TeamRejection.ROLE_TOO_LOW);
		}
		if (role == TeamRole.ADMIN && !actor.owner()) {
			return Optional.of(TeamRejection.OWNER_ONLY);
		}
		if (!actor.wholeTeam()) {
			return Optional.of(TeamRejection.OUT_OF_SCOPE);
		}
		return Optional.empty();
	}

	/** The sub-accounts a member is given: all valid and null (the whole team), or the chosen ones. */
	private record Scope(boolean valid, @Nullable Set<UUID> subAccounts) {
	}

	/** Null or empty asks for the whole team; every id must be one of the team's sub-accounts. */
	private Scope scope(UUID teamId, @Nullable List<UUID> scope) {
		if (scope == null || scope.isEmpty()) {
			return new Scope(true, null);
		}
		Set<UUID> subs = new HashSet<>(scope);
		boolean valid = subs.size() <= SubAccounts.MAX_PER_MASTER
				&& subs.stream().allMatch(id -> this.subAccounts.find(teamId, id).isPresent());
		return new Scope(valid, subs);
	}

	static String ownerName(Account team) {
		return team.identifiers().stream().findFirst().map(Identifier::masked).orElse("a Gatehouse account");
	}
}
