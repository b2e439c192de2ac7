package io.gatehouse.crypto;

import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.kernel.Randomness;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfig {

	@Bean
	Keys keys(SecretsProperties secrets, GatehouseProperties gatehouse, Randomness randomness) {
		return Keys.load(secrets, gatehouse, randomness);
	}

	@Bean
	KeyedHash keyedHash(Keys keys) {
		return new KeyedHash(keys.hashKey());
	}

	@Bean
	SigningKey signingKey(Keys keys) {
		return new SigningKey(keys.auditSigningSeed());
	}

	@Bean
	SecretBox secretBox(Keys keys, Randomness randomness) {
		return new SecretBox(keys, randomness);
	}
}
