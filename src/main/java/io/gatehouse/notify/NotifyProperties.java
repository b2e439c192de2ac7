package io.gatehouse.notify;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param email how email leaves: {@code auto} (SMTP when {@code spring.mail.host} is set, else the
 *        development mailbox), {@code smtp} or {@code dev-mailbox}
 * @param from the From header of every email
 * @param sms how SMS leaves: {@code dev-mailbox} or {@code http}
 * @param smsHttp the HTTP provider endpoint, for {@code sms=http}
 * @param allowDevMailboxInProduction production refuses to start with a development mailbox unless this is set
 * @param pollInterval how often each node looks for messages to deliver
 * @param batchSize messages one node claims at a time
 * @param lease how long a claim keeps other nodes away from a message
 * @param maxAttempts delivery attempts before a message is marked failed
 * @param nodeId this node's name in claims; defaults to a random id per start
 */
@ConfigurationProperties("gatehouse.notify")
record NotifyProperties(@DefaultValue("auto") EmailMode email,
		@DefaultValue("Gatehouse <no-reply@localhost>") String from, @DefaultValue("dev-mailbox") SmsMode sms,
		@DefaultValue SmsHttp smsHttp, @DefaultValue("false") boolean allowDevMailboxInProduction,
		@DefaultValue("500ms") Duration pollInterval, @DefaultValue("20") int batchSize,
		@DefaultValue("60s") Duration lease, @DefaultValue("8") int maxAttempts, @Nullable String nodeId) {

	public enum EmailMode {
		AUTO, SMTP, DEV_MAILBOX
	}

	public enum SmsMode {
		DEV_MAILBOX, HTTP
	}

	/**
	 * @param url the provider's send endpoint; receives {@code {"to": "+…", "text": "…"}} as JSON
	 * @param bearerToken sent as {@code Authorization: Bearer}
	 * @param timeout connect and request timeout
	 */
	public record SmsHttp(@Nullable URI url, @Nullable String bearerToken, @DefaultValue("5s") Duration timeout) {

		@Override
		public String toString() {
			return "SmsHttp[url=" + this.url + ", bearerToken=<redacted>]";
		}
	}
}
