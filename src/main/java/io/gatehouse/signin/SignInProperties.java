package io.gatehouse.signin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param flowLifetime how long a started sign-in may take
 * @param flowRetention how long ended flows are kept before the cleanup deletes them
 */
@ConfigurationProperties("gatehouse.signin")
record SignInProperties(@DefaultValue("15m") Duration flowLifetime, @DefaultValue("1d") Duration flowRetention) {
}
