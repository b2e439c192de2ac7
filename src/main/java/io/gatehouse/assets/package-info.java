/**
 * A customer's money (PRODUCT.md 1.9): balances per currency on Funding ({@code MAIN}), Spot
 * ({@code TRADE}) and Futures ({@code CONTRACT}); internal transfers between them, idempotent by the
 * client's id; futures activated explicitly; deposits credited by the exchange's wallet service and
 * deposit addresses from its pool; the statement of postings. The money itself is the {@code ledger}'s;
 * this module decides what a customer may move.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "geo", "kernel", "ledger", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.assets;
