/** Sessions and devices: issuing, validating, listing and revoking sessions; the device cookie. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.session;
