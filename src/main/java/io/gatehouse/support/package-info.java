/**
 * Support requests (issue 25): a signed-in person asks for help (a category, words, transaction ids, up to five
 * screenshots rebuilt by the identity-document checks) and follows the thread; staff with the support role answer
 * and close from the console. Everything people write is sealed at rest; every opening, reading by staff, reply and
 * closing is a security event on the account's chain; a staff reply that looks like it carries a secret is refused,
 * and the console shows customers' words with anything secret-looking masked.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "abuse", "account", "crypto", "geo", "kernel", "kyc", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.support;
