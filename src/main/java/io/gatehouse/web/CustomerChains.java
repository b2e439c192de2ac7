package io.gatehouse.web;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The security chains of the customer surfaces, built alike for every module that contributes one. Each
 * module declares its own chain for the paths it serves ({@code SignInSecurity}, …), so a listener of
 * its own (the KuCoin ports, later) is one more chain rather than an edit to a central list. The staff
 * console has a chain of its own ({@code staff/web/StaffSecurity}).
 *
 * <p>The JSON API authenticates with a Bearer session token only, so it needs no CSRF token; pages
 * authenticate with the session cookie and every state-changing request carries a CSRF token
 * (double-submit, in a {@code __Host-} cookie), sign-in included. The session is read before the CSRF
 * check, so a refused forgery is recorded against the account it targeted. No chain keeps server-side HTTP
 * sessions: all session state lives in PostgreSQL.
 */
@Component
public class CustomerChains {

	/** The order of a module's chain for paths anyone may use. */
	public static final int PUBLIC = 10;

	/** The order of the chain for the rest of the JSON API: a session is needed. */
	public static final int SIGNED_IN_API = 20;

	/** The order of the last chain, for every other page: a session is needed. */
	public static final int SIGNED_IN_PAGES = 30;

	/** The double-submit CSRF token's cookie. */
	public static final String CSRF_COOKIE = "__Host-gh_csrf";

	/**
	 * The pages' policy: everything from Gatehouse itself, and the given third-party origins (a CAPTCHA
	 * provider's) only where they are needed: its script, its frame and its calls.
	 */
	static String csp(Set<String> origins) {
		String extra = origins.stream().sorted().map(o -> " " + o).collect(Collectors.joining());
		return "default-src 'self'; script-src 'self'" + extra + "; style-src 'self'; img-src 'self' data:; "
				+ "font-src 'self'; connect-src 'self'" + extra + "; "
				+ (extra.isEmpty() ? "" : "frame-src" + extra + "; ")
				+ "form-action 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'";
	}

	private final String csp;

	private final CustomerAuthentication authentication;

	private final CsrfRejections csrfRejections;

	private final JsonMapper json;

	CustomerChains(CustomerAuthentication authentication, CsrfRejections csrfRejections, JsonMapper json,
			List<ThirdPartyOrigins> thirdParties) {
		this.csp = csp(thirdParties.stream().flatMap(t -> t.origins().stream()).collect(Collectors.toSet()));
		this.authentication = authentication;
		this.csrfRejections = csrfRejections;
		this.json = json;
	}

	/** JSON API paths anyone may call (a session, when sent, is still read). */
	public SecurityFilterChain publicApi(HttpSecurity http, String... paths) throws Exception {
		api(http.securityMatcher(paths)).authorizeHttpRequests(a -> a.anyRequest().permitAll());
		return http.build();
	}

	/** JSON API paths that need a session. */
	public SecurityFilterChain signedInApi(HttpSecurity http, String... paths) throws Exception {
		api(http.securityMatcher(paths)).authorizeHttpRequests(a -> a.anyRequest().authenticated());
		return http.build();
	}

	/** Pages anyone may open; their forms still carry the CSRF token. */
	public SecurityFilterChain publicPages(HttpSecurity http, String... paths) throws Exception {
		pages(http.securityMatcher(paths)).authorizeHttpRequests(a -> a.anyRequest().permitAll());
		return http.build();
	}

	/** Every other page: a session is needed, else the sign-in page. */
	public SecurityFilterChain signedInPages(HttpSecurity http) throws Exception {
		pages(http).authorizeHttpRequests(a -> a.anyRequest().authenticated());
		return http.build();
	}

	private HttpSecurity api(HttpSecurity http) throws Exception {
		return http.csrf(csrf -> csrf.disable())
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.requestCache(new NullRequestCache()))
			.addFilterBefore(this.authentication, AnonymousAuthenticationFilter.class)
			.exceptionHandling(e -> e
				.authenticationEntryPoint((request, response, ex) -> Problems.write(response, this.json,
						HttpStatus.UNAUTHORIZED, "unauthenticated",
						"Sign in first: send Authorization: Bearer <session token>."))
				.accessDeniedHandler((request, response, ex) -> Problems.write(response, this.json, HttpStatus.FORBIDDEN,
						"forbidden", "This session may not do that.")))
			.headers(this::headers)
			.cors(Customizer.withDefaults());
	}

	private HttpSecurity pages(HttpSecurity http) throws Exception {
		CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
		csrfTokens.setCookieName(CSRF_COOKIE);
		csrfTokens.setCookieCustomizer(c -> c.secure(true).httpOnly(true).sameSite("Strict").path("/"));
		csrfTokens.setCookiePath("/");
		// Sessions are our own (no HttpSession), so Spring's "new authentication" hook would fire on every
		// signed-in request and drop the token cookie under any page that does not render a new one (a
		// fetch); the token is rotated at sign-in by SessionCookies.write instead.
		return http
			.csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
				.sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
			.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(c -> c.requestCache(new NullRequestCache()))
			.addFilterBefore(this.authentication, CsrfFilter.class)
			.exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> response.sendRedirect("/signin"))
				.accessDeniedHandler(this.csrfRejections))
			.headers(this::headers);
	}

	private void headers(HeadersConfigurer<HttpSecurity> headers) {
		headers.contentSecurityPolicy(csp -> csp.policyDirectives(this.csp))
			.httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
				.maxAgeInSeconds(31_536_000)
				.requestMatcher(AnyRequestMatcher.INSTANCE))
			.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
			.referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER))
			.crossOriginOpenerPolicy(c -> c.policy(CrossOriginOpenerPolicy.SAME_ORIGIN));
	}
}
