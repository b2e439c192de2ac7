/**
 * Recovery and self-service (PRODUCT.md 1.7): forgot password (an emailed 256-bit link or a texted code;
 * enumeration-safe, newest only, spent atomically, never a sign-in by itself); freeze, from Security or from
 * the single-use link in every security email; and recovery cases for a lost second factor or a frozen
 * account (proofs, staff review with four-eyes for high-value accounts, a cancellable waiting period,
 * completion); and changing the email or phone (a code to the new address, a revert link to the old one).
 * Its review pages live in the staff console, for reviewers only. One room each: {@code reset},
 * {@code freeze}, {@code cases}, {@code contact}; each is a named interface other modules may use. The root
 * holds what the rooms share: the refusals and the events about API keys and single-use links.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "abuse", "account", "audit", "crypto", "factor", "geo", "kernel", "password", "session", "session :: web", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.recovery;
