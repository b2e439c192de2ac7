package io.gatehouse.notify;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.kernel.GatehouseProperties.Environment;
import io.gatehouse.kernel.GatehouseProperties;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** PRODUCT.md §1.8: production refuses to start with the development mailbox unless told to. */
class TransportsTests {

	static final GatehouseProperties PRODUCTION = new GatehouseProperties(Environment.PRODUCTION,
			URI.create("https://exchange.example"), Path.of(".gatehouse"));

	final JdbcClient jdbc = JdbcClient.create(new SimpleDriverDataSource());

	@Test
	void startWhenProductionWithoutSmtpThenRefused() {
		assertThatIllegalStateException().isThrownBy(() -> transports(props(false), PRODUCTION))
			.withMessageContaining("spring.mail.host");
	}

	@Test
	void startWhenProductionAndExplicitlyAllowedThenDevMailboxUsedButNeverShown() {
		Transports transports = transports(props(true), PRODUCTION);
		assertThat(transports.devMailbox()).isNotNull();
		assertThat(new DevMailboxView(transports, PRODUCTION).isEnabled()).isFalse();
	}

	private Transports transports(NotifyProperties p, GatehouseProperties g) {
		var noMail = new StaticListableBeanFactory().getBeanProvider(JavaMailSender.class);
		return new Transports(p, g, noMail, this.jdbc, Clock.systemUTC(), JsonMapper.builder().build());
	}

	private static NotifyProperties props(boolean allowDev) {
		return new NotifyProperties(NotifyProperties.EmailMode.AUTO, "x@example.com", NotifyProperties.SmsMode.DEV_MAILBOX,
				new NotifyProperties.SmsHttp(null, null, Duration.ofSeconds(1)), allowDev, Duration.ofSeconds(1), 10,
				Duration.ofSeconds(60), 8, "n");
	}
}
