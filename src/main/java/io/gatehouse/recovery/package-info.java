/**
 * Recovery and self-service (PRODUCT.md 1.7). So far: forgot password, by an emailed link (a 256-bit
 * token) or a texted code for accounts without email; enumeration-safe, newest token only, spent
 * atomically, never a sign-in by itself.
 */
@org.jspecify.annotations.NullMarked
package io.gatehouse.recovery;
