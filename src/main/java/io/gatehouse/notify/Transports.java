package io.gatehouse.notify;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.kernel.GatehouseProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Chooses the transport of each channel from configuration, once, at start-up. Production refuses to
 * start with the development mailbox unless explicitly allowed.
 */
@Component
class Transports {

	private final Transport email;

	private final Transport sms;

	private final @Nullable DevMailbox devMailbox;

	Transports(NotifyProperties properties, GatehouseProperties gatehouse, ObjectProvider<JavaMailSender> mail,
			JdbcClient jdbc, Clock clock, JsonMapper json) {
		DevMailbox dev = new DevMailbox(jdbc, clock);
		JavaMailSender sender = mail.getIfAvailable();
		boolean smtp = switch (properties.email()) {
			case SMTP -> {
				if (sender == null) {
					throw new IllegalStateException("gatehouse.notify.email=smtp needs spring.mail.host");
				}
				yield true;
			}
			case AUTO -> sender != null;
			case DEV_MAILBOX -> false;
		};
		this.email = smtp && sender != null ? new SmtpTransport(sender, properties.from()) : dev;
		this.sms = properties.sms() == NotifyProperties.SmsMode.HTTP
				? new HttpSmsTransport(properties.smsHttp(), json) : dev;
		boolean usesDevMailbox = this.email == dev || this.sms == dev;
		if (usesDevMailbox && gatehouse.isProduction() && !properties.allowDevMailboxInProduction()) {
			throw new IllegalStateException("Production needs SMTP (spring.mail.host) and an SMS provider "
					+ "(gatehouse.notify.sms=http), or gatehouse.notify.allow-dev-mailbox-in-production=true");
		}
		this.devMailbox = usesDevMailbox ? dev : null;
	}

	Transport of(Channel channel) {
		return channel == Channel.EMAIL ? this.email : this.sms;
	}

	/** The development mailbox, if any channel delivers to it. */
	@Nullable DevMailbox devMailbox() {
		return this.devMailbox;
	}
}
