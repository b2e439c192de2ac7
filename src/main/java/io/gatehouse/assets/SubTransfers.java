package io.gatehouse.assets;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.SubAccountRows;
import io.gatehouse.assets.AssetsEvents.SubTransferMade;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.kernel.RequestContext;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moving funds between a master account and one of its sub-accounts (KuCoin's {@code PARENT_TO_SUB} and
 * {@code SUB_TO_PARENT}): instant, all-or-nothing, idempotent by the master's client id like an internal transfer.
 * The master must be active; a frozen sub-account only gives funds back. In the transfer's transaction both account
 * rows are held, in id order, so a freeze of either waits and two transfers never wait on each other the other way.
 */
@Service
public class SubTransfers {

	static final String KIND = "sub_transfer";

	public enum Direction {

		PARENT_TO_SUB, SUB_TO_PARENT;

		public static Optional<Direction> of(String wire) {
			return Stream.of(values()).filter(d -> d.name().equalsIgnoreCase(wire.strip())).findFirst();
		}
	}

	/**
	 * @param from the account type on the giving side ({@code main}, {@code trade}, {@code contract})
	 * @param to the account type on the receiving side
	 */
	public record Request(String clientOid, String direction, String currency, String amount, String from, String to) {
	}

	private final Currencies currencies;

	private final LedgerAccounts ledgerAccounts;

	private final Ledger ledger;

	private final Accounts accounts;

	private final SubAccountRows subAccounts;

	private final FuturesActivations futures;

	private final Standing standing;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	SubTransfers(Currencies currencies, LedgerAccounts ledgerAccounts, Ledger ledger, Accounts accounts,
			SubAccountRows subAccounts, FuturesActivations futures, Standing standing, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.currencies = currencies;
		this.ledgerAccounts = ledgerAccounts;
		this.ledger = ledger;
		this.accounts = accounts;
		this.subAccounts = subAccounts;
		this.futures = futures;
		this.standing = standing;
		this.events = events;
		this.tx = InternalTransfers.nested(tx);
	}

	public InternalTransfers.Result transfer(UUID masterId, UUID subId, Request request, RequestContext context) {
		TransferAsk ask;
		switch (TransferAsk.read(this.currencies, request.clientOid(), request.currency(), request.amount(),
				request.from(), request.to())) {
			case TransferAsk.Read.Refused r -> {
				return refused(r.rejection());
			}
			case TransferAsk.Read.Ok ok -> ask = ok.ask();
		}
		Optional<Direction> direction = Direction.of(request.direction());
		if (direction.isEmpty()) {
			return refused(AssetsRejection.DIRECTION_INVALID);
		}
		if (this.subAccounts.find(masterId, subId).isEmpty()) {
			return refused(AssetsRejection.SUB_ACCOUNT_UNKNOWN);
		}
		boolean down = direction.get() == Direction.PARENT_TO_SUB;
		UUID giver = down ? masterId : subId;
		UUID receiver = down ? subId : masterId;
		if (ask.to() == LedgerAccountType.CONTRACT && this.futures.activatedAt(receiver).isEmpty()) {
			return refused(AssetsRejection.FUTURES_NOT_ACTIVATED);
		}
		if (ask.to() == LedgerAccountType.CONTRACT
				&& !this.standing.allows(masterId, RegionAccess.Capability.FUTURES_TRANSFER, context)) {
			return refused(AssetsRejection.REGION_RESTRICTED);
		}
		Move move = new Move(masterId, subId, direction.get(), giver, receiver,
				TransferIds.derive(KIND, masterId.toString(), ask.clientOid()), ask.currency(), ask.amount(),
				ask.from(), ask.to(), ask.clientOid(), context);
		try {
			return Objects.requireNonNull(this.tx.execute(s -> move(move)));
		}
		catch (DuplicateKeyException ex) {
			return Objects.requireNonNull(this.tx.execute(s -> move(move)));
		}
	}

	private record Move(UUID master, UUID sub, Direction direction, UUID giver, UUID receiver, UUID id,
			Currency currency, long amount, LedgerAccountType from, LedgerAccountType to, String clientOid,
			RequestContext context) {
	}

	private InternalTransfers.Result move(Move m) {
		// Both account rows in id order, then the ledger accounts, the audit chain's head last.
		Map<UUID, Account.Status> held = new HashMap<>();
		for (UUID id : List.of(m.master(), m.sub()).stream().sorted(Comparator.naturalOrder()).toList()) {
			this.accounts.lockStatus(id).ifPresent(status -> held.put(id, status));
		}
		if (held.get(m.master()) != Account.Status.ACTIVE) {
			return refused(AssetsRejection.ACCOUNT_FROZEN);
		}
		if (held.get(m.sub()) != Account.Status.ACTIVE && m.direction() == Direction.PARENT_TO_SUB) {
			return refused(AssetsRejection.SUB_ACCOUNT_FROZEN);
		}
		long debit = Objects.requireNonNull(
				this.ledgerAccounts.open(m.giver(), m.currency().code(), m.from()).get(m.from()));
		long credit = Objects.requireNonNull(
				this.ledgerAccounts.open(m.receiver(), m.currency().code(), m.to()).get(m.to()));
		TransferResult result = this.ledger.transfer(new Transfer(m.id(), debit, credit, m.currency().code(),
				m.amount(), KIND, m.clientOid()));
		String amount = Amounts.format(m.amount(), m.currency().scale());
		if (result == TransferResult.OK) {
			this.events.publishEvent(new SubTransferMade(m.master(), m.sub(), m.id(),
					m.direction().name().toLowerCase(Locale.ROOT), m.currency().code(), amount, m.from().wireName(),
					m.to().wireName(), m.context()));
		}
		if (result.succeeded()) {
			return new InternalTransfers.Result.Done(m.id(), m.currency().code(), amount, m.from(), m.to(),
					result == TransferResult.EXISTS);
		}
		if (result.idReused()) {
			return refused(AssetsRejection.IDEMPOTENCY_KEY_REUSED);
		}
		if (result == TransferResult.EXCEEDS_CREDITS) {
			return refused(AssetsRejection.INSUFFICIENT_BALANCE);
		}
		throw new IllegalStateException("sub-account transfer refused by the ledger: " + result);
	}

	private static InternalTransfers.Result refused(AssetsRejection rejection) {
		return new InternalTransfers.Result.Refused(rejection);
	}
}
