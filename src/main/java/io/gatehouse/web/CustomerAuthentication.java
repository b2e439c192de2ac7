package io.gatehouse.web;

import jakarta.servlet.Filter;

/**
 * The filter that turns a customer's session token into the request's {@code Actor.Customer}: the JSON
 * API reads it from {@code Authorization: Bearer}, pages from the session cookie. The session module
 * provides it; the customer security chains run it.
 */
public interface CustomerAuthentication extends Filter {
}
