package io.gatehouse.assets.web;

import io.gatehouse.web.CustomerChains;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The development wallet's page needs no account, like the development mailbox's. */
@Configuration(proxyBeanMethods = false)
class DevWalletSecurity {

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain devWalletPages(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicPages(http, "/dev/wallet", "/dev/wallet/**");
	}
}
