/** API-key management through the JSON API (session only: an API key cannot manage keys). */
@org.jspecify.annotations.NullMarked
package io.gatehouse.apikey.api;
