/**
 * The staff console's people (PRODUCT.md 1.11): staff members apart from customers, created by a command
 * or bootstrap configuration with a one-time enrolment link, signing in with a passkey only, in sessions of
 * their own; roles SUPPORT, REVIEWER, ADMIN. What support does to a customer account is StaffSupport; what
 * admins do to staff is StaffMemberService. Every staff action is a security event naming the member.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "abuse", "account", "assets", "audit", "crypto", "factor", "kernel", "kyc", "ledger", "recovery", "recovery :: freeze", "recovery :: reset", "session", "support", "web", "withdraw" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.staff;
