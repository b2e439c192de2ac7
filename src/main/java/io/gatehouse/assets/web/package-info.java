/** Pages of the money side: Assets, Transfer, Deposit, Futures, Ledger, and the development wallet. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.assets.web;
