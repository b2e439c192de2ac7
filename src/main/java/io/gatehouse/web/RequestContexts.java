package io.gatehouse.web;

import jakarta.servlet.http.HttpServletRequest;

import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Component;

/** Builds the {@link RequestContext} of an incoming request. */
@Component
public class RequestContexts {

	private final ClientIpResolver clientIps;

	public RequestContexts(ClientIpResolver clientIps) {
		this.clientIps = clientIps;
	}

	public RequestContext of(HttpServletRequest request) {
		return RequestContext.of(this.clientIps.resolve(request), request.getHeader("User-Agent"));
	}
}
