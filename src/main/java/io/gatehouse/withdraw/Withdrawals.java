package io.gatehouse.withdraw;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.AccountEvents.AccountFrozen;
import io.gatehouse.account.CooldownService;
import io.gatehouse.apikey.ApiKeyEvents;
import io.gatehouse.apikey.ApiKeys;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.ledger.Currency;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An owner's withdrawals once requested: the history, one withdrawal, the cancellation (while it waits for
 * review or for the wallet). A freeze cancels every withdrawal the wallet has not picked up; a lost-factor
 * recovery opens a review window. Requests are {@link WithdrawalRequests}'s, quotes {@link WithdrawalQuotes}'s.
 */
@Service
public class Withdrawals {

	private final WithdrawalStore store;

	private final WithdrawalSettings settings;

	private final Holds holds;

	private final WithdrawalProperties properties;

	private final ApiKeys keys;

	private final TransactionTemplate tx;

	private final Clock clock;

	Withdrawals(WithdrawalStore store, WithdrawalSettings settings, Holds holds, WithdrawalProperties properties,
			ApiKeys keys, TransactionTemplate tx, Clock clock) {
		this.keys = keys;
		this.store = store;
		this.settings = settings;
		this.holds = holds;
		this.properties = properties;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * A withdrawal as asked on the wire.
	 *
	 * @param clientOid the caller's id for it (required to submit; not for a quote)
	 * @param amount a decimal string: what leaves the account besides the fee
	 */
	public record Request(@Nullable String clientOid, String currency, String chain, String address,
			@Nullable String memo, String amount) {
	}

	/**
	 * What the owner sees before confirming.
	 *
	 * @param refusal why it cannot go ahead now (with its facts), or null
	 * @param stepUpParams what the step-up proof must be made for ({@code withdraw} with these parameters)
	 */
	public record Quote(@Nullable Currency currency, @Nullable String fee, @Nullable String receive,
			@Nullable String minimum, String limitRemaining, String limit, String referenceCurrency,
			@Nullable Instant cooldownUntil, boolean whitelistOn, boolean emailCodeRequired, boolean reviewLikely,
			@Nullable Rejection refusal, Map<String, String> facts, Map<String, String> stepUpParams) {
	}

	public sealed interface Result {

		/** @param repeated whether this answers a retry of a request made before */
		record Done(Withdrawal withdrawal, boolean repeated) implements Result {
		}

		record Refused(Rejection rejection, Map<String, String> facts) implements Result {

			Refused(WithdrawalRules.Refusal refusal) {
				this(refusal.rejection(), refusal.facts());
			}
		}
	}

	public Optional<Rejection> cancel(Actor.Customer session, UUID withdrawalId, RequestContext context) {
		return cancel(session.accountId(), withdrawalId, context);
	}

	/** The same for an API key acting for its account. */
	public Optional<Rejection> cancel(UUID accountId, UUID withdrawalId, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<Withdrawal> w = this.store.hold(withdrawalId).filter(x -> x.accountId().equals(accountId));
			if (w.isEmpty()) {
				return Optional.<Rejection>of(WithdrawalRejection.NOT_FOUND);
			}
			if (!w.get().status().cancellable()) {
				return Optional.<Rejection>of(WithdrawalRejection.NOT_CANCELLABLE);
			}
			this.holds.end(w.get(), Withdrawal.Status.CANCELLED, "cancelled_by_owner", "cancelled", null, context);
			return Optional.<Rejection>empty();
		}));
	}

	public List<Withdrawal> of(UUID accountId, int limit) {
		return this.store.of(accountId, Math.max(1, Math.min(limit, 500)));
	}

	public Optional<Withdrawal> find(UUID accountId, UUID withdrawalId) {
		return this.store.find(withdrawalId).filter(w -> w.accountId().equals(accountId));
	}

	/**
	 * A freeze (from settings, a "this wasn't me" link, or staff) cancels every withdrawal the wallet has not
	 * picked up, in the freeze's own transaction. The account's keys are locked first, as a key's revocation and
	 * a withdrawal made with a key take them first, so the freeze never waits in the other order.
	 */
	@EventListener
	void on(AccountFrozen event) {
		this.keys.holdAll(event.accountId());
		for (Withdrawal w : this.store.cancellable(event.accountId())) {
			this.holds.end(w, Withdrawal.Status.CANCELLED, "account_frozen", "cancelled", null, event.context());
		}
	}

	/**
	 * A key deleted, suspended or disabled: what it asked for and the wallet has not picked up is cancelled, in
	 * the same transaction, so revoking a stolen key also stops its withdrawals.
	 */
	@EventListener
	void on(ApiKeyEvents.ApiKeyChanged event) {
		if (event.revokes()) {
			for (Withdrawal w : this.store.cancellableByKey(event.keyId())) {
				this.holds.end(w, Withdrawal.Status.CANCELLED, "api_key_revoked", "cancelled", null, event.context());
			}
		}
	}

	/**
	 * After a lost-factor recovery withdrawals are locked (the cooldown), and for a while after the lock ends
	 * every withdrawal still goes to review: the window starts where the lock ends.
	 */
	@EventListener
	void on(CooldownService.SecurityCooldownStarted event) {
		if (CooldownService.LOST_FACTOR_RECOVERY.equals(event.reason())) {
			this.settings.reviewUntil(event.accountId(), event.until().plus(this.properties.reviewAfterRecovery()));
		}
	}

	/** SHA-256 over the parameters in key order, each length-prefixed. */
	static byte[] paramsHash(Map<String, String> params) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
				for (String part : new String[] { e.getKey(), e.getValue() }) {
					byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
					sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
					sha.update(bytes);
				}
			}
			return sha.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
