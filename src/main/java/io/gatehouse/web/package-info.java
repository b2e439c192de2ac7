/** Shared transport concerns: the page layout, the home page, and error answers for the JSON API. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "kernel")
@org.jspecify.annotations.NullMarked
package io.gatehouse.web;
