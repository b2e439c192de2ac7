package io.gatehouse.config;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.session.web.SessionAuthenticationFilter;
import io.gatehouse.session.web.SessionCookies;
import io.gatehouse.web.Problems;
import io.gatehouse.web.CsrfRejections;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * Two filter chains. The JSON API authenticates with a Bearer session token only, so it needs no CSRF
 * token; the web UI authenticates with the session cookie and every state-changing request carries a
 * CSRF token (double-submit, in a {@code __Host-} cookie), sign-in included. The session is read before
 * the CSRF check, so a refused forgery is recorded against the account it targeted. Neither keeps server-side
 * HTTP sessions: all session state lives in PostgreSQL. Actuator endpoints are open on their own
 * management port, which binds to loopback ({@code management.server.address}); on the public port
 * they do not exist. The staff console has a third chain of its own, ahead of both:
 * {@code staff/web/StaffSecurity}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'; "
			+ "base-uri 'none'";

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
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, SessionAuthenticationFilter sessions, JsonMapper json) throws Exception {
		http.securityMatcher("/api/**")
			.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.requestCache(new NullRequestCache()))
			.addFilterBefore(sessions, AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests(a -> a.requestMatchers("/api/v1/signin/**", "/api/v1/registrations/**", "/api/v1/captcha/**",
					"/api/v1/unlock/**", "/api/v1/password-resets", "/api/v1/password-resets/**", "/api/v1/freeze", "/api/v1/recovery/**",
					"/api/v1/contact/revert")
				.permitAll()
				.anyRequest()
				.authenticated())
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> Problems.write(response, json, HttpStatus.UNAUTHORIZED,
						"unauthenticated", "Sign in first: send Authorization: Bearer <session token>."))
				.accessDeniedHandler((request, response, ex) -> Problems.write(response, json, HttpStatus.FORBIDDEN,
						"forbidden", "This session may not do that.")))
			.headers(SecurityConfig::headers)
			.cors(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain web(HttpSecurity http, SessionAuthenticationFilter sessions, CsrfRejections csrfRejections)
			throws Exception {
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieName(SessionCookies.CSRF_COOKIE);
		csrfTokens.setCookieCustomizer(c -> c.secure(true).httpOnly(true).sameSite("Strict").path("/"));
		csrfTokens.setCookiePath("/");
		// Sessions are our own (no HttpSession), so Spring's "new authentication" hook would fire on every
		// signed-in request and drop the token cookie under any page that does not render a new one (a
		// fetch); the token is rotated at sign-in by SessionCookies.write instead.
		http.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
			.sessionAuthenticationStrategy(new org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy()))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.requestCache(new NullRequestCache()))
			.addFilterBefore(sessions, CsrfFilter.class)
			.authorizeHttpRequests(a -> a
				.requestMatchers("/", "/signin", "/signin/**", "/signup", "/signup/**", "/unlock", "/unlock/**", "/forgot-password", "/reset-password", "/freeze", "/recovery", "/recovery/**", "/contact/revert", "/css/**", "/js/**", "/vendor/**", "/favicon.ico", "/error",
						"/dev/mailbox", "/v3/api-docs", "/v3/api-docs/**", "/actuator/**")
				.permitAll()
				.anyRequest()
				.authenticated())
			.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> response.sendRedirect("/signin"))
				.accessDeniedHandler(csrfRejections))
			.headers(SecurityConfig::headers);
		return http.build();
	}

	private static void headers(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
			.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
				.maxAgeInSeconds(31_536_000)
				.requestMatcher(AnyRequestMatcher.INSTANCE))
			.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
			.referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
			.crossOriginOpenerPolicy(c -> c.policy(CrossOriginOpenerPolicy.SAME_ORIGIN));
	}

	/** The session filter runs inside the security chains only, not a second time as a plain servlet filter. */
	@Bean
	FilterRegistrationBean<SessionAuthenticationFilter> sessionFilterRegistration(SessionAuthenticationFilter filter) {
		FilterRegistrationBean<SessionAuthenticationFilter> registration = new FilterRegistrationBean<>(filter);
		registration.setEnabled(false);
		return registration;
	}
}
