package io.gatehouse.assets;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.assets.AssetsEvents.InternalTransferMade;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.kernel.Actor;
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
 * Moving funds between the owner's Funding ({@code main}), Spot ({@code trade}) and Futures
 * ({@code contract}) accounts: instant and all-or-nothing. The client's id makes it idempotent: the
 * transfer's id is derived from the owner and that id, so the same request sent again finds the first
 * transfer (and moves nothing), and the same id with another body is refused. Checks, in this order:
 * the request (client id, currency, amount, accounts), into Futures (activated, allowed in the region), then
 * in the transfer's transaction the account (not frozen, its row held so a freeze waits for the transfer)
 * and the ledger (the id's earlier use, the available balance).
 */
@Service
public class InternalTransfers {

	static final String KIND = "internal_transfer";

	private final Currencies currencies;

	private final LedgerAccounts accounts;

	private final Ledger ledger;

	private final Standing standing;

	private final FuturesActivations futures;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	InternalTransfers(Currencies currencies, LedgerAccounts accounts, Ledger ledger, Standing standing,
			FuturesActivations futures, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.currencies = currencies;
		this.accounts = accounts;
		this.ledger = ledger;
		this.standing = standing;
		this.futures = futures;
		this.events = events;
		this.tx = nested(tx);
	}

	/**
	 * Transfers run in a transaction of their own, or, inside a caller's (a team action that holds the member's
	 * access), at a savepoint, so the retry after a clash of ids still works.
	 */
	static TransactionTemplate nested(TransactionTemplate tx) {
		TransactionTemplate nested = new TransactionTemplate(java.util.Objects.requireNonNull(tx.getTransactionManager()));
		nested.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
		return nested;
	}

	/**
	 * An internal transfer as asked on the wire.
	 *
	 * @param amount a decimal string, e.g. {@code "10.5"}
	 * @param from {@code main}, {@code trade} or {@code contract}, in any letter case
	 */
	public record Request(String clientOid, String currency, String amount, String from, String to) {
	}

	public Result transfer(Actor.Customer owner, Request request, RequestContext context) {
		return transfer(owner.accountId(), request, context);
	}

	/** The same for a caller that is not a session: an API key acting for its account. */
	public Result transfer(UUID ownerId, Request request, RequestContext context) {
		TransferAsk ask;
		switch (TransferAsk.read(this.currencies, request.clientOid(), request.currency(), request.amount(),
				request.from(), request.to())) {
			case TransferAsk.Read.Refused refused -> {
				return new Result.Refused(refused.rejection());
			}
			case TransferAsk.Read.Ok ok -> ask = ok.ask();
		}
		if (ask.from() == ask.to()) {
			return new Result.Refused(AssetsRejection.SAME_ACCOUNT);
		}
		if (ask.to() == LedgerAccountType.CONTRACT) {
			if (this.futures.activatedAt(ownerId).isEmpty()) {
				return new Result.Refused(AssetsRejection.FUTURES_NOT_ACTIVATED);
			}
			if (!this.standing.allows(ownerId, RegionAccess.Capability.FUTURES_TRANSFER, context)) {
				return new Result.Refused(AssetsRejection.REGION_RESTRICTED);
			}
		}
		Move move = new Move(ownerId, TransferIds.derive(KIND, ownerId.toString(), ask.clientOid()), ask.currency(),
				ask.amount(), ask.from(), ask.to(), ask.clientOid(), context);
		try {
			return Objects.requireNonNull(this.tx.execute(s -> move(move)));
		}
		catch (DuplicateKeyException ex) {
			// The same id with other accounts, at the same instant: the other won; asking again says how.
			return Objects.requireNonNull(this.tx.execute(s -> move(move)));
		}
	}

	private record Move(UUID owner, UUID id, Currency currency, long amount, LedgerAccountType from,
			LedgerAccountType to, String clientOid, RequestContext context) {
	}

	private Result move(Move m) {
		// The account row is held first (a freeze waits for this transfer), then the ledger accounts, the audit
		// chain's head last.
		Optional<AssetsRejection> frozen = this.standing.refusalHeld(m.owner());
		if (frozen.isPresent()) {
			return new Result.Refused(frozen.get());
		}
		Map<LedgerAccountType, Long> ids = this.accounts.open(m.owner(), m.currency().code(), m.from(), m.to());
		long debit = Objects.requireNonNull(ids.get(m.from()));
		long credit = Objects.requireNonNull(ids.get(m.to()));
		TransferResult result = this.ledger.transfer(new Transfer(m.id(), debit, credit, m.currency().code(),
				m.amount(), KIND, m.clientOid()));
		String amount = Amounts.format(m.amount(), m.currency().scale());
		if (result == TransferResult.OK) {
			this.events.publishEvent(new InternalTransferMade(m.owner(), m.id(), m.currency().code(), amount,
					m.from().wireName(), m.to().wireName(), m.context()));
		}
		if (result.succeeded()) {
			return new Result.Done(m.id(), m.currency().code(), amount, m.from(), m.to(),
					result == TransferResult.EXISTS);
		}
		if (result.idReused()) {
			return new Result.Refused(AssetsRejection.IDEMPOTENCY_KEY_REUSED);
		}
		if (result == TransferResult.EXCEEDS_CREDITS) {
			return new Result.Refused(AssetsRejection.INSUFFICIENT_BALANCE);
		}
		throw new IllegalStateException("internal transfer refused by the ledger: " + result);
	}

	public sealed interface Result {

		/** @param repeated whether this answers a retry of a transfer made before */
		record Done(UUID transferId, String currency, String amount, LedgerAccountType from, LedgerAccountType to,
				boolean repeated) implements Result {
		}

		record Refused(AssetsRejection rejection) implements Result {
		}
	}
}
