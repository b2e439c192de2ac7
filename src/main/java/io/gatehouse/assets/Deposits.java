package io.gatehouse.assets;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.gatehouse.assets.AssetsEvents.DepositCredited;
import io.gatehouse.ledger.Amounts;
import io.gatehouse.ledger.Currencies;
import io.gatehouse.ledger.Currency;
import io.gatehouse.ledger.Ledger;
import io.gatehouse.ledger.LedgerAccountType;
import io.gatehouse.ledger.LedgerAccounts;
import io.gatehouse.ledger.Transfer;
import io.gatehouse.ledger.TransferIds;
import io.gatehouse.ledger.TransferResult;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deposits the exchange's wallet service credits once a chain output has its confirmations: the amount
 * lands in the owner's Funding account, from the currency's deposits system account, and the owner is told.
 * One credit per (chain, transaction, output, currency): the transfer's id is derived from them (the
 * transaction hash in one canonical spelling), so the wallet service may send the same deposit again safely.
 * The output is the transaction output on UTXO chains and the transfer's log index on account chains, where
 * one transaction may carry the native coin and tokens at once: the currency tells them apart. A deposit to an address that was given out is always
 * credited and recorded, whatever the account's state or region: money that arrived is never lost.
 */
@Service
public class Deposits {

	private static final Pattern TRANSACTION = Pattern.compile("[A-Za-z0-9:_-]{1,128}");

	private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

	static final String KIND = "deposit";

	private final DepositAddresses addresses;

	private final Currencies currencies;

	private final LedgerAccounts accounts;

	private final Ledger ledger;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	Deposits(DepositAddresses addresses, Currencies currencies, LedgerAccounts accounts, Ledger ledger,
			JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.addresses = addresses;
		this.currencies = currencies;
		this.accounts = accounts;
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * One confirmed chain output, as the wallet service reports it.
	 *
	 * @param amount a decimal string in the currency's scale
	 * @param memo the memo or tag it carried, where the chain uses one
	 */
	public record Deposit(String currency, String chain, String address, @Nullable String memo,
			String transactionHash, int outputIndex, String amount) {
	}

	public Result credit(Deposit d) {
		Optional<Currency> currency = this.currencies.find(d.currency());
		if (currency.isEmpty()) {
			return new Result.Refused(AssetsRejection.CURRENCY_UNKNOWN);
		}
		Optional<Currency.Chain> chain = currency.get().chain(d.chain());
		if (chain.isEmpty()) {
			return new Result.Refused(AssetsRejection.CHAIN_UNKNOWN);
		}
		Optional<Long> amount = Amounts.parse(d.amount(), currency.get().scale());
		if (amount.isEmpty()) {
			return new Result.Refused(AssetsRejection.AMOUNT_INVALID);
		}
		if (!TRANSACTION.matcher(d.transactionHash()).matches() || d.outputIndex() < 0) {
			return new Result.Refused(AssetsRejection.TRANSACTION_INVALID);
		}
		String transaction = canonical(d.transactionHash());
		String memo = d.memo() == null || d.memo().isEmpty() ? null : d.memo();
		Optional<DepositAddresses.Address> address = this.addresses.find(chain.get().chain(), d.address(), memo);
		if (address.isEmpty() || address.get().accountId() == null) {
			return new Result.Refused(AssetsRejection.DEPOSIT_ADDRESS_UNKNOWN);
		}
		Credit credit = new Credit(Objects.requireNonNull(address.get().accountId()), currency.get(), chain.get(),
				d.address(), memo, transaction, d.outputIndex(), amount.get(), TransferIds.derive(KIND,
						chain.get().chain(), transaction, Integer.toString(d.outputIndex()), currency.get().code()));
		try {
			return Objects.requireNonNull(this.tx.execute(s -> credit(credit)));
		}
		catch (DuplicateKeyException ex) {
			// The same output credited at the same instant with other details: the other won.
			return Objects.requireNonNull(this.tx.execute(s -> credit(credit)));
		}
	}

	/**
	 * One spelling per transaction, so a retry in other letters is the same deposit: hexadecimal hashes
	 * (with or without {@code 0x}, in any case) become lower case without the prefix; others stay as sent.
	 */
	static String canonical(String transactionHash) {
		String hash = transactionHash.startsWith("0x") || transactionHash.startsWith("0X") ? transactionHash.substring(2)
				: transactionHash;
		return HEX.matcher(hash).matches() ? hash.toLowerCase(Locale.ROOT) : transactionHash;
	}

	private record Credit(UUID owner, Currency currency, Currency.Chain chain, String address, @Nullable String memo,
			String transactionHash, int outputIndex, long amount, UUID transferId) {
	}

	private Result credit(Credit c) {
		Map<LedgerAccountType, Long> ids = this.accounts.open(c.owner(), c.currency().code(), LedgerAccountType.MAIN);
		TransferResult result = this.ledger.transfer(new Transfer(c.transferId(),
				this.accounts.system(c.currency().code(), LedgerAccountType.DEPOSITS),
				Objects.requireNonNull(ids.get(LedgerAccountType.MAIN)), c.currency().code(), c.amount(), KIND,
				c.transactionHash() + ":" + c.outputIndex()));
		String amount = Amounts.format(c.amount(), c.currency().scale());
		if (result == TransferResult.OK) {
			this.jdbc.sql("""
					insert into deposits (transfer_id, account_id, currency, chain, transaction_hash, output_index,
					                      address, memo, amount, credited_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(c.transferId(), c.owner(), c.currency().code(), c.chain().chain(), c.transactionHash(),
						c.outputIndex(), c.address(), c.memo(), c.amount(), Timestamp.from(this.clock.instant()))
				.update();
			this.events.publishEvent(new DepositCredited(c.owner(), c.transferId(), c.currency().code(),
					c.chain().chain(), c.chain().name(), amount, c.address(), c.memo(), c.transactionHash()));
		}
		if (result.succeeded()) {
			return new Result.Credited(c.transferId(), c.owner(), amount, result == TransferResult.EXISTS);
		}
		if (result.idReused()) {
			return new Result.Refused(AssetsRejection.DEPOSIT_CONFLICT);
		}
		throw new IllegalStateException("deposit refused by the ledger: " + result);
	}

	public sealed interface Result {

		/** @param repeated whether this output was credited before */
		record Credited(UUID transferId, UUID accountId, String amount, boolean repeated) implements Result {
		}

		record Refused(AssetsRejection rejection) implements Result {
		}
	}
}
