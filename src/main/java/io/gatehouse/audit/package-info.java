/**
 * The append-only security event log, hash-chained per account; sign-in history and export. Listens
 * to every {@link io.gatehouse.kernel.AuditableEvent} and writes it in the publishing transaction.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "crypto", "geo", "kernel" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.audit;
