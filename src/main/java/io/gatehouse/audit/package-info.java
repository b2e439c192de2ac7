/**
 * The append-only security event log, hash-chained per account; sign-in history and export. Listens
 * to every {@link io.gatehouse.kernel.AuditableEvent} and writes it in the publishing transaction. Signs
 * checkpoints of every chain and verifies them ({@link io.gatehouse.audit.AuditChains}); an exported chain is
 * checkable offline ({@link io.gatehouse.audit.AuditVerifyCommand}, docs/audit.md).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "crypto", "geo", "kernel", "session", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.audit;
