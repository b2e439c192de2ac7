package io.gatehouse.crypto;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys that protect secrets at rest. They come from configuration or the environment, never from
 * the database, so a database dump alone reveals nothing usable.
 *
 * @param hashKey base64 key (at least 32 bytes) for keyed hashes of tokens and codes
 * @param encryptionKeys key id → base64 AES-256 key; old ids stay to decrypt, the active one encrypts
 * @param activeKeyId the id used for new encryptions
 * @param auditSigningKey base64 32-byte Ed25519 private key that signs the audit chains' checkpoints
 *     ({@code openssl rand -base64 32}); its public half is published
 */
@ConfigurationProperties("gatehouse.secrets")
record SecretsProperties(@Nullable String hashKey, @DefaultValue Map<String, String> encryptionKeys,
		@Nullable String activeKeyId, @Nullable String auditSigningKey) {

	public boolean isConfigured() {
		return this.hashKey != null && !this.hashKey.isBlank() && this.activeKeyId != null
				&& this.encryptionKeys.containsKey(this.activeKeyId);
	}

	@Override
	public String toString() {
		return "SecretsProperties[hashKey=<redacted>, encryptionKeys=" + this.encryptionKeys.keySet()
				+ ", activeKeyId=" + this.activeKeyId + ", auditSigningKey=<redacted>]";
	}
}
