/**
 * Changing the account's email address or phone number ({@code ContactChanges}): a code to the new address,
 * a revert link to the old ones ({@code ContactReverts}), and the kind held for the cooldown. Its pages and
 * JSON API live in the security centre ({@code factor/web}, {@code factor/api}), beside every other action
 * that asks for step-up; the session module ends sessions when a change is reverted.
 */
@org.springframework.modulith.NamedInterface("contact")
@org.jspecify.annotations.NullMarked
package io.gatehouse.account.contact;
