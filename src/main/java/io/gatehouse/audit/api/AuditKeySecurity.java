package io.gatehouse.audit.api;

import io.gatehouse.web.CustomerChains;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The audit key is public: anyone checking an export must be able to fetch it. */
@Configuration(proxyBeanMethods = false)
class AuditKeySecurity {

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain auditKeyPublicApi(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicApi(http, "/.well-known/gatehouse-audit-key");
	}
}
