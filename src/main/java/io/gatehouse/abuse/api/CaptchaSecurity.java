package io.gatehouse.abuse.api;

import io.gatehouse.web.CustomerChains;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** CAPTCHA challenges are asked for before anyone is signed in. */
@Configuration(proxyBeanMethods = false)
class CaptchaSecurity {

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain captchaPublicApi(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicApi(http, "/api/v1/captcha/**");
	}
}
