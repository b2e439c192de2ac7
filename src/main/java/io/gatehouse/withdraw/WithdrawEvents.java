package io.gatehouse.withdraw;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What happens to withdrawals and the address book, for the security event log and the owner's notices. */
public final class WithdrawEvents {

	private WithdrawEvents() {
	}

	public record AddressAdded(UUID accountId, UUID entryId, String currency, String chain, String address,
			String label, Instant usableAt, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "withdrawal_address_added";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("entry", this.entryId.toString(), "currency", this.currency, "chain", this.chain, "address",
					this.address, "usableAt", this.usableAt.toString());
		}
	}

	public record AddressRemoved(UUID accountId, UUID entryId, String currency, String chain, String address,
			String label, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "withdrawal_address_removed";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("entry", this.entryId.toString(), "currency", this.currency, "chain", this.chain, "address",
					this.address);
		}
	}

	public record WhitelistOn(UUID accountId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "withdrawal_whitelist_on";
		}
	}

	public record WhitelistOffRequested(UUID accountId, Instant effectiveAt, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "withdrawal_whitelist_off_requested";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("effectiveAt", this.effectiveAt.toString());
		}
	}

	public record WhitelistOffCancelled(UUID accountId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "withdrawal_whitelist_off_cancelled";
		}
	}

	/** The email code for one withdrawal; not logged (it carries the code), only sent. */
	public record EmailCodeIssued(UUID accountId, String code, String currency, String amount, String address,
			long validMinutes, RequestContext context) {

		@Override
		public String toString() {
			return "EmailCodeIssued[accountId=" + this.accountId + ", code=<redacted>]";
		}
	}

	public record WithdrawalRequested(UUID accountId, UUID withdrawalId, String currency, String chain,
			String chainName, String address, String memo, String amount, String fee, String status,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "withdrawal_requested";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("withdrawal", this.withdrawalId.toString(), "currency", this.currency, "chain", this.chain,
					"address", this.address, "amount", this.amount, "fee", this.fee, "status", this.status);
		}
	}

	/**
	 * A withdrawal ended or moved on: {@code cancelled} (by the owner, or by a freeze), {@code approved},
	 * {@code rejected} (by review), {@code processing}, {@code succeeded}, {@code failed}.
	 *
	 * @param reason a stable code ({@code cancelled_by_owner}, {@code account_frozen}, {@code rejected_by_review},
	 *     {@code final_gate:<code>}, {@code wallet_failure}); never a person's or a service's own words, which
	 *     the owner's exported history would show
	 * @param actor {@code staff:<id>} for a reviewer, {@code service:<name>} for the wallet service, null for the owner
	 */
	public record WithdrawalChanged(UUID accountId, UUID withdrawalId, String change, String currency, String amount,
			String address, @Nullable String txId, @Nullable String reason, @Nullable String actor,
			@Nullable RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "withdrawal_" + this.change;
		}

		@Override
		public Map<String, String> details() {
			Map<String, String> out = new java.util.LinkedHashMap<>();
			out.put("withdrawal", this.withdrawalId.toString());
			out.put("currency", this.currency);
			out.put("amount", this.amount);
			if (this.txId != null) {
				out.put("txId", this.txId);
			}
			return out;
		}
	}

	/** The wallet service reported a success for a withdrawal that had been cancelled or failed: refused, and alerted. */
	public record LateSuccessRefused(UUID accountId, UUID withdrawalId, String status, @Nullable String txId,
			String actor) implements AuditableEvent {

		@Override
		public String type() {
			return "withdrawal_late_success_refused";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public @Nullable String actor() {
			return this.actor;
		}

		@Override
		public Map<String, String> details() {
			return this.txId == null ? Map.of("withdrawal", this.withdrawalId.toString(), "status", this.status)
					: Map.of("withdrawal", this.withdrawalId.toString(), "status", this.status, "txId", this.txId);
		}
	}
}
