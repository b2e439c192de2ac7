package io.gatehouse.signin.web;

import io.gatehouse.web.CustomerChains;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Sign-in and unlock need no session: their API and pages are open to anyone. */
@Configuration(proxyBeanMethods = false)
class SignInSecurity {

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain signInPublicApi(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicApi(http, "/api/v1/signin/**", "/api/v1/unlock/**");
	}

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain signInPublicPages(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicPages(http, "/signin", "/signin/**", "/unlock", "/unlock/**");
	}
}
