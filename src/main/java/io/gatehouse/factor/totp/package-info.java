/** RFC 6238 time-based one-time passwords and the RFC 4648 Base32 of their secrets, written against the RFCs' test vectors. */
@org.jspecify.annotations.NullMarked
package io.gatehouse.factor.totp;
