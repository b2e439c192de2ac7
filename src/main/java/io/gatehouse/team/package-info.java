/**
 * Teams (issue 24), first part: sub-accounts in KuCoin's model. A master account creates named sub-accounts, each
 * an account of its own for the ledger, futures and keys that nobody signs in to; moves funds to and from them
 * ({@link io.gatehouse.assets.SubTransfers}); sees all their balances in one view; and freezes them. Members with
 * roles come next.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "assets", "geo", "kernel", "ledger", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.team;
