package io.gatehouse.abuse;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A network limit configured in part stops the start with a message, instead of refusing everything later. */
class AbusePropertiesTests {

	@Test
	void limitWhenOnlyPartOfItIsSetThenTheStartFailsSayingWhat() {
		assertThatThrownBy(() -> bind(Map.of("gatehouse.abuse.limits.sign-in.per-ip", "1000")))
			.isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining("gatehouse.abuse.limits.sign-in: set per-ip, per-subnet and window together");
	}

	@Test
	void limitWhenWholeThenBound() {
		AbuseProperties bound = bind(Map.of("gatehouse.abuse.limits.sign-in.per-ip", "1000",
				"gatehouse.abuse.limits.sign-in.per-subnet", "5000", "gatehouse.abuse.limits.sign-in.window", "PT1H"));
		assertThat(bound.limit(LimitedAction.SIGN_IN)).isEqualTo(new AbuseProperties.Limit(1000, 5000, Duration.ofHours(1)));
	}

	private static AbuseProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("gatehouse.abuse",
				AbuseProperties.class);
	}
}
