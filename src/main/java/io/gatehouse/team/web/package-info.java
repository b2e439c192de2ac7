/** Pages of this feature: transport only, each handler calls one service. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.team.web;
