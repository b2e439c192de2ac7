package io.gatehouse.team;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.SubAccountRows;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may act for a team, read from PostgreSQL on every request (no node keeps it), so a removal or a lower role
 * holds on every node at once. {@link #hold} reads the membership for share inside the action's transaction: a
 * removal waits for the actions in flight and no action commits after it.
 */
@Service
public class TeamAccess {

	/**
	 * One person's access to one team.
	 *
	 * @param subAccounts the sub-accounts the member is assigned to; null for the whole team
	 * @param adminSince when a member became an admin; null for other roles and for the owner
	 */
	public record Access(UUID teamId, UUID actorId, TeamRole role, @Nullable Set<UUID> subAccounts,
			@Nullable Instant adminSince) {

		public Access {
			subAccounts = subAccounts == null ? null : Set.copyOf(subAccounts);
		}

		public boolean owner() {
			return this.role == TeamRole.OWNER;
		}

		/** Whether the member has the whole team, and so the master account's own balances and actions too. */
		public boolean wholeTeam() {
			return this.subAccounts == null;
		}

		public boolean covers(UUID subAccountId) {
			return this.subAccounts == null || this.subAccounts.contains(subAccountId);
		}

		/** The request as the security event log should name it: the owner, or this member for the team. */
		public RequestContext context(RequestContext request) {
			return owner() ? request : request.byMember(this.actorId);
		}

		/** Why this access may not do what needs {@code needed}, if it may not. */
		public Optional<Rejection> refusal(TeamRole needed) {
			return this.role.atLeast(needed) ? Optional.empty() : Optional.of(TeamRejection.ROLE_TOO_LOW);
		}

		/** The same, for an action on the master account itself (a scoped member reaches only their sub-accounts). */
		public Optional<Rejection> refusalOnMaster(TeamRole needed) {
			return wholeTeam() ? refusal(needed) : Optional.of(TeamRejection.OUT_OF_SCOPE);
		}

		/** The same, for an action on one sub-account of the team. */
		public Optional<Rejection> refusalOn(UUID subAccountId, TeamRole needed) {
			return covers(subAccountId) ? refusal(needed) : Optional.of(TeamRejection.OUT_OF_SCOPE);
		}
	}

	private final JdbcClient jdbc;

	private final SubAccountRows subAccounts;

	TeamAccess(JdbcClient jdbc, SubAccountRows subAccounts) {
		this.jdbc = jdbc;
		this.subAccounts = subAccounts;
	}

	/** The actor's access to the team, its membership row held for share until the transaction ends. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Access> hold(UUID actorId, UUID teamId) {
		return find(actorId, teamId, " for share");
	}

	/** The actor's access to the team as it is now, for reads. */
	public Optional<Access> read(UUID actorId, UUID teamId) {
		return find(actorId, teamId, "");
	}

	private Optional<Access> find(UUID actorId, UUID teamId, String lock) {
		if (actorId.equals(teamId)) {
			// The owner: a person's account (a sub-account is nobody's team).
			return this.subAccounts.isSubAccount(teamId) ? Optional.empty()
					: Optional.of(new Access(teamId, actorId, TeamRole.OWNER, null, null));
		}
		return this.jdbc.sql("select role, sub_accounts, admin_since from team_members where team_id = ? and member_id = ?"
				+ lock)
			.params(teamId, actorId)
			.query((rs, n) -> new Access(teamId, actorId,
					TeamRole.valueOf(rs.getString("role").toUpperCase(java.util.Locale.ROOT)), uuids(rs, "sub_accounts"),
					rs.getTimestamp("admin_since") == null ? null : rs.getTimestamp("admin_since").toInstant()))
			.optional();
	}

	static @Nullable Set<UUID> uuids(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		if (array == null) {
			return null;
		}
		Object[] values = (Object[]) array.getArray();
		return Set.copyOf(Arrays.stream(values).map(v -> (UUID) v).toList());
	}

	static @Nullable List<UUID> sorted(@Nullable Set<UUID> ids) {
		return ids == null ? null : ids.stream().sorted().toList();
	}
}
