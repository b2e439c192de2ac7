package io.gatehouse.ledger;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A transfer asked of the {@link Ledger}: {@code amount} minor units of {@code currency} from the debit
 * account to the credit account.
 *
 * @param id the caller's idempotency key: the same id never moves money twice
 * @param kind what it is for, snake_case: {@code deposit}, {@code internal_transfer}, {@code correction}
 * @param reference the caller's reference, shown in statements (a client order id, a transaction hash)
 */
public record Transfer(UUID id, long debitAccountId, long creditAccountId, String currency, long amount, String kind,
		@Nullable String reference) {
}
