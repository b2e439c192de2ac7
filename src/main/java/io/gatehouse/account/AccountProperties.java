package io.gatehouse.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param codeValidity how long a verification code is accepted
 * @param codeMaxWrongAttempts wrong codes allowed per registration before it is dead
 * @param codeMaxSends codes that may be sent for one registration (first send included)
 * @param registrationValidity how long a pending sign-up waits for its code
 */
@ConfigurationProperties("gatehouse.account")
record AccountProperties(@DefaultValue("10m") Duration codeValidity,
		@DefaultValue("5") int codeMaxWrongAttempts, @DefaultValue("5") int codeMaxSends,
		@DefaultValue("24h") Duration registrationValidity) {
}
