/**
 * Gatehouse: account access and account security for a digital-asset exchange. Each top-level package
 * is a feature module that declares the modules it may use; the README's architecture section draws them.
 */
@org.jspecify.annotations.NullMarked
package io.gatehouse;
