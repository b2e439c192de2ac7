package io.gatehouse.kucoin.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.kucoin.Host;
import io.gatehouse.kucoin.KucoinError;
import io.gatehouse.kucoin.KucoinRateLimits;
import io.gatehouse.kucoin.KucoinRoutes;
import io.gatehouse.kucoin.SignedRequests;
import io.gatehouse.web.RequestContexts;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The door of a KuCoin listener. It finds the route (404000 when this host has none), verifies a private
 * request's signature against the raw body as received ({@link SignedRequests}), then forwards the request to
 * the endpoint under {@code /kucoin/<host>/…} with the verified key as a request attribute. Nothing reaches an
 * endpoint unverified, and the endpoints exist on no other port. A trading path Gatehouse does not serve is
 * verified for the permission it needs and sent on to the exchange's trading API ({@link Upstream}), when one
 * is configured; any other path is refused.
 */
final class KucoinGate extends OncePerRequestFilter {

	static final String KEY = "gatehouse.kucoin.key";

	static final int MAX_BODY = 64 * 1024;

	private final Host host;

	private final SignedRequests signed;

	private final KucoinRateLimits limits;

	private final RequestContexts contexts;

	private final JsonMapper json;

	private final String upstream;

	KucoinGate(Host host, SignedRequests signed, KucoinRateLimits limits, RequestContexts contexts, JsonMapper json,
			String upstream) {
		this.upstream = upstream;
		this.host = host;
		this.signed = signed;
		this.limits = limits;
		this.contexts = contexts;
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		String method = request.getMethod();
		var route = KucoinRoutes.find(this.host, method, path);
		var forwarded = route.isPresent() || this.upstream.isBlank() ? Optional.<KucoinRoutes.Route>empty()
				: KucoinRoutes.forwarded(this.host, method, path);
		if (route.isEmpty() && forwarded.isEmpty()) {
			KucoinEnvelope.write(response, this.json, KucoinError.NOT_FOUND, "");
			return;
		}
		var ip = this.contexts.of(request).ip();
		if (over(response, this.limits.address(ip.toString()))) {
			return;
		}
		// RequestSizeLimitFilter refused larger declared bodies and chunked ones; read no more than that anyway.
		byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
		if (body.length > MAX_BODY) {
			KucoinEnvelope.write(response, this.json, KucoinError.PARAMETER_ERROR, "the body is too large");
			return;
		}
		HttpServletRequest cached = new CachedBody(request, body);
		if (forwarded.isPresent()) {
			switch (this.signed.verify(new SignedRequests.Request(method, path, request.getQueryString(),
					new String(body, StandardCharsets.UTF_8), request::getHeader, ip), forwarded.get())) {
				case SignedRequests.Result.Refused r -> KucoinEnvelope.write(response, this.json, r.error(), r.detail());
				case SignedRequests.Result.Verified v -> {
					if (!over(response, this.limits.key(v.key().apiKey()))) {
						Upstream.forward(this.upstream, request, body, v.key(), response, this.json);
					}
				}
			}
			return;
		}
		if (route.get().signed()) {
			if (body.length > 0 && !String.valueOf(request.getContentType()).startsWith("application/json")) {
				KucoinEnvelope.write(response, this.json, KucoinError.UNSUPPORTED_MEDIA_TYPE, "");
				return;
			}
			SignedRequests.Result result = this.signed.verify(new SignedRequests.Request(method, path,
					request.getQueryString(), new String(body, StandardCharsets.UTF_8), request::getHeader, ip),
					route.get());
			switch (result) {
				case SignedRequests.Result.Refused r -> {
					KucoinEnvelope.write(response, this.json, r.error(), r.detail());
					return;
				}
				case SignedRequests.Result.Verified v -> {
					if (over(response, this.limits.key(v.key().apiKey()))) {
						return;
					}
					cached.setAttribute(KEY, v.key());
				}
			}
		}
		cached.getRequestDispatcher(this.host.forwardPrefix() + path).forward(cached, response);
	}

	/** Sets KuCoin's rate-limit headers; answers 429000 (with {@code Retry-After}) when the budget is spent. */
	private boolean over(HttpServletResponse response, KucoinRateLimits.Budget budget) throws IOException {
		response.setHeader("gw-ratelimit-limit", Integer.toString(budget.limit()));
		response.setHeader("gw-ratelimit-remaining", Integer.toString(budget.remaining()));
		response.setHeader("gw-ratelimit-reset", Long.toString(budget.resetMillis()));
		if (budget.exceeded()) {
			response.setHeader("Retry-After", Long.toString(Math.max(1, (budget.resetMillis() + 999) / 1000)));
			KucoinEnvelope.write(response, this.json, KucoinError.TOO_MANY_REQUESTS, "");
			return true;
		}
		return false;
	}
}
