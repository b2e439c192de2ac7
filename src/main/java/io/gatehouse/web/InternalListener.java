package io.gatehouse.web;



import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * The internal listener: a second port (loopback by default) where only {@code /internal/**} answers, and
 * only to a configured service token. On the public ports {@code /internal/**} does not exist (404), so a
 * misrouted proxy cannot expose it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InternalProperties.class)
class InternalListener {

	/** Before every other chain, the staff console's included: on the internal port nothing else answers. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> internalConnector(InternalProperties properties) {
		return factory -> {
			if (properties.port() <= 0) {
				return;
			}
			factory.addAdditionalConnectors(ExtraConnectors.on(properties.port(), properties.address(),
					"gatehouse.internal.address"));
		};
	}

	@Bean
	@Order(ORDER)
	SecurityFilterChain internalApi(HttpSecurity http, InternalProperties properties, JsonMapper json)
			throws Exception {
		http.securityMatcher(request -> properties.port() > 0 && request.getLocalPort() == properties.port())
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new ServiceTokens(properties.tokens()), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.requestMatchers("/internal/**").hasRole("SERVICE").anyRequest().denyAll())
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> {
					if (request.getRequestURI().startsWith("/internal/")) {
						Problems.write(response, json, HttpStatus.UNAUTHORIZED, "unauthenticated",
								"Send Authorization: Bearer <service token>.");
					}
					else {
						Problems.write(response, json, HttpStatus.NOT_FOUND, "not_found", "Nothing here.");
					}
				})
				.accessDeniedHandler((request, response, ex) -> Problems.write(response, json, HttpStatus.NOT_FOUND,
						"not_found", "Nothing here.")));
		return http.build();
	}

	@Bean
	@Order(CustomerChains.PUBLIC - 1)
	SecurityFilterChain internalPathsElsewhere(HttpSecurity http, JsonMapper json) throws Exception {
		http.securityMatcher("/internal/**")
			.csrf(csrf -> csrf.disable())
			.authorizeHttpRequests(a -> a.anyRequest().denyAll())
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> Problems.write(response, json,
						HttpStatus.NOT_FOUND, "not_found", "Nothing here."))
				.accessDeniedHandler((request, response, ex) -> Problems.write(response, json, HttpStatus.NOT_FOUND,
						"not_found", "Nothing here.")));
		return http.build();
	}
}
