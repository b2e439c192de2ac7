package io.gatehouse.staff.web;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.staff.StaffSignIn;
import io.gatehouse.web.Problems;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The staff console's own filter chain, ahead of the customer chains: its own session cookie, CSRF on
 * every form, the same strict CSP, and nothing cached. Roles are checked again in each service call;
 * this chain only says that everything but sign-in and enrolment needs a staff session. The staff JSON API
 * ({@code /staff/api/**}) answers problem+json instead of redirecting; a request that names its session in
 * {@code Authorization: Bearer} needs no CSRF token (it is judged by that header alone), nor do the two
 * passkey sign-in calls, which take JSON only and hand the token back in the body, never as a cookie.
 */
@Configuration(proxyBeanMethods = false)
class StaffSecurity {

	private static final String[] SIGN_IN_API = { "/staff/api/v1/signin", "/staff/api/v1/signin/options" };

	private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
			+ "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'; "
			+ "base-uri 'none'";

	@Bean
	@Order(0)
	SecurityFilterChain staff(HttpSecurity http, StaffSignIn signIn, JsonMapper json) throws Exception {
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/staff/api/**");
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieName("__Host-gh_staff_csrf");
		csrfTokens.setCookieCustomizer(c -> c.secure(true).httpOnly(true).sameSite("Strict").path("/"));
		csrfTokens.setCookiePath("/");
		http.securityMatcher("/staff", "/staff/**")
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
				.ignoringRequestMatchers(StaffAuthenticationFilter::bearerApiRequest)
				.ignoringRequestMatchers(SIGN_IN_API)
				.sessionAuthenticationStrategy(
						new NullAuthenticatedSessionStrategy()))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.requestCache(new NullRequestCache()))
			.addFilterBefore(new StaffAuthenticationFilter(signIn), CsrfFilter.class)
			.authorizeHttpRequests(a -> a.requestMatchers("/staff/signin", "/staff/enrol").permitAll()
				.requestMatchers(SIGN_IN_API)
				.permitAll()
				.anyRequest()
				.authenticated())
			.exceptionHandling(e -> e
				.defaultAuthenticationEntryPointFor((request, response, ex) -> Problems.write(response, json,
						HttpStatus.UNAUTHORIZED, "unauthenticated",
						"Sign in to the staff console first: send Authorization: Bearer <staff session token>."), api)
				.defaultAuthenticationEntryPointFor((request, response, ex) -> response.sendRedirect("/staff/signin"),
						AnyRequestMatcher.INSTANCE)
				.defaultAccessDeniedHandlerFor((request, response, ex) -> Problems.write(response, json,
						HttpStatus.FORBIDDEN, "csrf_token_missing_or_invalid",
						"Send the staff session as Authorization: Bearer, or the console's CSRF token with its cookie."),
						api))
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
