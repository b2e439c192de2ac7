/**
 * The append-only security event log, hash-chained per account; sign-in history and export. Listens
 * to every {@link io.gatehouse.shared.AuditableEvent} and writes it in the publishing transaction.
 */
@org.jspecify.annotations.NullMarked
package io.gatehouse.audit;
