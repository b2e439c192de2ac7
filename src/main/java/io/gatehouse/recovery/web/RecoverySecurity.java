package io.gatehouse.recovery.web;

import io.gatehouse.web.CustomerChains;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Forgot password, freeze links and recovery cases work without a session: the person
 * cannot sign in, which is why they are here.
 */
@Configuration(proxyBeanMethods = false)
class RecoverySecurity {

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain recoveryPublicApi(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicApi(http, "/api/v1/password-resets", "/api/v1/password-resets/**", "/api/v1/freeze",
				"/api/v1/recovery/**");
	}

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain recoveryPublicPages(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicPages(http, "/forgot-password", "/reset-password", "/freeze", "/recovery", "/recovery/**");
	}
}
