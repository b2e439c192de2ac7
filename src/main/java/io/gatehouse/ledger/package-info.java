/**
 * The double-entry ledger, TigerBeetle's model on PostgreSQL: ledger accounts per (owner, currency, type)
 * and system accounts per currency; immutable transfers keyed by the caller's id, single-phase or
 * pending then posted or voided; balances kept on the ledger account and changed in the transfer's
 * transaction with the "never below zero" guard in the same statement; one posting per side with the
 * balance after it; results in documented precedence ({@link io.gatehouse.ledger.TransferResult});
 * corrections as new transfers; conservation checkable at any time ({@link io.gatehouse.ledger.LedgerCheck}).
 * Amounts are integer minor units inside and decimal strings at the edges ({@link io.gatehouse.ledger.Amounts}).
 * The ledger knows owners only by id: what a customer may move is the {@code assets} module's to decide.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "kernel" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.ledger;
