/** The KuCoin-compatible listeners: the gate that verifies signed requests, and the endpoints. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.kucoin.api;
