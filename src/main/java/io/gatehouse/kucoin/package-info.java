/**
 * The KuCoin-compatible API (PRODUCT.md 1.10, kucoin-api.md): two listeners, spot and futures, as KuCoin has two
 * hosts, that speak KuCoin's wire so unmodified clients (ccxt) work. Every private request is verified here
 * ({@link io.gatehouse.kucoin.SignedRequests}: headers, key, timestamp window, passphrase, HMAC-SHA256
 * signature, IP allow-list, the permission the path needs, replay) before it reaches an endpoint; refusals
 * use KuCoin's envelope and codes.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "apikey", "assets", "geo",
		"kernel", "ledger", "team", "web", "withdraw" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.kucoin;
