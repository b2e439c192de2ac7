package io.gatehouse.apikey;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/** How a key reads on the wire: never its secret or passphrase. */
public final class ApiKeyViews {

	private ApiKeyViews() {
	}

	public static Map<String, @Nullable Object> view(ApiKey k) {
		Map<String, @Nullable Object> out = new LinkedHashMap<>();
		out.put("id", k.id().toString());
		out.put("apiKey", k.apiKey());
		out.put("name", k.name());
		out.put("permissions", Permission.tokens(k.permissions()));
		out.put("ipAllowList", k.ipAllowList());
		out.put("expiresAt", k.expiresAt() == null ? null : k.expiresAt().toString());
		out.put("state", k.state().wireName());
		out.put("stateReason", k.stateReason());
		out.put("createdAt", k.createdAt().toString());
		out.put("lastUsedAt", k.lastUsedAt() == null ? null : k.lastUsedAt().toString());
		out.put("lastUsedIp", k.lastUsedIp());
		return out;
	}
}
