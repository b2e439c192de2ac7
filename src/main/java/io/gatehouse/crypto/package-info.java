/**
 * Installation keys and what is done with them: keyed hashes of secrets that are looked up
 * ({@link io.gatehouse.crypto.KeyedHash}) and authenticated encryption of secrets that must be read back
 * ({@link io.gatehouse.crypto.SecretBox}), with key rotation ({@link io.gatehouse.crypto.Keys}).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "kernel")
@org.jspecify.annotations.NullMarked
package io.gatehouse.crypto;
