/** Cross-module wiring only: the database, HTTP security and scheduling. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.config;
