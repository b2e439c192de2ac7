/**
 * Recovery and self-service (PRODUCT.md 1.7): forgot password (an emailed 256-bit link or a texted code;
 * enumeration-safe, newest only, spent atomically, never a sign-in by itself); freeze, from Security or from
 * the single-use link in every security email; and recovery cases for a lost second factor or a frozen
 * account (proofs, staff review with four-eyes for high-value accounts, a cancellable waiting period,
 * completion). Its review pages live in the staff console, for reviewers only. One room each:
 * {@code reset}, {@code freeze}, {@code cases}; each is a named interface other modules may use. The root
 * holds what the rooms share: their refusals. (Changing the email or phone is the account's:
 * {@code account/contact}.)
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "abuse", "account", "audit", "crypto", "factor", "geo", "kernel", "kyc", "password", "session", "session :: web", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.recovery;
