/** Sessions and devices: issuing, validating, listing and revoking sessions; the device cookie. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "account :: contact", "crypto", "geo", "kernel", "web" })
@org.jspecify.annotations.NullMarked
package io.gatehouse.session;
