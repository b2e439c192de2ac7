package io.gatehouse.support.web;

import io.gatehouse.web.CustomerChains;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** Signed-out support works without a session: the person may be unable to sign in, which is why they are here. */
@Configuration(proxyBeanMethods = false)
class SupportSecurity {

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain supportPublicPages(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicPages(http, "/support", "/support/**");
	}
}
