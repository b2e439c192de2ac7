package io.gatehouse.kucoin.api;


import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.kucoin.Host;
import io.gatehouse.kucoin.KucoinProperties;
import io.gatehouse.kucoin.KucoinRateLimits;
import io.gatehouse.kucoin.SignedRequests;
import io.gatehouse.web.ExtraConnectors;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

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
 * The two KuCoin listeners (spot and futures, as KuCoin's two hosts): extra connectors whose requests go
 * through their own stateless chain, where {@link KucoinGate} verifies and forwards. On every other port
 * {@code /kucoin/**} does not exist.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KucoinProperties.class)
class KucoinListeners {

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> kucoinConnectors(KucoinProperties properties) {
		return factory -> {
			for (int port : new int[] { properties.spotPort(), properties.futuresPort() }) {
				if (port <= 0) {
					continue;
				}
				factory.addAdditionalConnectors(ExtraConnectors.on(port, properties.address(), "gatehouse.kucoin.address"));
			}
		};
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain kucoinSpot(HttpSecurity http, KucoinProperties properties, SignedRequests signed,
			KucoinRateLimits limits, RequestContexts contexts, JsonMapper json) throws Exception {
		return chain(http, properties.spotPort(), new KucoinGate(Host.SPOT, signed, limits, contexts, json,
				properties.spotUpstream()));
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 2)
	SecurityFilterChain kucoinFutures(HttpSecurity http, KucoinProperties properties, SignedRequests signed,
			KucoinRateLimits limits, RequestContexts contexts, JsonMapper json) throws Exception {
		return chain(http, properties.futuresPort(), new KucoinGate(Host.FUTURES, signed, limits, contexts, json,
				properties.futuresUpstream()));
	}

	private static SecurityFilterChain chain(HttpSecurity http, int port, KucoinGate gate) throws Exception {
		http.securityMatcher(request -> port > 0 && request.getLocalPort() == port)
			.csrf(csrf -> csrf.disable())
			.requestCache(cache -> cache.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(gate, AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.anyRequest().permitAll());
		return http.build();
	}

	/** The endpoints' forwarded paths answer on the KuCoin ports only. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 3)
	SecurityFilterChain kucoinPathsElsewhere(HttpSecurity http, JsonMapper json) throws Exception {
		http.securityMatcher("/kucoin/**")
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
