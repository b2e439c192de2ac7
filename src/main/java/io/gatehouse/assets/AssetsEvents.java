package io.gatehouse.assets;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What the money side announces; each lands in the owner's security event log. */
public final class AssetsEvents {

	private AssetsEvents() {
	}

	/** Funds moved between two of the owner's accounts. Amounts are decimal strings. */
	public record InternalTransferMade(UUID accountId, UUID transferId, String currency, String amount, String from,
			String to, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "internal_transfer_made";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("transfer", this.transferId.toString(), "currency", this.currency, "amount", this.amount,
					"from", this.from, "to", this.to);
		}
	}

	/**
	 * Funds moved between a master account and one of its sub-accounts, on the master's chain.
	 *
	 * @param direction {@code parent_to_sub} or {@code sub_to_parent}
	 */
	public record SubTransferMade(UUID accountId, UUID subAccountId, UUID transferId, String direction,
			String currency, String amount, String from, String to, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "sub_transfer_made";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("subAccount", this.subAccountId.toString(), "transfer", this.transferId.toString(),
					"direction", this.direction, "currency", this.currency, "amount", this.amount, "from", this.from,
					"to", this.to);
		}
	}

	/** The master activated futures on one of its sub-accounts, acknowledging the risks for it; on the master's chain. */
	public record SubAccountFuturesActivated(UUID accountId, UUID subAccountId, String terms, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "sub_account_futures_activated";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("subAccount", this.subAccountId.toString(), "terms", this.terms);
		}
	}

	public record FuturesActivated(UUID accountId, String terms, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "futures_activated";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("terms", this.terms);
		}
	}

	/**
	 * The wallet service credited a deposit to the owner's Funding account.
	 *
	 * @param memo the memo or tag it carried, if the chain uses one
	 */
	public record DepositCredited(UUID accountId, UUID transferId, String currency, String chain, String chainName,
			String amount, String address, @Nullable String memo, String transactionHash) implements AuditableEvent {

		@Override
		public String type() {
			return "deposit_credited";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("transfer", this.transferId.toString(), "currency", this.currency, "chain", this.chain,
					"amount", this.amount, "tx", this.transactionHash);
		}
	}

	/** A staff member proposed a correction; it moves nothing until a different one approves it. */
	public record CorrectionProposed(UUID accountId, UUID correctionId, String currency, String amount, String direction,
			String actor) implements AuditableEvent {

		@Override
		public String type() {
			return "ledger_correction_proposed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("correction", this.correctionId.toString(), "currency", this.currency, "amount", this.amount,
					"direction", this.direction);
		}
	}

	/**
	 * A different staff member decided a correction.
	 *
	 * @param outcome {@code applied}, {@code failed} (a debit the balance no longer covered) or {@code rejected}
	 */
	public record CorrectionApplied(UUID accountId, UUID correctionId, String currency, String amount,
			String direction, String outcome, String actor) implements AuditableEvent {

		@Override
		public String type() {
			return "ledger_correction_decided";
		}

		@Override
		public boolean succeeded() {
			return "applied".equals(this.outcome);
		}

		@Override
		public String reason() {
			return this.outcome;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("correction", this.correctionId.toString(), "currency", this.currency, "amount", this.amount,
					"direction", this.direction);
		}
	}
}
