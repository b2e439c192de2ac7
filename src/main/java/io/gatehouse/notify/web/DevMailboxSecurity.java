package io.gatehouse.notify.web;

import io.gatehouse.web.CustomerChains;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The development mailbox is a page anyone on the development machine may read; it does not exist in
 * production.
 */
@Configuration(proxyBeanMethods = false)
class DevMailboxSecurity {

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain devMailboxPublicPages(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicPages(http, "/dev/mailbox");
	}
}
