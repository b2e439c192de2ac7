package io.gatehouse.account.web;

import io.gatehouse.web.CustomerChains;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Sign-up needs no session: its API and pages are open to anyone. */
@Configuration(proxyBeanMethods = false)
class SignUpSecurity {

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain signUpPublicApi(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicApi(http, "/api/v1/registrations/**");
	}

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain signUpPublicPages(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicPages(http, "/signup", "/signup/**");
	}
}
