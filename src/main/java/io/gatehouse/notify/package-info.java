/**
 * Notifications through a transactional outbox: messages are written in the transaction of the event
 * they report and delivered afterwards, with retries, by whichever node claims them first. Email by
 * SMTP, SMS through a provider port, and a development mailbox when neither is configured.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "abuse", "account", "account :: contact", "assets", "crypto", "factor", "geo", "kernel", "recovery", "recovery :: cases", "recovery :: freeze", "recovery :: reset", "apikey", "kyc", "session", "signin", "staff", "support", "team", "web", "withdraw" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.notify;
