package io.gatehouse.team;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.team.Members.Invitation;
import io.gatehouse.team.Members.Member;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rows of {@code team_members} and {@code team_invitations}. */
@Repository
class TeamMemberRows {

	private static final String INVITATION = """
			select id, team_id, email, role, sub_accounts, invited_by, created_at, expires_at
			from team_invitations""";

	private final JdbcClient jdbc;

	TeamMemberRows(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<Member> members(UUID teamId) {
		return this.jdbc.sql("""
				select m.member_id, a.email, m.role, m.sub_accounts, m.invited_by, m.joined_at
				from team_members m join accounts a on a.id = m.member_id
				where m.team_id = ? order by m.joined_at, m.member_id""")
			.param(teamId)
			.query((rs, n) -> member(rs))
			.list();
	}

	Optional<Member> lockMember(UUID teamId, UUID memberId) {
		return this.jdbc.sql("""
				select m.member_id, a.email, m.role, m.sub_accounts, m.invited_by, m.joined_at
				from team_members m join accounts a on a.id = m.member_id
				where m.team_id = ? and m.member_id = ? for update of m""")
			.params(teamId, memberId)
			.query((rs, n) -> member(rs))
			.optional();
	}

	private static Member member(ResultSet rs) throws SQLException {
		String email = rs.getString("email");
		return new Member(rs.getObject("member_id", UUID.class), email == null ? "" : email, role(rs),
				TeamAccess.uuids(rs, "sub_accounts"), rs.getObject("invited_by", UUID.class),
				rs.getTimestamp("joined_at").toInstant());
	}

	boolean isMember(UUID teamId, UUID accountId) {
		return this.jdbc.sql("select exists (select 1 from team_members where team_id = ? and member_id = ?)")
			.params(teamId, accountId)
			.query(Boolean.class)
			.single();
	}

	int membersAndOpenInvitations(UUID teamId) {
		return this.jdbc.sql("""
				select (select count(*) from team_members where team_id = :t)
				     + (select count(*) from team_invitations where team_id = :t and ended_at is null)""")
			.param("t", teamId)
			.query(Integer.class)
			.single();
	}

	/** Joins the member; false when they are one already. */
	boolean insertMember(UUID teamId, UUID memberId, TeamRole role, @Nullable Set<UUID> subAccounts, UUID invitedBy,
			Instant now) {
		return this.jdbc.sql("""
				insert into team_members (team_id, member_id, role, sub_accounts, invited_by, joined_at, admin_since)
				values (?, ?, ?, cast(? as uuid[]), ?, ?, ?) on conflict do nothing""")
			.params(teamId, memberId, role.wireName(), array(subAccounts), invitedBy, Timestamp.from(now),
					role == TeamRole.ADMIN ? Timestamp.from(now) : null)
			.update() == 1;
	}

	/**
	 * The member's role and sub-accounts. {@code admin_since} starts again at a grant (becoming an admin, or an admin
	 * of the whole team), stays while they remain an admin, and is cleared when they stop being one.
	 */
	void updateMember(UUID teamId, UUID memberId, TeamRole role, @Nullable Set<UUID> subAccounts, Instant now,
			boolean grant) {
		this.jdbc.sql("""
				update team_members set role = ?, sub_accounts = cast(? as uuid[]),
				    admin_since = case when ? <> 'admin' then null when ? then ? else coalesce(admin_since, ?) end
				where team_id = ? and member_id = ?""")
			.params(role.wireName(), array(subAccounts), role.wireName(), grant, Timestamp.from(now),
					Timestamp.from(now), teamId, memberId)
			.update();
	}

	/** Serialises the changes to one team's members and invitations (a transaction-scoped advisory lock). */
	void lockTeam(UUID teamId) {
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended('team:' || ?, 0))")
			.param(teamId.toString())
			.query((rs, n) -> 1)
			.list();
	}

	/** Ends the open invitations this member sent (they left, or are no longer an admin). */
	void endInvitationsBy(UUID teamId, UUID memberId, Instant now) {
		this.jdbc.sql("""
				update team_invitations set ended_at = ?, ended_how = 'revoked'
				where team_id = ? and invited_by = ? and ended_at is null""")
			.params(Timestamp.from(now), teamId, memberId)
			.update();
	}

	boolean deleteMember(UUID teamId, UUID memberId) {
		return this.jdbc.sql("delete from team_members where team_id = ? and member_id = ?")
			.params(teamId, memberId)
			.update() == 1;
	}

	/** Ends the open invitation of this address to this team if its time is over, so a new one can be sent. */
	void expireOpen(UUID teamId, String email, Instant now) {
		this.jdbc.sql("""
				update team_invitations set ended_at = ?, ended_how = 'expired'
				where team_id = ? and email = ? and ended_at is null and expires_at <= ?""")
			.params(Timestamp.from(now), teamId, email, Timestamp.from(now))
			.update();
	}

	/** Adds the invitation; false when the address has an open one to this team. */
	boolean insertInvitation(Invitation i) {
		return this.jdbc.sql("""
				insert into team_invitations (id, team_id, email, role, sub_accounts, invited_by, created_at, expires_at)
				values (?, ?, ?, ?, cast(? as uuid[]), ?, ?, ?) on conflict do nothing""")
			.params(i.id(), i.teamId(), i.email(), i.role().wireName(), array(i.subAccounts()), i.invitedBy(),
					Timestamp.from(i.createdAt()), Timestamp.from(i.expiresAt()))
			.update() == 1;
	}

	/** The open invitation, held so that only one acceptance, decline or revocation ends it. */
	Optional<Invitation> lockOpenInvitation(UUID id) {
		return this.jdbc.sql(INVITATION + " where id = ? and ended_at is null for update")
			.param(id)
			.query((rs, n) -> invitation(rs))
			.optional();
	}

	List<Invitation> openInvitations(UUID teamId) {
		return this.jdbc.sql(INVITATION + " where team_id = ? and ended_at is null order by created_at, id")
			.param(teamId)
			.query((rs, n) -> invitation(rs))
			.list();
	}

	/** Open invitations to this address that have not expired, newest first. */
	List<Invitation> openInvitationsTo(String email, Instant now) {
		return this.jdbc.sql(INVITATION + " where email = ? and ended_at is null and expires_at > ? order by created_at desc")
			.params(email, Timestamp.from(now))
			.query((rs, n) -> invitation(rs))
			.list();
	}

	void end(UUID id, String how, @Nullable UUID acceptedBy, Instant now) {
		this.jdbc.sql("""
				update team_invitations set ended_at = ?, ended_how = ?, accepted_at = ?, accepted_by = ?
				where id = ? and ended_at is null""")
			.params(Timestamp.from(now), how, acceptedBy == null ? null : Timestamp.from(now), acceptedBy, id)
			.update();
	}

	/** The teams the account is a member of; the owner is named by the caller. */
	List<Members.Team> teamsOf(UUID memberId) {
		return this.jdbc.sql("""
				select team_id, role, sub_accounts from team_members
				where member_id = ? order by joined_at, team_id""")
			.param(memberId)
			.query((rs, n) -> new Members.Team(rs.getObject("team_id", UUID.class), "", role(rs),
					TeamAccess.uuids(rs, "sub_accounts")))
			.list();
	}

	private static Invitation invitation(ResultSet rs) throws SQLException {
		return new Invitation(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
				rs.getString("email"), role(rs), TeamAccess.uuids(rs, "sub_accounts"),
				rs.getObject("invited_by", UUID.class), rs.getTimestamp("created_at").toInstant(),
				rs.getTimestamp("expires_at").toInstant());
	}

	private static TeamRole role(ResultSet rs) throws SQLException {
		return TeamRole.valueOf(rs.getString("role").toUpperCase(Locale.ROOT));
	}

	/** A uuid[] literal for {@code cast(? as uuid[])}; null for the whole team. */
	private static @Nullable String array(@Nullable Set<UUID> ids) {
		return ids == null ? null
				: ids.stream().sorted().map(UUID::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
	}
}
