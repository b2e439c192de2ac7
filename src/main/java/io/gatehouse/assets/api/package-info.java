/**
 * The JSON API of the money side: the owner's under {@code /api/v1/me/...}, and the wallet service's under
 * {@code /internal/v1/...} on the internal listener. Transport only, each endpoint calls one service and
 * answers problem+json for refusals. Amounts are decimal strings both ways.
 */
@org.jspecify.annotations.NullMarked
package io.gatehouse.assets.api;
