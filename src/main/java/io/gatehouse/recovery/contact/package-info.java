/**
 * Changing the account's email address or phone number ({@code ContactChanges}) and undoing a change
 * with the revert link ({@code ContactReverts}). It belongs with the account; it lives here until the
 * step-up check its pages need can be reached from the account module without a cycle.
 */
@org.springframework.modulith.NamedInterface("contact")
@org.jspecify.annotations.NullMarked
package io.gatehouse.recovery.contact;
