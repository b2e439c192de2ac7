package io.gatehouse.team;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.AssetBalances;
import io.gatehouse.assets.InternalTransfers;
import io.gatehouse.assets.Statements;
import io.gatehouse.assets.SubTransfers;
import io.gatehouse.audit.HistoryExport;
import io.gatehouse.audit.HistoryFilter;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a member does for a team, as allowed by their role. Each write runs in one transaction that first holds the
 * member's access for share, so a removal or a lower role either comes after the write or refuses it; each is
 * logged on the team's chain naming the member.
 */
@Service
public class TeamActions {

	/** The team as one member sees it: their access, the master's balances when in reach, their sub-accounts. */
	public record View(TeamAccess.Access access, String owner, List<AssetBalances.Asset> master,
			List<SubAccounts.SubAccount> subAccounts) {
	}

	public sealed interface Outcome<T> {

		record Done<T>(T value) implements Outcome<T> {
		}

		record Refused<T>(Rejection rejection) implements Outcome<T> {
		}
	}

	private final TeamAccess access;

	private final SubAccounts subAccounts;

	private final AssetBalances balances;

	private final InternalTransfers transfers;

	private final SubTransfers subTransfers;

	private final Statements statements;

	private final HistoryExport history;

	private final io.gatehouse.account.Accounts accounts;

	private final TransactionTemplate tx;

	TeamActions(TeamAccess access, SubAccounts subAccounts, AssetBalances balances, InternalTransfers transfers,
			SubTransfers subTransfers, Statements statements, HistoryExport history,
			io.gatehouse.account.Accounts accounts, TransactionTemplate tx) {
		this.access = access;
		this.subAccounts = subAccounts;
		this.balances = balances;
		this.transfers = transfers;
		this.subTransfers = subTransfers;
		this.statements = statements;
		this.history = history;
		this.accounts = accounts;
		this.tx = tx;
	}

	/** The team as the actor may see it; empty when they are not in it. */
	public Optional<View> view(UUID actorId, UUID teamId) {
		return this.access.read(actorId, teamId).map(a -> new View(a,
				this.accounts.find(teamId).map(Members::ownerName).orElse("?"),
				a.wholeTeam() ? this.balances.of(teamId) : List.of(),
				this.subAccounts.of(teamId).stream().filter(s -> a.covers(s.row().id())).toList()));
	}

	/** The master account's statement, for members of the whole team. */
	public Outcome<Statements.Result> ledger(UUID actorId, UUID teamId, Statements.Filter filter) {
		return read(actorId, teamId, a -> a.refusalOnMaster(TeamRole.VIEWER),
				a -> this.statements.rows(teamId, filter));
	}

	/**
	 * The team's history: money, sub-accounts, members and keys, newest first, each row with {@code actor} (as the
	 * log has it) and {@code by} (the owner, a member's masked email, staff or the system).
	 */
	public Outcome<List<Map<String, @Nullable Object>>> history(UUID actorId, UUID teamId, int page, int size) {
		return read(actorId, teamId, a -> a.refusalOnMaster(TeamRole.VIEWER), a -> {
			List<Map<String, @Nullable Object>> rows = this.history.rows(teamId, HistoryFilter.TEAM, page, size);
			Map<String, String> names = new HashMap<>();
			for (Map<String, @Nullable Object> row : rows) {
				String actor = String.valueOf(row.get("actor"));
				row.put("by", names.computeIfAbsent(actor, this::name));
				if (row.get("member") instanceof String member) {
					row.put("title", row.get("title") + ": " + names.computeIfAbsent("member:" + member, this::name));
				}
			}
			return rows;
		});
	}

	/** The team's history as CSV, for members of the whole team. */
	public Outcome<String> historyCsv(UUID actorId, UUID teamId) {
		return read(actorId, teamId, a -> a.refusalOnMaster(TeamRole.VIEWER), a -> this.history.teamCsv(teamId));
	}

	private String name(String actor) {
		if (actor.equals("account")) {
			return "Owner";
		}
		if (actor.startsWith("member:")) {
			try {
				return this.accounts.find(UUID.fromString(actor.substring("member:".length())))
					.map(Members::ownerName)
					.orElse("A former member");
			}
			catch (IllegalArgumentException ex) {
				return "A member";
			}
		}
		if (actor.startsWith("account:")) {
			return "Another account (not a member)";
		}
		return actor.startsWith("staff:") ? "Gatehouse staff" : "Gatehouse";
	}

	/** Moves funds between the master account's Funding, Spot and Futures: traders and up, for the whole team. */
	public Outcome<InternalTransfers.Result.Done> transfer(UUID actorId, UUID teamId,
			InternalTransfers.Request request, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<TeamAccess.Access> a = this.access.hold(actorId, teamId);
			Optional<Rejection> refused = a.isEmpty() ? Optional.of(TeamRejection.NOT_A_MEMBER)
					: a.get().refusalOnMaster(TeamRole.TRADER);
			if (refused.isPresent()) {
				return new Outcome.Refused<>(refused.get());
			}
			return outcome(this.transfers.transfer(teamId, request, a.get().context(context)));
		}));
	}

	private static Outcome<InternalTransfers.Result.Done> outcome(InternalTransfers.Result result) {
		return switch (result) {
			case InternalTransfers.Result.Done done -> new Outcome.Done<>(done);
			case InternalTransfers.Result.Refused refused -> new Outcome.Refused<>(refused.rejection());
		};
	}

	/** Moves funds between the master and a sub-account: traders and up, assigned to that sub-account. */
	public Outcome<InternalTransfers.Result.Done> subTransfer(UUID actorId, UUID teamId, UUID subId,
			SubTransfers.Request request, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<TeamAccess.Access> a = this.access.hold(actorId, teamId);
			Optional<Rejection> refused = a.isEmpty() ? Optional.of(TeamRejection.NOT_A_MEMBER)
					: a.get().refusalOn(subId, TeamRole.TRADER);
			// Into a sub-account the funds come from the main account: only for members of the whole team (a
			// refusal for too little would tell the main account's balance).
			if (refused.isEmpty() && !a.get().wholeTeam() && SubTransfers.Direction.of(request.direction())
				.filter(d -> d == SubTransfers.Direction.PARENT_TO_SUB)
				.isPresent()) {
				refused = Optional.of(TeamRejection.OUT_OF_SCOPE);
			}
			if (refused.isPresent()) {
				return new Outcome.Refused<>(refused.get());
			}
			return outcome(this.subTransfers.transfer(teamId, subId, request, a.get().context(context)));
		}));
	}

	/** Creates a sub-account of the team: admins and the owner. */
	public SubAccounts.Created createSubAccount(UUID actorId, UUID teamId, String name, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<TeamAccess.Access> a = this.access.hold(actorId, teamId);
			Optional<Rejection> refused = a.isEmpty() ? Optional.of(TeamRejection.NOT_A_MEMBER)
					: a.get().refusalOnMaster(TeamRole.ADMIN);
			if (refused.isPresent()) {
				return new SubAccounts.Created.Refused(refused.get());
			}
			return this.subAccounts.create(teamId, name, a.get().context(context));
		}));
	}

	/** Freezes a sub-account of the team (admins and the owner); unfreezes it (the owner: a freeze may be theirs). */
	public Optional<Rejection> setFrozen(UUID actorId, UUID teamId, UUID subId, boolean frozen,
			RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<TeamAccess.Access> a = this.access.hold(actorId, teamId);
			Optional<Rejection> refused = a.isEmpty() ? Optional.of(TeamRejection.NOT_A_MEMBER)
					: a.get().refusalOn(subId, frozen ? TeamRole.ADMIN : TeamRole.OWNER);
			if (refused.isPresent()) {
				return refused.map(r -> !frozen && r == TeamRejection.ROLE_TOO_LOW ? TeamRejection.OWNER_ONLY : r);
			}
			return this.subAccounts.setFrozen(teamId, subId, frozen, a.get().context(context));
		}));
	}

	private <T> Outcome<T> read(UUID actorId, UUID teamId, Function<TeamAccess.Access, Optional<Rejection>> allowed,
			Function<TeamAccess.Access, T> then) {
		Optional<TeamAccess.Access> a = this.access.read(actorId, teamId);
		if (a.isEmpty()) {
			return new Outcome.Refused<>(TeamRejection.NOT_A_MEMBER);
		}
		Optional<Rejection> refused = allowed.apply(a.get());
		return refused.<Outcome<T>>map(Outcome.Refused::new).orElseGet(() -> new Outcome.Done<>(then.apply(a.get())));
	}
}
