package io.gatehouse.config;

import java.net.URI;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.gatehouse.kernel.GatehouseProperties.Environment;
import io.gatehouse.kernel.GatehouseProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Production refuses development conveniences. */
class ProductionGuardsTests {

	@Test
	void publicUrlWhenProductionOverPlainHttpThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GatehouseProperties(Environment.PRODUCTION, URI.create("http://exchange.example"),
					Path.of(".gatehouse")));
	}

	@Test
	void publicUrlWhenNotHttpThenRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GatehouseProperties(Environment.DEVELOPMENT, URI.create("javascript:alert(1)"),
					Path.of(".gatehouse")));
	}

	@Test
	void linkWhenBuiltThenAlwaysFromConfiguredOrigin() {
		GatehouseProperties p = new GatehouseProperties(Environment.PRODUCTION, URI.create("https://exchange.example/"),
				Path.of(".gatehouse"));
		assertThat(p.link("/account/password")).isEqualTo("https://exchange.example/account/password");
	}
}
