/**
 * Forgot password (PRODUCT.md 1.7, security-tests.md B8): the request ({@code ResetRequests}), the queue
 * worker that sends the link or code ({@code ResetSender}), and setting the new password with it
 * ({@code PasswordResetService}).
 */
@org.springframework.modulith.NamedInterface("reset")
@org.jspecify.annotations.NullMarked
package io.gatehouse.recovery.reset;
