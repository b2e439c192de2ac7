package io.gatehouse.withdraw;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.gatehouse.apikey.ApiKeys;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.withdraw.chain.ChainAddresses;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Requesting a withdrawal, idempotent by its client id (same id and body: the same withdrawal; same id, other
 * body: refused). In the request's transaction the account's settings row is held (one account's requests
 * take turns, so 20 at once cannot spend the same limit or balance twice), the rules run again as the final
 * gate, the confirmation is spent (step-up proof, email code, trading password), then the amount and fee
 * are held in the ledger and the withdrawal is written.
 */
@Service
public class WithdrawalRequests {

	private final WithdrawalRules rules;

	private final WithdrawalSettings settings;

	private final WithdrawalStore store;

	private final WithdrawalConfirmations confirmations;

	private final Holds holds;

	private final ApiKeys keys;

	private final TransactionTemplate tx;

	WithdrawalRequests(WithdrawalRules rules, WithdrawalSettings settings, WithdrawalStore store,
			WithdrawalConfirmations confirmations, Holds holds, ApiKeys keys, TransactionTemplate tx) {
		this.keys = keys;
		this.rules = rules;
		this.settings = settings;
		this.store = store;
		this.confirmations = confirmations;
		this.holds = holds;
		this.tx = tx;
	}

	/**
	 * Requests a withdrawal.
	 *
	 * @param proof a step-up proof for {@code withdraw} with the quote's {@code stepUpParams}
	 * @param emailCode the code sent by {@link #sendCode}, when email codes are on
	 */
	public Withdrawals.Result submit(Actor.Customer session, Withdrawals.Request request, @Nullable String proof,
			@Nullable String tradingPassword, @Nullable String emailCode, RequestContext context) {
		return request(session.accountId(), null, request, checked -> {
			if (!this.confirmations.hasStrongFactor(session.accountId())) {
				return Optional.of(WithdrawalRejection.STRONG_FACTOR_REQUIRED);
			}
			return this.confirmations.confirmWithdrawal(session, checked.stepUpParams(), proof, tradingPassword,
					emailCode, context);
		}, context);
	}

	/**
	 * Requests a withdrawal for an API key with the {@code Transfer} permission (KuCoin's model: the key, bound
	 * to its IP addresses, is the confirmation; its owner confirmed that when creating it). Every rule applies as
	 * for the owner: cooldown, KYC limit, whitelist, balance, review.
	 */
	public Withdrawals.Result submitByKey(UUID accountId, UUID apiKeyId, Withdrawals.Request request,
			RequestContext context) {
		return request(accountId, apiKeyId, request, checked -> this.confirmations.hasStrongFactor(accountId) ? Optional.empty()
				: Optional.of(WithdrawalRejection.STRONG_FACTOR_REQUIRED), context);
	}

	/**
	 * Requests a withdrawal from a team's master account by one of its admins ({@link TeamWithdrawals}): every rule
	 * of the master's applies (whitelist, cooldowns, limits, review); the admin confirms with their own strong
	 * factor, step-up proof (for the parameters with the team), email code and trading password. Their access is
	 * held for share in the withdrawal's transaction, so a removal either comes after it or refuses it.
	 */
	Withdrawals.Result submitForTeam(Actor.Customer admin, UUID teamId,
			java.util.function.Supplier<Optional<Rejection>> access, Withdrawals.Request request,
			@Nullable String proof, @Nullable String tradingPassword, @Nullable String emailCode,
			RequestContext context) {
		return request(teamId, null, request, checked -> {
			Optional<Rejection> refused = access.get();
			if (refused.isPresent()) {
				return refused;
			}
			if (!this.confirmations.hasStrongFactor(admin.accountId())) {
				return Optional.of(WithdrawalRejection.STRONG_FACTOR_REQUIRED);
			}
			return this.confirmations.confirmWithdrawal(admin, TeamWithdrawals.params(teamId, checked.stepUpParams()),
					proof, tradingPassword, emailCode, context);
		}, context);
	}

	private Withdrawals.Result request(UUID accountId, @Nullable UUID apiKeyId, Withdrawals.Request request,
			Function<WithdrawalRules.Checked, Optional<Rejection>> confirm, RequestContext context) {
		if (request.clientOid() == null) {
			return new Withdrawals.Result.Refused(WithdrawalRejection.CLIENT_OID_INVALID, Map.of());
		}
		WithdrawalRules.Draft draft;
		switch (this.rules.parse(request)) {
			case WithdrawalRules.Parsed.Bad bad -> {
				return new Withdrawals.Result.Refused(bad.refusal());
			}
			case WithdrawalRules.Parsed.Ok ok -> draft = ok.draft();
		}
		Optional<Withdrawals.Result> earlier = repeated(accountId, draft);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		try {
			return Objects.requireNonNull(this.tx.execute(s -> {
				// The key first, as its revocation takes it first: revoked before, refused here; revoked while
				// this runs, the revocation waits and then cancels what this made.
				if (apiKeyId != null && !this.keys.holdActive(apiKeyId)) {
					return new Withdrawals.Result.Refused(WithdrawalRejection.API_KEY_REVOKED, Map.of());
				}
				WithdrawalSettings.Settings held = this.settings.hold(accountId);
				Optional<Withdrawals.Result> again = repeated(accountId, draft);
				if (again.isPresent()) {
					return again.get();
				}
				WithdrawalRules.Checked checked;
				switch (this.rules.check(accountId, draft, held, context, true)) {
					case WithdrawalRules.Outcome.Refused r -> {
						return new Withdrawals.Result.Refused(r.refusal());
					}
					case WithdrawalRules.Outcome.Passed p -> checked = p.checked();
				}
				Optional<Rejection> refused = confirm.apply(checked);
				if (refused.isPresent()) {
					return new Withdrawals.Result.Refused(refused.get(), Map.of());
				}
				Optional<Withdrawal> made = this.holds.request(accountId, checked, context);
				if (made.isEmpty()) {
					s.setRollbackOnly();
					return new Withdrawals.Result.Refused(WithdrawalRejection.INSUFFICIENT_BALANCE, Map.of());
				}
				if (apiKeyId != null) {
					this.store.madeByKey(made.get().id(), apiKeyId);
				}
				return new Withdrawals.Result.Done(made.get(), false);
			}));
		}
		catch (DuplicateKeyException ex) {
			return repeated(accountId, draft).orElseThrow(() -> ex);
		}
	}

	/** The earlier request with this client id: the same withdrawal again, or a refusal when its body differs. */
	private Optional<Withdrawals.Result> repeated(UUID accountId, WithdrawalRules.Draft draft) {
		return this.store.byClientOid(accountId, draft.clientOid()).map(w -> {
			boolean same = w.currency().equals(draft.currency().code()) && w.chain().equals(draft.chain().chain())
					&& w.amount() == draft.amount() && w.memo().equals(draft.memo())
					&& (w.address().equals(draft.address()) || w.address().equals(ChainAddresses
						.canonical(draft.chain().chain(), draft.address()).orElse(null)));
			return same ? new Withdrawals.Result.Done(w, true)
					: new Withdrawals.Result.Refused(WithdrawalRejection.IDEMPOTENCY_KEY_REUSED, Map.of());
		});
	}
}
