package io.gatehouse.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param idleTimeout a session unused this long is over
 * @param absoluteTimeout a session is over this long after sign-in, however active
 * @param rememberMeTimeout absolute lifetime of a "remember me" session
 * @param rememberMeIdleTimeout a "remember me" session unused this long is over too
 * @param touchInterval last-seen is written at most this often; idle expiry is therefore exact to
 *        within this interval, always erring early
 * @param cookieName the session cookie; the {@code __Host-} prefix pins it to this host, path / and Secure
 * @param deviceCookieName the long-lived cookie that recognises a browser
 * @param deviceCookieMaxAge how long a browser is remembered as a device
 */
@ConfigurationProperties("gatehouse.session")
public record SessionProperties(@DefaultValue("30m") Duration idleTimeout, @DefaultValue("12h") Duration absoluteTimeout,
		@DefaultValue("7d") Duration rememberMeTimeout, @DefaultValue("24h") Duration rememberMeIdleTimeout,
		@DefaultValue("60s") Duration touchInterval,
		@DefaultValue("__Host-gh_session") String cookieName, @DefaultValue("__Host-gh_device") String deviceCookieName,
		@DefaultValue("400d") Duration deviceCookieMaxAge) {
}
