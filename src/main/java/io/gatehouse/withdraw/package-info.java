/**
 * Withdrawals (PRODUCT.md 1.9, security-tests B13): the address book and its whitelist, the rules a
 * withdrawal must pass in a documented precedence ({@link io.gatehouse.withdraw.WithdrawalRules}), the
 * confirmation (step-up with the strongest factor, the trading password and an email code, all bound to the
 * withdrawal's parameters), the staff review (four-eyes above a threshold) and the wallet service's side
 * (claim with a lease, broadcast, success or failure). From its request on, a withdrawal's amount and fee are
 * held in the ledger; success posts the holds, failure and cancellation void them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "apikey", "crypto", "factor", "factor :: web", "geo", "kernel", "team",
		"ledger", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.withdraw;
