package io.gatehouse.kucoin.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import io.gatehouse.apikey.Permission;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kucoin.Host;
import io.gatehouse.kucoin.KucoinError;
import io.gatehouse.kucoin.KucoinRoutes;
import io.gatehouse.kucoin.SignedRequests;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For gateways that prefer to ask rather than forward through Gatehouse (internal listener, service token):
 * "is this signed KuCoin request valid, and what may it do?". The request is verified exactly as on the
 * KuCoin listeners, for the permission its path needs, and a non-GET one is spent (asking twice is a replay).
 */
@RestController
class KucoinVerifyApi {

	private final SignedRequests signed;

	KucoinVerifyApi(SignedRequests signed) {
		this.signed = signed;
	}

	@PostMapping(path = "/internal/v1/kucoin/verify", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> verify(@AuthenticationPrincipal Actor.Service service, @Valid @RequestBody Asked body) {
		Host host = "futures".equalsIgnoreCase(body.host()) ? Host.FUTURES : Host.SPOT;
		String method = body.method().toUpperCase(Locale.ROOT);
		Optional<KucoinRoutes.Route> needed = KucoinRoutes.find(host, method, body.path())
			.filter(KucoinRoutes.Route::signed)
			.or(() -> KucoinRoutes.forwarded(host, method, body.path()));
		if (needed.isEmpty()) {
			return ResponseEntity.ok(refusal(KucoinError.NOT_FOUND, ""));
		}
		ClientIp ip;
		try {
			ip = ClientIp.of(body.ip());
		}
		catch (IllegalArgumentException ex) {
			return ResponseEntity.badRequest().body(Map.of("code", "ip_invalid", "detail", "Give the caller's IP address."));
		}
		Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		if (body.headers() != null) {
			headers.putAll(body.headers());
		}
		return ResponseEntity.ok(switch (this.signed.verify(new SignedRequests.Request(method, body.path(),
				body.query(), body.body() == null ? "" : body.body(), headers::get, ip), needed.get())) {
			case SignedRequests.Result.Refused r -> refusal(r.error(), r.detail());
			case SignedRequests.Result.Verified v -> {
				Map<String, @Nullable Object> out = new LinkedHashMap<>();
				out.put("valid", true);
				out.put("accountId", v.key().accountId().toString());
				out.put("apiKey", v.key().apiKey());
				out.put("permissions", Permission.tokens(v.key().permissions()));
				out.put("needed", needed.get().permission().token());
				yield out;
			}
		});
	}

	private static Map<String, @Nullable Object> refusal(KucoinError error, String detail) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("valid", false);
		out.put("code", error.code());
		out.put("msg", error.message(detail));
		return out;
	}

	/**
	 * A request as the gateway received it.
	 *
	 * @param host {@code spot} or {@code futures}
	 * @param query the query as sent, without the {@code ?}
	 * @param headers at least the {@code KC-API-*} ones
	 * @param ip the caller's address as the gateway's trusted proxies see it
	 */
	record Asked(@NotNull String host, @NotNull String method, @NotNull String path, @Nullable String query,
			@Nullable String body, @Nullable Map<String, String> headers, @NotNull String ip) {

		@Override
		public String toString() {
			return "Asked[" + this.method + " " + this.path + "]";
		}
	}
}
