/** The owner's identity-verification page. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.kyc.web;
