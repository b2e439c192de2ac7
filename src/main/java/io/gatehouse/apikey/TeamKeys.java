package io.gatehouse.apikey;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.SubAccountRows;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.TradingConfirmation;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.team.TeamAccess;
import io.gatehouse.team.TeamEvents;
import io.gatehouse.team.TeamRejection;
import io.gatehouse.team.TeamRole;

import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A team's API keys, for its members. Viewers and up list the keys of the main account and of the sub-accounts they
 * are assigned to, each with who made it (never a secret). Traders make trading-only keys (General, Spot, Margin,
 * Futures) for their sub-accounts; admins make keys with any permission but {@code Transfer}, for the main account
 * too, and delete keys that cannot withdraw. Each needs the member's own step-up and trading password; the key stays
 * with the team when its maker leaves. Enabling {@code Transfer} is the owner's alone, from their own account.
 */
@Service
public class TeamKeys {

	/** What a trader's key may do: trade, never move funds. */
	static final Set<Permission> TRADING = EnumSet.of(Permission.GENERAL, Permission.SPOT, Permission.MARGIN,
			Permission.FUTURES);

	/**
	 * A key of the team as its members see it.
	 *
	 * @param subAccountName null for a key of the main account
	 * @param createdBy the member who made it; null for the owner
	 */
	public record TeamKey(ApiKey key, @Nullable UUID subAccountId, @Nullable String subAccountName,
			@Nullable UUID createdBy) {
	}

	private final ApiKeyService service;

	private final ApiKeys keys;

	private final ApiKeyStanding standing;

	private final TradingConfirmation confirmation;

	private final TeamAccess access;

	private final SubAccountRows subAccounts;

	private final TransactionTemplate tx;

	private final java.time.Clock clock;

	TeamKeys(ApiKeyService service, ApiKeys keys, ApiKeyStanding standing, TradingConfirmation confirmation,
			TeamAccess access, SubAccountRows subAccounts, TransactionTemplate tx, java.time.Clock clock) {
		this.clock = clock;
		this.service = service;
		this.keys = keys;
		this.standing = standing;
		this.confirmation = confirmation;
		this.access = access;
		this.subAccounts = subAccounts;
		this.tx = tx;
	}

	/** The step-up parameters for a team key: the settings, the team and the sub-account (if any). */
	public static Map<String, String> params(UUID teamId, @Nullable UUID subAccountId, ApiKeyRequests.Spec spec) {
		Map<String, String> params = new LinkedHashMap<>(spec.params());
		params.put("team", teamId.toString());
		if (subAccountId != null) {
			params.put("subAccount", subAccountId.toString());
		}
		return params;
	}

	/** The team's keys the actor may see; empty when they are not in the team. */
	public Optional<List<TeamKey>> list(UUID actorId, UUID teamId) {
		return this.access.read(actorId, teamId).map(a -> {
			List<TeamKey> out = new ArrayList<>();
			if (a.wholeTeam()) {
				this.keys.of(teamId).forEach(k -> out.add(new TeamKey(k, null, null, null)));
			}
			for (SubAccountRows.SubAccountRow sub : this.subAccounts.of(teamId)) {
				if (a.covers(sub.id())) {
					this.keys.of(sub.id()).forEach(k -> out.add(new TeamKey(k, sub.id(), sub.name(), null)));
				}
			}
			Map<UUID, UUID> creators = this.keys.creators(out.stream().map(t -> t.key().id()).toList());
			return out.stream()
				.map(t -> new TeamKey(t.key(), t.subAccountId(), t.subAccountName(), creators.get(t.key().id())))
				.toList();
		});
	}

	/** Whether the member's role allows a key with these permissions on that account of the team. */
	private static Optional<Rejection> allowed(TeamAccess.Access a, @Nullable UUID subAccountId,
			Set<Permission> permissions) {
		if (permissions.contains(Permission.TRANSFER)) {
			return Optional.of(subAccountId != null ? ApiKeyRejection.SUB_ACCOUNT_NO_TRANSFER : TeamRejection.OWNER_ONLY);
		}
		Optional<Rejection> refused = subAccountId == null ? a.refusalOnMaster(TeamRole.ADMIN)
				: a.refusalOn(subAccountId, TeamRole.TRADER);
		if (refused.isPresent()) {
			return refused;
		}
		if (!a.role().atLeast(TeamRole.ADMIN) && !TRADING.containsAll(permissions)) {
			return Optional.of(TeamRejection.ROLE_TOO_LOW);
		}
		return Optional.empty();
	}

	/**
	 * Makes a key for the team's main account ({@code subAccountId} null) or one of its sub-accounts, with the
	 * member's step-up ({@code create_api_key} with {@link #params}) and trading password.
	 */
	public ApiKeyService.Result create(Actor.Customer member, UUID teamId, @Nullable UUID subAccountId,
			ApiKeyRequests.Spec spec, String passphrase, @Nullable String proof, @Nullable String tradingPassword,
			RequestContext context) {
		if (!passphrase.matches("\\p{Graph}{8,32}")) {
			return new ApiKeyService.Result.Refused(ApiKeyRejection.PASSPHRASE_INVALID);
		}
		UUID holder = subAccountId != null ? subAccountId : teamId;
		return Objects.requireNonNull(this.tx.execute(s -> {
			// The member's access is held for share: a removal waits for this key, or refuses it.
			Optional<TeamAccess.Access> a = this.access.hold(member.accountId(), teamId);
			if (a.isEmpty()) {
				return new ApiKeyService.Result.Refused(TeamRejection.NOT_A_MEMBER);
			}
			// Only a member learns whether a sub-account is the team's.
			if (subAccountId != null && this.subAccounts.find(teamId, subAccountId).isEmpty()) {
				return new ApiKeyService.Result.Refused(ApiKeyRejection.SUB_ACCOUNT_UNKNOWN);
			}
			Optional<Rejection> refused = allowed(a.get(), subAccountId, spec.permissions());
			if (refused.isPresent()) {
				return new ApiKeyService.Result.Refused(refused.get());
			}
			// The team's standing, and the member's own: a member just recovered is as blocked here as at home.
			for (UUID whose : List.of(teamId, member.accountId())) {
				Optional<ApiKeyStanding.Refusal> standingRefusal = this.standing.refusal(whose, context);
				if (standingRefusal.isPresent()) {
					return new ApiKeyService.Result.Refused(standingRefusal.get().rejection(),
							standingRefusal.get().facts());
				}
			}
			if (this.keys.count(holder) >= ApiKeyService.MAX_KEYS) {
				return new ApiKeyService.Result.Refused(ApiKeyRejection.TOO_MANY);
			}
			Optional<Rejection> unconfirmed = this.confirmation.confirm(member, StepUpAction.CREATE_API_KEY,
					params(teamId, subAccountId, spec), proof, tradingPassword, context);
			if (unconfirmed.isPresent()) {
				return new ApiKeyService.Result.Refused(unconfirmed.get());
			}
			ApiKeyService.Made made = this.service.mint(holder, spec, passphrase, a.get().context(context),
					a.get().owner() ? null : member.accountId());
			return new ApiKeyService.Result.Done(made.key(), made.minted().secret());
		}));
	}

	/**
	 * A member who leaves or is removed takes their keys' secrets with them: the keys they made for the team are
	 * suspended in the same transaction (they stay listed with their maker; the owner can enable the main account's
	 * again, or make new ones). A member whose role or sub-accounts shrink keeps only the keys they could make now.
	 * These run before the event is logged, so the key rows are locked before the audit chain's head, as everywhere.
	 */
	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void on(TeamEvents.MemberRemoved event) {
		suspendMadeBy(event.memberId(), event.accountId(), null, "maker_left_team", event.context());
	}

	@EventListener
	@Order(Ordered.HIGHEST_PRECEDENCE)
	void on(TeamEvents.MemberRoleChanged event) {
		TeamAccess.Access now = this.access.read(event.memberId(), event.accountId()).orElse(null);
		suspendMadeBy(event.memberId(), event.accountId(), now, "maker_role_lowered", event.context());
	}

	/** Suspends the member's keys for the team that {@code now} (null: no access at all) would not let them make. */
	private void suspendMadeBy(UUID memberId, UUID teamId, TeamAccess.@Nullable Access now, String reason,
			RequestContext context) {
		List<UUID> accounts = new ArrayList<>();
		Map<UUID, UUID> subOf = new java.util.HashMap<>();
		accounts.add(teamId);
		for (SubAccountRows.SubAccountRow sub : this.subAccounts.of(teamId)) {
			accounts.add(sub.id());
			subOf.put(sub.id(), sub.id());
		}
		for (ApiKey key : this.keys.madeBy(memberId, accounts)) {
			UUID sub = subOf.get(key.accountId());
			if (now != null && allowed(now, sub, key.permissions()).isEmpty()) {
				continue;
			}
			if (this.keys.changeState(key.id(), List.of(ApiKey.State.ACTIVE), ApiKey.State.SUSPENDED, reason,
					this.clock.instant())) {
				this.service.changed(key, "suspended", reason, context);
			}
		}
	}

	/** Deletes a key of the team at once: admins, for keys that cannot withdraw; the owner, any. */
	public Optional<Rejection> delete(UUID actorId, UUID teamId, UUID keyId, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<TeamAccess.Access> a = this.access.hold(actorId, teamId);
			if (a.isEmpty()) {
				return Optional.<Rejection>of(TeamRejection.NOT_A_MEMBER);
			}
			Optional<TeamKey> key = list(actorId, teamId).orElse(List.of()).stream()
				.filter(k -> k.key().id().equals(keyId))
				.findFirst();
			if (key.isEmpty()) {
				return Optional.<Rejection>of(ApiKeyRejection.NOT_FOUND);
			}
			Optional<Rejection> refused = key.get().subAccountId() == null ? a.get().refusalOnMaster(TeamRole.ADMIN)
					: a.get().refusalOn(key.get().subAccountId(), TeamRole.ADMIN);
			if (refused.isPresent()) {
				return refused;
			}
			if (key.get().key().allows(Permission.TRANSFER) && !a.get().owner()) {
				return Optional.<Rejection>of(TeamRejection.OWNER_ONLY);
			}
			return this.service.deleteOf(key.get().key().accountId(), keyId, a.get().context(context));
		}));
	}
}
