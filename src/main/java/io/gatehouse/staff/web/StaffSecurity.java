package io.gatehouse.staff.web;

import io.gatehouse.staff.StaffSignIn;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;

/**
 * The staff console's own filter chain, ahead of the customer chains: its own session cookie, CSRF on
 * every form, the same strict CSP, and nothing cached. Roles are checked again in each service call;
 * this chain only says that everything but sign-in and enrolment needs a staff session.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurity {

	private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
			+ "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'; "
			+ "base-uri 'none'";

	@Bean
	@Order(0)
	SecurityFilterChain staff(HttpSecurity http, StaffSignIn signIn) throws Exception {
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieName("__Host-gh_staff_csrf");
		csrfTokens.setCookieCustomizer(c -> c.secure(true).httpOnly(true).sameSite("Strict").path("/"));
		csrfTokens.setCookiePath("/");
		http.securityMatcher("/staff", "/staff/**")
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
				.sessionAuthenticationStrategy(
						new org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy()))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.requestCache(new NullRequestCache()))
			.addFilterBefore(new StaffAuthenticationFilter(signIn), CsrfFilter.class)
			.authorizeHttpRequests(a -> a.requestMatchers("/staff/signin", "/staff/enrol").permitAll().anyRequest()
				.authenticated())
			.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> response.sendRedirect("/staff/signin")))
			.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
				.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
					.maxAgeInSeconds(31_536_000)
					.requestMatcher(AnyRequestMatcher.INSTANCE))
				.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
				.referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
				.cacheControl(c -> {
				}));
		return http.build();
	}
}
