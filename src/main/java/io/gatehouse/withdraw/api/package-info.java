/** Withdrawals and the address book through the JSON API; the wallet service's and the price service's calls on the internal listener. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.withdraw.api;
