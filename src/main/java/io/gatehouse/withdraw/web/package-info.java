/** The owner's withdrawal pages: withdraw, the withdrawal history, the address book and its whitelist. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.withdraw.web;
