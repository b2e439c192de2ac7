/**
 * API keys (PRODUCT.md 1.10): KuCoin-style keys with least privilege. A key belongs to one account, has a
 * name, a passphrase, permissions ({@code General} always; {@code Spot}, {@code Margin}, {@code Futures},
 * {@code InnerTransfer}, {@code Transfer} chosen one by one), an IP allow-list (required for
 * {@code Transfer}) and an optional expiry. Creating, editing and re-enabling need step-up and the trading
 * password; the secret is shown once and kept sealed. Suspension is state: a freeze, a password reset, a
 * recovery or a contact revert suspends every key of the account.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "crypto", "factor", "factor :: web", "geo", "team",
		"kernel", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.apikey;
