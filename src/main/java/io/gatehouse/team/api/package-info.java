/**
 * The JSON API of this feature: transport only, each endpoint calls one service and answers
 * problem+json for refusals.
 */
@org.jspecify.annotations.NullMarked
package io.gatehouse.team.api;
