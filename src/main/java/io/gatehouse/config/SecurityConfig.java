package io.gatehouse.config;

import io.gatehouse.web.CustomerAuthentication;
import io.gatehouse.web.CustomerChains;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The shell of the customer surfaces: the paths no module owns (the home page, static files, errors, the
 * OpenAPI document, actuator endpoints, which exist only on the loopback management port), then the two
 * chains that need a session for everything else. Each module contributes the chain for its own public
 * paths ({@link CustomerChains}); the staff console has its own ({@code staff/web/StaffSecurity}).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/**
	 * No Micrometer observation around every security filter, authentication and authorization: it is
	 * tracing detail Gatehouse does not export, and it cost about a tenth of the CPU a sign-in spends
	 * outside Argon2id. Requests are still measured ({@code http.server.requests}), and sign-ins, failures
	 * and hashing have meters of their own.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	@Order(CustomerChains.PUBLIC)
	SecurityFilterChain shellPages(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.publicPages(http, "/", "/css/**", "/js/**", "/vendor/**", "/favicon.ico", "/error",
				"/v3/api-docs", "/v3/api-docs/**", "/actuator/**");
	}

	@Bean
	@Order(CustomerChains.SIGNED_IN_API)
	SecurityFilterChain signedInApi(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.signedInApi(http, "/api/**");
	}

	@Bean
	@Order(CustomerChains.SIGNED_IN_PAGES)
	SecurityFilterChain signedInPages(HttpSecurity http, CustomerChains chains) throws Exception {
		return chains.signedInPages(http);
	}

	/** The session filter runs inside the security chains only, not a second time as a plain servlet filter. */
	@Bean
	FilterRegistrationBean<CustomerAuthentication> sessionFilterRegistration(CustomerAuthentication filter) {
		FilterRegistrationBean<CustomerAuthentication> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}
}
