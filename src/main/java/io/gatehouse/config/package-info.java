/** Cross-module wiring only: the database, HTTP security and scheduling. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "kernel", "session", "session :: web", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.config;
