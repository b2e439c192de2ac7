package io.gatehouse.kernel;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place where the system clock and the system's secure random source are created. Every
 * other class receives them by injection, so expiry is tested by moving a clock, never by sleeping.
 */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

	/** Microsecond ticks, PostgreSQL's precision, so an instant read back from the database equals the one written. */
	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
	}

	@Bean
	Randomness randomness() {
		return Randomness.secure();
	}
}
