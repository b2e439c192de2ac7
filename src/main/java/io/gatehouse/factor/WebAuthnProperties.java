package io.gatehouse.factor;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WebAuthn relying party.
 *
 * @param rpId the relying-party id (a registrable domain); by default the host of {@code gatehouse.public-url}
 * @param rpName the name authenticators show
 * @param origins the exact origins (scheme, host and port) whose ceremonies are accepted; by default only
 *        the origin of {@code gatehouse.public-url}
 */
@ConfigurationProperties("gatehouse.webauthn")
record WebAuthnProperties(@Nullable String rpId, @DefaultValue("Gatehouse") String rpName,
		@DefaultValue List<String> origins) {
}
