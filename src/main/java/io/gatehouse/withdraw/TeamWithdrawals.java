package io.gatehouse.withdraw;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.CooldownService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.team.TeamAccess;
import io.gatehouse.team.TeamRejection;
import io.gatehouse.team.TeamRole;

import org.springframework.stereotype.Service;

/**
 * Withdrawals from a team's master account by its admins (and the owner). The master's rules hold: its whitelist,
 * cooldowns, KYC limits and review; the admin confirms with their own second factor, step-up proof (made for the
 * withdrawal's parameters and the team), email code (to their own address) and trading password. The owner is told
 * of each withdrawal as of their own; the event names the admin.
 */
@Service
public class TeamWithdrawals {

	private final TeamAccess access;

	private final WithdrawalQuotes quotes;

	private final WithdrawalRequests requests;

	private final Withdrawals withdrawals;

	private final WithdrawalRules rules;

	private final WithdrawalConfirmations confirmations;

	private final Clock clock;

	TeamWithdrawals(TeamAccess access, WithdrawalQuotes quotes, WithdrawalRequests requests, Withdrawals withdrawals,
			WithdrawalRules rules, WithdrawalConfirmations confirmations, Clock clock) {
		this.clock = clock;
		this.rules = rules;
		this.confirmations = confirmations;
		this.access = access;
		this.quotes = quotes;
		this.requests = requests;
		this.withdrawals = withdrawals;
	}

	/** The step-up parameters of a team withdrawal: the withdrawal's, and the team. */
	public static Map<String, String> params(UUID teamId, Map<String, String> withdrawal) {
		Map<String, String> params = new LinkedHashMap<>(withdrawal);
		params.put("team", teamId.toString());
		return params;
	}

	/** Why the actor may not withdraw for the team: not in it, not an admin of the whole team. */
	private Optional<Rejection> refusal(TeamAccess.@Nullable Access a) {
		return a == null ? Optional.of(TeamRejection.NOT_A_MEMBER) : a.refusalOnMaster(TeamRole.ADMIN);
	}

	private RequestContext context(UUID actorId, UUID teamId, RequestContext context) {
		return actorId.equals(teamId) ? context : context.byMember(actorId);
	}

	/** Why the actor may not withdraw for the team, if they may not. */
	public Optional<Rejection> refusal(UUID actorId, UUID teamId) {
		return refusal(this.access.read(actorId, teamId).orElse(null));
	}

	/**
	 * The master's quote, with step-up parameters that name the team; empty for who may not withdraw (nothing of the
	 * master's limits or balances is read for them).
	 */
	public Optional<Withdrawals.Quote> quote(UUID actorId, UUID teamId, Withdrawals.Request request,
			RequestContext context) {
		if (refusal(actorId, teamId).isPresent()) {
			return Optional.empty();
		}
		Withdrawals.Quote q = this.quotes.quote(teamId, request, context(actorId, teamId, context));
		// The quote asks the master for a strong factor; here the admin confirms, so it is theirs that counts.
		Rejection rules = q.refusal() == WithdrawalRejection.STRONG_FACTOR_REQUIRED ? null : q.refusal();
		if (rules == null && !this.confirmations.hasStrongFactor(actorId)) {
			rules = WithdrawalRejection.STRONG_FACTOR_REQUIRED;
		}
		q = new Withdrawals.Quote(q.currency(), q.fee(), q.receive(), q.minimum(), q.limitRemaining(), q.limit(),
				q.referenceCurrency(), q.cooldownUntil(), q.whitelistOn(), q.emailCodeRequired(), q.reviewLikely(), rules,
				q.facts(), q.stepUpParams());
		Optional<Withdrawals.Result.Refused> paused = ownCooldown(actorId, teamId);
		if (q.refusal() == null && paused.isPresent()) {
			return Optional.of(new Withdrawals.Quote(q.currency(), q.fee(), q.receive(), q.minimum(), q.limitRemaining(),
					q.limit(), q.referenceCurrency(), q.cooldownUntil(), q.whitelistOn(), q.emailCodeRequired(), false,
					paused.get().rejection(), paused.get().facts(), Map.of()));
		}
		return Optional.of(new Withdrawals.Quote(q.currency(), q.fee(), q.receive(), q.minimum(), q.limitRemaining(), q.limit(),
				q.referenceCurrency(), q.cooldownUntil(), q.whitelistOn(), q.emailCodeRequired(), q.reviewLikely(),
				q.refusal(), q.facts(), q.stepUpParams().isEmpty() ? Map.of() : params(teamId, q.stepUpParams())));
	}

	/**
	 * An admin's own security cooldown stops their withdrawals for the team too (a password just changed or a factor
	 * just added on the admin's account may be an attacker's), and so does being a new admin: for a day after
	 * becoming one (a stolen owner session must not make an attacker an admin who withdraws at once).
	 */
	private Optional<Withdrawals.Result.Refused> ownCooldown(UUID actorId, UUID teamId) {
		Optional<Instant> own = this.rules.cooldownUntil(actorId);
		Optional<Instant> newAdmin = this.access.read(actorId, teamId)
			.map(TeamAccess.Access::adminSince)
			.map(since -> since.plus(CooldownService.SECURITY_CHANGE))
			.filter(until -> until.isAfter(this.clock.instant()));
		return java.util.stream.Stream.concat(own.stream(), newAdmin.stream())
			.max(Instant::compareTo)
			.map(until -> new Withdrawals.Result.Refused(WithdrawalRejection.COOLDOWN,
					Map.of("cooldownUntil", until.toString())));
	}

	/** Sends the email code for this withdrawal to the admin's own address. */
	public Optional<Withdrawals.Result.Refused> sendCode(UUID actorId, UUID teamId, Withdrawals.Request request,
			RequestContext context) {
		Optional<Rejection> refused = refusal(actorId, teamId);
		if (refused.isPresent()) {
			return Optional.of(new Withdrawals.Result.Refused(refused.get(), Map.of()));
		}
		Optional<Withdrawals.Result.Refused> paused = ownCooldown(actorId, teamId);
		if (paused.isPresent()) {
			return paused;
		}
		return this.quotes.sendCode(teamId, actorId, p -> params(teamId, p), request,
				context(actorId, teamId, context));
	}

	public Withdrawals.Result submit(Actor.Customer actor, UUID teamId, Withdrawals.Request request,
			@Nullable String proof, @Nullable String tradingPassword, @Nullable String emailCode,
			RequestContext context) {
		// Refused before any rule of the master's is read, so an outsider learns nothing of its balances or limits.
		Optional<Rejection> refused = refusal(actor.accountId(), teamId);
		if (refused.isPresent()) {
			return new Withdrawals.Result.Refused(refused.get(), Map.of());
		}
		Optional<Withdrawals.Result.Refused> paused = ownCooldown(actor.accountId(), teamId);
		if (paused.isPresent()) {
			return paused.get();
		}
		return this.requests.submitForTeam(actor, teamId, () -> {
			// Held: a removal, a demotion or a new grant (which starts the wait again) is seen here, not before.
			TeamAccess.Access held = this.access.hold(actor.accountId(), teamId).orElse(null);
			Optional<Rejection> now = refusal(held);
			if (now.isEmpty() && held != null && held.adminSince() != null
					&& held.adminSince().plus(CooldownService.SECURITY_CHANGE).isAfter(this.clock.instant())) {
				return Optional.of(WithdrawalRejection.COOLDOWN);
			}
			return now;
		}, request, proof,
				tradingPassword, emailCode, context(actor.accountId(), teamId, context));
	}

	/** The master's withdrawals, newest first, for members of the whole team. */
	public Outcome of(UUID actorId, UUID teamId, int limit) {
		Optional<TeamAccess.Access> a = this.access.read(actorId, teamId);
		if (a.isEmpty()) {
			return new Outcome.Refused(TeamRejection.NOT_A_MEMBER);
		}
		return a.get().wholeTeam() ? new Outcome.Listed(this.withdrawals.of(teamId, limit))
				: new Outcome.Refused(TeamRejection.OUT_OF_SCOPE);
	}

	public sealed interface Outcome {

		record Listed(List<Withdrawal> withdrawals) implements Outcome {
		}

		record Refused(Rejection rejection) implements Outcome {
		}
	}
}
