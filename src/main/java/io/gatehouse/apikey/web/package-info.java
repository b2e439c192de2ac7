/** The owner's API-keys page. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.apikey.web;
