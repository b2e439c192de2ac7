package io.gatehouse.apikey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.AccountEvents.ApiKeysSuspended;
import io.gatehouse.account.SubAccountRows;
import io.gatehouse.account.CooldownService;
import io.gatehouse.factor.StepUpAction;
import io.gatehouse.factor.TradingConfirmation;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Managing API keys: create (the secret shown once), edit, enable again after a suspension, delete. Creating,
 * editing and enabling need a step-up proof for exactly the key's settings and the trading password; a key
 * that can withdraw ({@code Transfer}) starts the withdrawal cooldown. Deleting makes the account safer and
 * asks nothing. Every change is a security event; the owner is told on every channel.
 */
@Service
public class ApiKeyService {

	static final int MAX_KEYS = 20;

	static final Duration IDLE = Duration.ofDays(30);

	private final ApiKeys keys;

	private final ApiKeySecrets secrets;

	private final ApiKeyStanding standing;

	private final TradingConfirmation confirmation;

	private final CooldownService cooldowns;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final SubAccountRows subAccounts;

	ApiKeyService(ApiKeys keys, ApiKeySecrets secrets, ApiKeyStanding standing, TradingConfirmation confirmation,
			CooldownService cooldowns, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock,
			SubAccountRows subAccounts) {
		this.subAccounts = subAccounts;
		this.keys = keys;
		this.secrets = secrets;
		this.standing = standing;
		this.confirmation = confirmation;
		this.cooldowns = cooldowns;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	public sealed interface Result {

		/** @param secret shown this once, on creation; null otherwise */
		record Done(ApiKey key, @Nullable String secret) implements Result {

			@Override
			public String toString() {
				return "Done[" + this.key.apiKey() + ", <secret redacted>]";
			}
		}

		record Refused(Rejection rejection, Map<String, String> facts) implements Result {

			Refused(Rejection rejection) {
				this(rejection, Map.of());
			}
		}
	}

	public List<ApiKey> list(UUID accountId) {
		return this.keys.of(accountId);
	}

	/**
	 * Creates a key; the proof is for {@code create_api_key} with {@link ApiKeyRequests.Spec#params()}.
	 *
	 * @param passphrase the client sends it (or its HMAC) with every request; 8 to 32 characters, no spaces
	 */
	public Result create(Actor.Customer session, ApiKeyRequests.Spec spec, String passphrase, @Nullable String proof,
			@Nullable String tradingPassword, RequestContext context) {
		if (!passphrase.matches("\\p{Graph}{8,32}")) {
			return new Result.Refused(ApiKeyRejection.PASSPHRASE_INVALID);
		}
		Optional<ApiKeyStanding.Refusal> refusal = this.standing.refusal(session.accountId(), context);
		if (refusal.isPresent()) {
			return new Result.Refused(refusal.get().rejection(), refusal.get().facts());
		}
		if (this.keys.count(session.accountId()) >= MAX_KEYS) {
			return new Result.Refused(ApiKeyRejection.TOO_MANY);
		}
		if (spec.permissions().contains(Permission.TRANSFER) && !this.confirmation.hasStrongFactor(session.accountId())) {
			return new Result.Refused(ApiKeyRejection.TRANSFER_NEEDS_STRONG_FACTOR);
		}
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<Rejection> refused = this.confirmation.confirm(session, StepUpAction.CREATE_API_KEY, spec.params(),
					proof, tradingPassword, context);
			if (refused.isPresent()) {
				return new Result.Refused(refused.get());
			}
			Made made = mint(session.accountId(), spec, passphrase, context);
			ApiKey key = made.key();
			ApiKeySecrets.Minted minted = made.minted();
			if (key.allows(Permission.TRANSFER)) {
				this.cooldowns.start(session.accountId(), CooldownService.SECURITY_CHANGE, "api_key_with_transfer",
						context);
			}
			return new Result.Done(key, minted.secret());
		}));
	}

	/**
	 * The parameters a proof for a sub-account's new key is made for: the key's settings and the sub-account, so a
	 * proof for one sub-account's key never creates another's.
	 */
	public static Map<String, String> subAccountParams(UUID subAccountId, ApiKeyRequests.Spec spec) {
		Map<String, String> params = new LinkedHashMap<>(spec.params());
		params.put("subAccount", subAccountId.toString());
		return params;
	}

	/**
	 * Creates a key for one of the master's sub-accounts, with the master's step-up ({@code create_api_key} with
	 * {@link #subAccountParams}) and trading password; never with {@code Transfer}, since sub-accounts never withdraw.
	 */
	public Result createForSubAccount(Actor.Customer master, UUID subAccountId, ApiKeyRequests.Spec spec,
			String passphrase, @Nullable String proof, @Nullable String tradingPassword, RequestContext context) {
		if (!passphrase.matches("\\p{Graph}{8,32}")) {
			return new Result.Refused(ApiKeyRejection.PASSPHRASE_INVALID);
		}
		if (spec.permissions().contains(Permission.TRANSFER)) {
			return new Result.Refused(ApiKeyRejection.SUB_ACCOUNT_NO_TRANSFER);
		}
		if (this.subAccounts.find(master.accountId(), subAccountId).isEmpty()) {
			return new Result.Refused(ApiKeyRejection.SUB_ACCOUNT_UNKNOWN);
		}
		Optional<ApiKeyStanding.Refusal> refusal = this.standing.refusal(master.accountId(), context);
		if (refusal.isPresent()) {
			return new Result.Refused(refusal.get().rejection(), refusal.get().facts());
		}
		if (this.keys.count(subAccountId) >= MAX_KEYS) {
			return new Result.Refused(ApiKeyRejection.TOO_MANY);
		}
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<Rejection> refused = this.confirmation.confirm(master, StepUpAction.CREATE_API_KEY,
					subAccountParams(subAccountId, spec), proof, tradingPassword, context);
			if (refused.isPresent()) {
				return new Result.Refused(refused.get());
			}
			Made made = mint(subAccountId, spec, passphrase, context);
			return new Result.Done(made.key(), made.minted().secret());
		}));
	}

	/** The keys of one of the master's sub-accounts; empty for another master's. */
	public List<ApiKey> listForSubAccount(UUID masterId, UUID subAccountId) {
		return this.subAccounts.find(masterId, subAccountId).isPresent() ? this.keys.of(subAccountId) : List.of();
	}

	/** Deletes a key of one of the master's sub-accounts at once. */
	public Optional<Rejection> deleteForSubAccount(Actor.Customer master, UUID subAccountId, UUID id,
			RequestContext context) {
		if (this.subAccounts.find(master.accountId(), subAccountId).isEmpty()) {
			return Optional.of(ApiKeyRejection.SUB_ACCOUNT_UNKNOWN);
		}
		return deleteOf(subAccountId, id, context);
	}

	/**
	 * Deletes a sub-account's key for its master's signed KuCoin call ({@code DELETE /api/v1/sub/api-key}): as KuCoin
	 * asks, the caller names the key and gives its passphrase, compared in constant time. Deleting only takes power
	 * away, so it needs no step-up; making and widening keys do, and stay with the web UI and JSON API.
	 */
	public Optional<Rejection> deleteForSubAccount(UUID masterId, UUID subAccountId, String apiKey, String passphrase,
			RequestContext context) {
		if (this.subAccounts.find(masterId, subAccountId).isEmpty()) {
			return Optional.of(ApiKeyRejection.SUB_ACCOUNT_UNKNOWN);
		}
		Optional<ApiKeys.Stored> stored = this.keys.byApiKey(apiKey)
			.filter(k -> k.key().accountId().equals(subAccountId));
		if (stored.isEmpty() || !this.secrets.passphraseMatches(passphrase, true, stored.get().passphrasePlain(),
				stored.get().passphraseMac())) {
			return Optional.of(ApiKeyRejection.NOT_FOUND);
		}
		return deleteOf(subAccountId, stored.get().key().id(), context);
	}

	/** Edits a key's settings (not its secret or passphrase); the proof is for {@code edit_api_key} with the id too. */
	public Result edit(Actor.Customer session, UUID id, ApiKeyRequests.Spec spec, @Nullable String proof,
			@Nullable String tradingPassword, RequestContext context) {
		Optional<ApiKey> found = this.keys.find(session.accountId(), id);
		if (found.isEmpty()) {
			return new Result.Refused(ApiKeyRejection.NOT_FOUND);
		}
		ApiKey before = found.get();
		boolean addresses = !before.ipAllowList().equals(spec.ipAllowList());
		boolean widens = !before.permissions().containsAll(spec.permissions()) || addresses
				|| before.expiresAt() != null && (spec.expiresAt() == null || spec.expiresAt().isAfter(before.expiresAt()));
		if (spec.permissions().contains(Permission.TRANSFER) && !this.confirmation.hasStrongFactor(session.accountId())) {
			return new Result.Refused(ApiKeyRejection.TRANSFER_NEEDS_STRONG_FACTOR);
		}
		if (widens) {
			Optional<ApiKeyStanding.Refusal> refusal = this.standing.refusal(session.accountId(), context);
			if (refusal.isPresent()) {
				return new Result.Refused(refusal.get().rejection(), refusal.get().facts());
			}
		}
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<Rejection> refused = this.confirmation.confirm(session, StepUpAction.EDIT_API_KEY, editParams(id, spec),
					proof, tradingPassword, context);
			if (refused.isPresent()) {
				return new Result.Refused(refused.get());
			}
			this.keys.update(id, spec.name(), Permission.tokens(spec.permissions()), String.join(",", spec.ipAllowList()),
					spec.expiresAt(), this.clock.instant());
			ApiKey key = this.keys.find(session.accountId(), id).orElseThrow();
			changed(key, "edited", null, context);
			// A key that can withdraw and gains that power, or new addresses to use it from: the cooldown again.
			if (key.allows(Permission.TRANSFER) && (!before.allows(Permission.TRANSFER) || addresses)) {
				this.cooldowns.start(session.accountId(), CooldownService.SECURITY_CHANGE, "api_key_with_transfer",
						context);
			}
			return new Result.Done(key, null);
		}));
	}

	/** The parameters an edit's proof is made for: the key's id and its new settings. */
	public static Map<String, String> editParams(UUID id, ApiKeyRequests.Spec spec) {
		Map<String, String> params = new LinkedHashMap<>(spec.params());
		params.put("id", id.toString());
		return params;
	}

	/** Enables a suspended or disabled key again; the proof is for {@code enable_api_key} with {@code {id}}. */
	public Result enable(Actor.Customer session, UUID id, @Nullable String proof, @Nullable String tradingPassword,
			RequestContext context) {
		Optional<ApiKey> found = this.keys.find(session.accountId(), id);
		if (found.isEmpty()) {
			return new Result.Refused(ApiKeyRejection.NOT_FOUND);
		}
		if (found.get().state() == ApiKey.State.ACTIVE) {
			return new Result.Refused(ApiKeyRejection.NOT_SUSPENDED);
		}
		if (found.get().allows(Permission.TRANSFER) && !this.confirmation.hasStrongFactor(session.accountId())) {
			return new Result.Refused(ApiKeyRejection.TRANSFER_NEEDS_STRONG_FACTOR);
		}
		Optional<ApiKeyStanding.Refusal> refusal = this.standing.refusal(session.accountId(), context);
		if (refusal.isPresent()) {
			return new Result.Refused(refusal.get().rejection(), refusal.get().facts());
		}
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<Rejection> refused = this.confirmation.confirm(session, StepUpAction.ENABLE_API_KEY,
					Map.of("id", id.toString()), proof, tradingPassword, context);
			if (refused.isPresent()) {
				return new Result.Refused(refused.get());
			}
			if (!this.keys.changeState(id, List.of(ApiKey.State.SUSPENDED, ApiKey.State.DISABLED), ApiKey.State.ACTIVE,
					null, this.clock.instant())) {
				return new Result.Refused(ApiKeyRejection.NOT_SUSPENDED);
			}
			ApiKey key = this.keys.find(session.accountId(), id).orElseThrow();
			changed(key, "enabled", null, context);
			return new Result.Done(key, null);
		}));
	}

	/** Deletes a key at once; the next request with it is refused. */
	public Optional<Rejection> delete(Actor.Customer session, UUID id, RequestContext context) {
		return deleteOf(session.accountId(), id, context);
	}

	Optional<Rejection> deleteOf(UUID accountId, UUID id, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<ApiKey> found = this.keys.find(accountId, id);
			if (found.isEmpty() || !this.keys.changeState(id, List.of(ApiKey.State.ACTIVE, ApiKey.State.SUSPENDED,
					ApiKey.State.DISABLED), ApiKey.State.DELETED, "deleted_by_owner", this.clock.instant())) {
				return Optional.<Rejection>of(ApiKeyRejection.NOT_FOUND);
			}
			changed(found.get(), "deleted", null, context);
			return Optional.<Rejection>empty();
		}));
	}

	/** A freeze, a password reset, a recovery or a contact revert: every key of the account is suspended. */
	@EventListener
	void on(ApiKeysSuspended event) {
		for (ApiKey key : this.keys.suspendAll(event.accountId(), event.reason(), this.clock.instant())) {
			changed(key, "suspended", event.reason(), event.context());
		}
		// The master's sub-accounts' keys too: whatever stops the master's keys stops the keys it made for them.
		for (SubAccountRows.SubAccountRow sub : this.subAccounts.of(event.accountId())) {
			for (ApiKey key : this.keys.suspendAll(sub.id(), event.reason(), this.clock.instant())) {
				changed(key, "suspended", event.reason(), event.context());
			}
		}
	}

	/** Keys that can trade, with no IP list, unused for 30 days, are disabled (KuCoin's rule). */
	@Scheduled(fixedDelayString = "${gatehouse.api-keys.idle-check-interval:PT1H}")
	void disableIdle() {
		Instant now = this.clock.instant();
		for (ApiKey key : this.keys.idleTradingKeys(now.minus(IDLE))) {
			this.tx.executeWithoutResult(s -> {
				if (this.keys.changeState(key.id(), List.of(ApiKey.State.ACTIVE), ApiKey.State.DISABLED, "unused_30_days",
						now)) {
					changed(key, "disabled", "unused_30_days", null);
				}
			});
		}
	}

	record Made(ApiKey key, ApiKeySecrets.Minted minted) {
	}

	/** A new key for the account, stored with its sealed secret, and told: in the caller's transaction. */
	private Made mint(UUID accountId, ApiKeyRequests.Spec spec, String passphrase, RequestContext context) {
		return mint(accountId, spec, passphrase, context, null);
	}

	/** The same, made by a team member for the team ({@code createdBy}), who is named on the event. */
	Made mint(UUID accountId, ApiKeyRequests.Spec spec, String passphrase, RequestContext context,
			@Nullable UUID createdBy) {
		Instant now = this.clock.instant();
		ApiKeySecrets.Minted minted = this.secrets.mint(passphrase);
		ApiKey key = new ApiKey(minted.id(), accountId, minted.apiKey(), spec.name(), spec.permissions(),
				spec.ipAllowList(), spec.expiresAt(), ApiKey.State.ACTIVE, null, now, null, null);
		this.keys.insert(key, minted, now, createdBy);
		changed(key, "created", null, context);
		return new Made(key, minted);
	}

	/** Published on the key's account; a sub-account's key on its master's, who made it and is told. */
	void changed(ApiKey key, String change, @Nullable String reason, @Nullable RequestContext context) {
		UUID told = this.subAccounts.masterOf(key.accountId()).orElse(key.accountId());
		this.events.publishEvent(new ApiKeyEvents.ApiKeyChanged(told, key.id(), key.apiKey(), key.name(),
				change, Permission.tokens(key.permissions()), String.join(",", key.ipAllowList()), reason, context));
	}
}
