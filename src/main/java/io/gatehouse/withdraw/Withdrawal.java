package io.gatehouse.withdraw;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A withdrawal as stored. Amounts are minor units of its currency; {@code referenceValue} is the amount's
 * worth in minor units of the reference currency when it was requested (what the 24-hour limit counts).
 *
 * @param outcomeReason a stable code the owner may read ({@code cancelled_by_owner}, {@code account_frozen},
 *     {@code rejected_by_review}, {@code final_gate:<code>}, {@code wallet_failure})
 * @param walletNote the wallet service's words on a failure, for staff
 * @param claims how many times the wallet claimed it: more than one means an earlier worker may have sent it
 */
public record Withdrawal(UUID id, UUID accountId, String clientOid, String currency, String chain, String address,
		String memo, long amount, long fee, BigInteger referenceValue, Status status, List<String> reviewReasons,
		int approvalsNeeded, UUID holdId, @Nullable UUID feeHoldId, @Nullable String txId,
		@Nullable String outcomeReason, @Nullable String walletNote, int claims, Instant createdAt, Instant updatedAt) {

	public Withdrawal {
		reviewReasons = List.copyOf(reviewReasons);
	}

	/**
	 * REVIEW (staff) → WAITING (for the wallet service) → PROCESSING (claimed) → SUCCESS or FAILURE;
	 * CANCELLED from REVIEW or WAITING, by the owner, a reviewer's rejection or a freeze.
	 */
	public enum Status {

		REVIEW, WAITING, PROCESSING, SUCCESS, FAILURE, CANCELLED;

		public boolean cancellable() {
			return this == REVIEW || this == WAITING;
		}

		public String wireName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}
	}
}
