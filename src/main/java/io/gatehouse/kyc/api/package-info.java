/** Identity verification through the JSON API. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.kyc.api;
