package io.gatehouse.factor.web;

import io.gatehouse.web.CustomerChains;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The revert link of a contact change works without a session: whoever changed the address may hold them all. */
@Configuration(proxyBeanMethods = false)
class ContactSecurity {

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain contactRevertApi(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicApi(http, "/api/v1/contact/revert");
	}

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain contactRevertPage(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicPages(http, "/contact/revert");
	}
}
