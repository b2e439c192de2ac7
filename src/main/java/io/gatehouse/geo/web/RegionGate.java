package io.gatehouse.geo.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.geo.DeclaredCountries;
import io.gatehouse.geo.Region;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionCapability;
import io.gatehouse.geo.RegionEvents.RegionRestricted;
import io.gatehouse.geo.RegionRejection;
import io.gatehouse.geo.RegionService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.web.Problems;
import io.gatehouse.web.RequestContexts;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The region policy on every signed-in request (PRODUCT.md 1.6, LG-14): the rules are decided anew from
 * this request's trusted client address and the account's country, never remembered from sign-in, so
 * moving to a blocked region mid-session restricts the session at once. What a handler does comes from
 * its {@link RegionCapability}; a refused API call gets 451 problem+json, a refused page goes to the
 * page that explains what is still possible. The decision is left on the request as {@code region} for
 * pages and {@code /api/v1/me} to show.
 */
@Component
class RegionGate implements HandlerInterceptor, WebMvcConfigurer {

	/** The request attribute holding this request's {@link Region}. */
	static final String ATTRIBUTE = "region";

	private final RegionService regions;

	private final DeclaredCountries declaredCountries;

	private final RequestContexts contexts;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final JsonMapper json;

	RegionGate(RegionService regions, DeclaredCountries declaredCountries, RequestContexts contexts, ApplicationEventPublisher events,
			TransactionTemplate tx, JsonMapper json) {
		this.regions = regions;
		this.declaredCountries = declaredCountries;
		this.contexts = contexts;
		this.events = events;
		this.tx = tx;
		this.json = json;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		Authentication auth = SecurityContextHolder.getContext().getAuthentication();
		if (!(handler instanceof HandlerMethod method) || auth == null
				|| !(auth.getPrincipal() instanceof Actor.Customer session)) {
			// Signed-out requests (sign-up, sign-in) apply the policy in their services.
			return true;
		}
		RequestContext context = this.contexts.of(request);
		String declared = this.declaredCountries.of(session.accountId()).orElse(null);
		Region region = this.regions.decide(context.ip(), declared);
		request.setAttribute(ATTRIBUTE, region);
		RegionAccess.Capability capability = capabilityOf(method, request.getMethod());
		if (region.permits(capability)) {
			return true;
		}
		this.tx.executeWithoutResult(s -> this.events.publishEvent(
				new RegionRestricted(session.accountId(), capability.name().toLowerCase(Locale.ROOT), region,
						context)));
		if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
			ProblemDetail problem = Problems.detail(RegionRejection.RESTRICTED.code(),
					Problems.status(RegionRejection.RESTRICTED), RegionRejection.RESTRICTED.message());
			problem.setProperty("access", region.access().wireName());
			problem.setProperty("explanation", "/api/v1/me/region");
			response.setStatus(Problems.status(RegionRejection.RESTRICTED).value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), problem);
		}
		else {
			response.sendRedirect(request.getContextPath() + "/account/region?refused");
		}
		return false;
	}

	static RegionAccess.Capability capabilityOf(HandlerMethod method, String httpMethod) {
		RegionCapability declared = method.getMethodAnnotation(RegionCapability.class);
		if (declared == null) {
			declared = method.getBeanType().getAnnotation(RegionCapability.class);
		}
		if (declared != null) {
			return declared.value();
		}
		return "GET".equals(httpMethod) || "HEAD".equals(httpMethod) ? RegionAccess.Capability.VIEW
				: RegionAccess.Capability.CONFIGURE;
	}
}
