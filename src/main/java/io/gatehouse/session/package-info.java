/** Sessions and devices: issuing, validating, listing and revoking sessions; the device cookie. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "crypto", "geo", "kernel", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.session;
