package io.gatehouse.withdraw;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.StepUpAction;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.withdraw.chain.ChainAddresses;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The owner's withdrawal address book and its whitelist. Adding or removing an address and switching the
 * whitelist need step-up and the trading password. A new address can be used only after the configured
 * delay (24 h); switching the whitelist on is immediate, switching it off takes effect after the same kind
 * of delay and can be cancelled until then. Every change is told on every channel.
 */
@Service
public class AddressBook {

	private final WithdrawalAddresses addresses;

	private final Currencies currencies;

	private final WithdrawalSettings settings;

	private final WithdrawalConfirmations confirmations;

	private final WithdrawalProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	AddressBook(WithdrawalAddresses addresses, Currencies currencies, WithdrawalSettings settings,
			WithdrawalConfirmations confirmations, WithdrawalProperties properties, ApplicationEventPublisher events,
			TransactionTemplate tx, Clock clock) {
		this.addresses = addresses;
		this.currencies = currencies;
		this.settings = settings;
		this.confirmations = confirmations;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/** An address as asked on the wire. */
	public record NewAddress(String currency, String chain, String address, @Nullable String memo, String label) {
	}

	/** An address-book entry: canonical address and memo. */
	public record Entry(UUID id, String currency, String chain, String address, String memo, String label,
			Instant usableAt, Instant createdAt) {

		public boolean usable(Instant now) {
			return !now.isBefore(this.usableAt);
		}
	}

	/** The whitelist as the owner sees it. */
	public record Whitelist(boolean on, @Nullable Instant offAt) {
	}

	public sealed interface Result {

		record Added(Entry entry) implements Result {
		}

		record Refused(Rejection rejection) implements Result {
		}
	}

	public List<Entry> list(UUID accountId) {
		return this.addresses.of(accountId);
	}

	public Whitelist whitelist(UUID accountId) {
		WithdrawalSettings.Settings s = this.settings.find(accountId);
		Instant now = this.clock.instant();
		return new Whitelist(s.whitelistEffective(now), s.whitelistEffective(now) ? s.whitelistOffAt() : null);
	}

	/** The parameters a step-up proof for adding this address is made for (canonical), or why it is not valid. */
	public Checked checked(NewAddress request) {
		Optional<Currency> currency = this.currencies.find(request.currency());
		if (currency.isEmpty()) {
			return new Checked(null, WithdrawalRejection.CURRENCY_UNKNOWN);
		}
		Optional<Currency.Chain> chain = currency.get().chain(request.chain());
		if (chain.isEmpty() || !ChainAddresses.supported(chain.get().chain())) {
			return new Checked(null, WithdrawalRejection.CHAIN_UNKNOWN);
		}
		Optional<String> address = ChainAddresses.canonical(chain.get().chain(), request.address());
		if (address.isEmpty()) {
			return new Checked(null, WithdrawalRejection.ADDRESS_INVALID);
		}
		Optional<String> memo = ChainAddresses.memo(chain.get().chain(), chain.get().needsMemo(),
				request.memo() == null ? "" : request.memo().strip());
		if (memo.isEmpty()) {
			return new Checked(null, WithdrawalRejection.MEMO_INVALID);
		}
		String label = request.label().strip();
		if (label.isEmpty() || label.length() > 40 || label.codePoints().anyMatch(Character::isISOControl)) {
			return new Checked(null, WithdrawalRejection.LABEL_INVALID);
		}
		Map<String, String> params = new LinkedHashMap<>();
		params.put("currency", currency.get().code());
		params.put("chain", chain.get().chain());
		params.put("address", address.get());
		params.put("memo", memo.get());
		params.put("label", label);
		return new Checked(params, null);
	}

	/** The canonical parameters of a new address (what its step-up proof is made for), or why it is not valid. */
	public record Checked(@Nullable Map<String, String> params, @Nullable Rejection refused) {
	}

	public Result add(Actor.Customer session, NewAddress request, @Nullable String proof,
			@Nullable String tradingPassword, RequestContext context) {
		Checked checked = checked(request);
		if (checked.refused() != null) {
			return new Result.Refused(checked.refused());
		}
		Map<String, String> p = Objects.requireNonNull(checked.params());
		return Objects.requireNonNull(this.tx.execute(s -> {
			this.settings.hold(session.accountId());
			Optional<Rejection> refused = this.confirmations.confirm(session, StepUpAction.ADD_WITHDRAWAL_ADDRESS, p,
					proof, tradingPassword, context);
			if (refused.isPresent()) {
				return new Result.Refused(refused.get());
			}
			Instant now = this.clock.instant();
			Optional<Entry> added = this.addresses.insert(session.accountId(), p.getOrDefault("currency", ""),
					p.getOrDefault("chain", ""), p.getOrDefault("address", ""), p.getOrDefault("memo", ""),
					p.getOrDefault("label", ""), now.plus(this.properties.addressDelay()), now);
			if (added.isEmpty()) {
				return new Result.Refused(WithdrawalRejection.ADDRESS_EXISTS);
			}
			Entry entry = added.get();
			this.events.publishEvent(new WithdrawEvents.AddressAdded(session.accountId(), entry.id(), entry.currency(),
					entry.chain(), entry.address(), entry.label(), entry.usableAt(), context));
			return new Result.Added(entry);
		}));
	}

	public Optional<Rejection> remove(Actor.Customer session, UUID entryId, @Nullable String proof,
			@Nullable String tradingPassword, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			this.settings.hold(session.accountId());
			Optional<Entry> entry = find(session.accountId(), entryId);
			if (entry.isEmpty()) {
				return Optional.<Rejection>of(WithdrawalRejection.ADDRESS_NOT_FOUND);
			}
			Optional<Rejection> refused = this.confirmations.confirm(session, StepUpAction.REMOVE_WITHDRAWAL_ADDRESS,
					Map.of("id", entryId.toString()), proof, tradingPassword, context);
			if (refused.isPresent()) {
				return refused;
			}
			this.addresses.remove(entryId, this.clock.instant());
			this.events.publishEvent(new WithdrawEvents.AddressRemoved(session.accountId(), entryId,
					entry.get().currency(), entry.get().chain(), entry.get().address(), entry.get().label(), context));
			return Optional.<Rejection>empty();
		}));
	}

	/**
	 * Switches the whitelist: on at once; off only after the delay (the switch-off is pending until then).
	 * The proof is for {@code change_whitelist} with {@code {"whitelist": "on"|"off"}}.
	 */
	public Optional<Rejection> switchWhitelist(Actor.Customer session, boolean on, @Nullable String proof,
			@Nullable String tradingPassword, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			WithdrawalSettings.Settings current = this.settings.hold(session.accountId());
			Instant now = this.clock.instant();
			boolean effective = current.whitelistEffective(now);
			if (on ? effective && current.whitelistOffAt() == null : !effective || current.whitelistOffAt() != null) {
				return Optional.<Rejection>of(WithdrawalRejection.WHITELIST_UNCHANGED);
			}
			Optional<Rejection> refused = this.confirmations.confirm(session, StepUpAction.CHANGE_WHITELIST,
					Map.of("whitelist", on ? "on" : "off"), proof, tradingPassword, context);
			if (refused.isPresent()) {
				return refused;
			}
			Instant offAt = on ? null : now.plus(this.properties.whitelistOffDelay());
			this.settings.whitelist(session.accountId(), true, offAt);
			this.events.publishEvent(on ? new WithdrawEvents.WhitelistOn(session.accountId(), context)
					: new WithdrawEvents.WhitelistOffRequested(session.accountId(), Objects.requireNonNull(offAt),
							context));
			return Optional.<Rejection>empty();
		}));
	}

	/** Cancels a pending switch-off: the whitelist stays on. Makes the account safer, so it asks no proof. */
	public Optional<Rejection> cancelSwitchOff(Actor.Customer session, RequestContext context) {
		return Objects.requireNonNull(this.tx.execute(s -> {
			WithdrawalSettings.Settings current = this.settings.hold(session.accountId());
			if (!current.whitelistEffective(this.clock.instant()) || current.whitelistOffAt() == null) {
				return Optional.<Rejection>of(WithdrawalRejection.WHITELIST_UNCHANGED);
			}
			this.settings.whitelist(session.accountId(), true, null);
			this.events.publishEvent(new WithdrawEvents.WhitelistOffCancelled(session.accountId(), context));
			return Optional.<Rejection>empty();
		}));
	}

	Optional<Entry> find(UUID accountId, UUID entryId) {
		return this.addresses.find(accountId, entryId);
	}

	/** The entry for exactly this destination (canonical address and memo), if the book has it. */
	Optional<Entry> find(UUID accountId, String currency, String chain, String address, String memo) {
		return this.addresses.find(accountId, currency, chain, address, memo);
	}
}
