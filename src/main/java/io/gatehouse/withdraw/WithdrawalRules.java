package io.gatehouse.withdraw;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.CooldownService;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.withdraw.chain.ChainAddresses;

import org.springframework.stereotype.Component;

/**
 * The rules a withdrawal must pass, in this documented precedence (each refusal with its own code): the
 * request's shape (client id, currency, chain, amount, the chain's minimum); then the account is active and
 * not frozen → the region allows withdrawing → no security cooldown → the KYC level allows withdrawing and the
 * rolling 24-hour limit has room → the address is valid for the chain and, with the whitelist on, in the
 * address book and past its delay → the memo is right for the chain → the available Funding balance covers
 * amount and fee. The same rules run for the quote, before a code is sent, and again in the request's
 * transaction with the account's rows held (the final gate), so nothing checked earlier can have changed.
 */
@Component
class WithdrawalRules {

	private static final Pattern CLIENT_OID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private final Currencies currencies;

	private final Accounts accounts;

	private final RegionService regions;

	private final CooldownService cooldowns;

	private final WithdrawalLimits limits;

	private final AddressBook book;

	private final LedgerAccounts ledgerAccounts;

	private final Clock clock;

	WithdrawalRules(Currencies currencies, Accounts accounts, RegionService regions, CooldownService cooldowns,
			WithdrawalLimits limits, AddressBook book, LedgerAccounts ledgerAccounts, Clock clock) {
		this.currencies = currencies;
		this.accounts = accounts;
		this.regions = regions;
		this.cooldowns = cooldowns;
		this.limits = limits;
		this.book = book;
		this.ledgerAccounts = ledgerAccounts;
		this.clock = clock;
	}

	/** A request whose shape is right. */
	record Draft(String clientOid, Currency currency, Currency.Chain chain, String address, String memo, long amount) {
	}

	/**
	 * A request that passed every rule.
	 *
	 * @param stepUpParams what the step-up proof and the email code are bound to
	 */
	record Checked(Draft draft, String address, String memo, long fee, BigInteger referenceValue,
			List<String> reviewReasons, int approvalsNeeded, Map<String, String> stepUpParams) {
	}

	/** A refusal, with facts the client needs (when a cooldown ends, how much of the limit is left). */
	record Refusal(Rejection rejection, Map<String, String> facts) {

		static Refusal of(Rejection rejection) {
			return new Refusal(rejection, Map.of());
		}
	}

	sealed interface Outcome {

		record Passed(Checked checked) implements Outcome {
		}

		record Refused(Refusal refusal) implements Outcome {
		}
	}

	sealed interface Parsed {

		record Ok(Draft draft) implements Parsed {
		}

		record Bad(Refusal refusal) implements Parsed {
		}
	}

	/** The request's shape, before any rule. */
	Parsed parse(Withdrawals.Request r) {
		Optional<Refusal> bad = shape(r);
		if (bad.isPresent()) {
			return new Parsed.Bad(bad.get());
		}
		Currency currency = this.currencies.find(r.currency()).orElseThrow();
		return new Parsed.Ok(new Draft(r.clientOid() == null ? "" : r.clientOid(), currency,
				currency.chain(r.chain()).orElseThrow(), r.address(), r.memo() == null ? "" : r.memo().strip(),
				Amounts.parse(r.amount(), currency.scale()).orElseThrow()));
	}

	private Optional<Refusal> shape(Withdrawals.Request r) {
		String clientOid = r.clientOid();
		String address = r.address();
		String memo = r.memo();
		if (clientOid != null && !CLIENT_OID.matcher(clientOid).matches()) {
			return Optional.of(Refusal.of(WithdrawalRejection.CLIENT_OID_INVALID));
		}
		Optional<Currency> currency = this.currencies.find(r.currency());
		if (currency.isEmpty()) {
			return Optional.of(Refusal.of(WithdrawalRejection.CURRENCY_UNKNOWN));
		}
		Optional<Currency.Chain> chain = currency.get().chain(r.chain());
		if (chain.isEmpty() || !ChainAddresses.supported(chain.get().chain())) {
			return Optional.of(Refusal.of(WithdrawalRejection.CHAIN_UNKNOWN));
		}
		Optional<Long> amount = Amounts.parse(r.amount(), currency.get().scale());
		if (amount.isEmpty()) {
			return Optional.of(Refusal.of(WithdrawalRejection.AMOUNT_INVALID));
		}
		if (amount.get() < chain.get().withdrawalMinimum()) {
			return Optional.of(new Refusal(WithdrawalRejection.AMOUNT_BELOW_MINIMUM,
					Map.of("minimum", Amounts.format(chain.get().withdrawalMinimum(), currency.get().scale()))));
		}
		if (address.length() > 128 || (memo != null && memo.length() > 64)) {
			return Optional.of(Refusal.of(address.length() > 128 ? WithdrawalRejection.ADDRESS_INVALID
					: WithdrawalRejection.MEMO_INVALID));
		}
		return Optional.empty();
	}

	/**
	 * The rules, in precedence order.
	 *
	 * @param held whether the caller's transaction holds the account's rows (then the account's status is read
	 *     with its row held, so a freeze waits)
	 */
	Outcome check(UUID accountId, Draft d, WithdrawalSettings.Settings settings, RequestContext context, boolean held) {
		Instant now = this.clock.instant();
		Optional<Account> account = this.accounts.find(accountId);
		Optional<Account.Status> status = held ? this.accounts.lockStatus(accountId) : account.map(Account::status);
		if (account.isEmpty() || status.filter(s -> s == Account.Status.ACTIVE).isEmpty()) {
			return refused(WithdrawalRejection.ACCOUNT_FROZEN);
		}
		if (!this.regions.decide(context.ip(), account.get().country().code()).permits(RegionAccess.Capability.WITHDRAW)) {
			return refused(WithdrawalRejection.REGION_RESTRICTED);
		}
		Optional<Instant> cooldown = this.cooldowns.lockedUntil(accountId);
		if (cooldown.isPresent()) {
			return new Outcome.Refused(new Refusal(WithdrawalRejection.COOLDOWN,
					Map.of("cooldownUntil", cooldown.get().toString())));
		}
		WithdrawalLimits.Limit limit = this.limits.limit(accountId, account.get().kycLevel());
		if (limit.total().signum() == 0) {
			return refused(WithdrawalRejection.KYC_REQUIRED);
		}
		Optional<BigInteger> value = this.limits.value(d.currency(), d.amount());
		if (value.isEmpty()) {
			return refused(WithdrawalRejection.PRICE_UNAVAILABLE);
		}
		if (value.get().compareTo(limit.remaining()) > 0) {
			return new Outcome.Refused(new Refusal(WithdrawalRejection.LIMIT_EXCEEDED,
					Map.of("remaining", this.limits.format(limit.remaining()), "limit", this.limits.format(limit.total()),
							"referenceCurrency", this.limits.referenceCurrency())));
		}
		Optional<String> address = ChainAddresses.canonical(d.chain().chain(), d.address());
		if (address.isEmpty()) {
			return refused(WithdrawalRejection.ADDRESS_INVALID);
		}
		Optional<String> memo = ChainAddresses.memo(d.chain().chain(), d.chain().needsMemo(), d.memo());
		if (settings.whitelistEffective(now)) {
			Optional<AddressBook.Entry> entry = this.book.find(accountId, d.currency().code(), d.chain().chain(),
					address.get(), memo.orElse(d.memo()));
			if (entry.isEmpty()) {
				return refused(WithdrawalRejection.ADDRESS_NOT_WHITELISTED);
			}
			if (!entry.get().usable(now)) {
				return new Outcome.Refused(new Refusal(WithdrawalRejection.ADDRESS_COOLDOWN,
						Map.of("cooldownUntil", entry.get().usableAt().toString())));
			}
		}
		if (memo.isEmpty()) {
			return refused(WithdrawalRejection.MEMO_INVALID);
		}
		long fee = d.chain().withdrawalFee();
		long available = this.ledgerAccounts.balance(accountId, d.currency().code(), LedgerAccountType.MAIN).available()
			.longValueExact();
		if (Math.addExact(d.amount(), fee) > available) {
			return refused(WithdrawalRejection.INSUFFICIENT_BALANCE);
		}
		WithdrawalLimits.Review review = this.limits.review(accountId, d, address.get(), memo.get(), value.get(),
				settings);
		Map<String, String> params = new LinkedHashMap<>();
		params.put("currency", d.currency().code());
		params.put("chain", d.chain().chain());
		params.put("address", address.get());
		params.put("memo", memo.get());
		params.put("amount", Amounts.format(d.amount(), d.currency().scale()));
		params.put("fee", Amounts.format(fee, d.currency().scale()));
		return new Outcome.Passed(new Checked(d, address.get(), memo.get(), fee, value.get(), review.reasons(),
				review.approvals(), params));
	}

	/**
	 * Checked again when the wallet claims a withdrawal (TOCTOU): the account is still active, no cooldown
	 * started since, and with the whitelist on the destination is still in the book and usable. Its limit and
	 * balance need no second look: its funds are held.
	 */
	Optional<Rejection> finalGate(Withdrawal w, WithdrawalSettings.Settings settings) {
		Instant now = this.clock.instant();
		// A plain read: the claim holds the withdrawal's row, and a freeze takes the account's row before the
		// withdrawals', so waiting here for the account could deadlock with it.
		if (this.accounts.find(w.accountId()).filter(a -> a.status() == Account.Status.ACTIVE).isEmpty()) {
			return Optional.of(WithdrawalRejection.ACCOUNT_FROZEN);
		}
		if (this.cooldowns.lockedUntil(w.accountId()).isPresent()) {
			return Optional.of(WithdrawalRejection.COOLDOWN);
		}
		if (settings.whitelistEffective(now) && this.book.find(w.accountId(), w.currency(), w.chain(), w.address(), w.memo())
			.filter(e -> e.usable(now))
			.isEmpty()) {
			return Optional.of(WithdrawalRejection.ADDRESS_NOT_WHITELISTED);
		}
		return Optional.empty();
	}

	Optional<Instant> cooldownUntil(UUID accountId) {
		return this.cooldowns.lockedUntil(accountId);
	}

	private static Outcome refused(Rejection rejection) {
		return new Outcome.Refused(Refusal.of(rejection));
	}
}
