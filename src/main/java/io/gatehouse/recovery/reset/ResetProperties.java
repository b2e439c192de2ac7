package io.gatehouse.recovery.reset;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Forgot-password settings.
 *
 * @param linkValidity how long an emailed reset link works
 * @param codeValidity how long a texted reset code works
 * @param maxWrongCodes wrong codes before a texted code dies
 * @param maxRequestsPerHour reset messages one account receives per hour at most, whoever asks
 */
@ConfigurationProperties("gatehouse.recovery.reset")
public record ResetProperties(@DefaultValue("30m") Duration linkValidity, @DefaultValue("10m") Duration codeValidity,
		@DefaultValue("5") int maxWrongCodes, @DefaultValue("5") int maxRequestsPerHour) {
}
