package io.gatehouse.kucoin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.apikey.ApiKey;
import io.gatehouse.apikey.ApiKeySecrets;
import io.gatehouse.apikey.ApiKeys;
import io.gatehouse.apikey.Permission;
import io.gatehouse.geo.RegionAccess;
import io.gatehouse.geo.RegionService;
import io.gatehouse.kernel.ClientIp;

import org.springframework.stereotype.Service;

/**
 * Verifies a signed KuCoin request, in this precedence (kucoin-api.md §5), each failure with its own code: the
 * four headers present and well formed (400001) → the key exists (400003) → the timestamp within the window,
 * either way (400002) → the passphrase (400004) → the signature (400005) → the caller's address in the key's
 * allow-list (400006) → the key active and not expired (400003) → the account not frozen (411100) → the
 * permission the path needs, and what the region rules must allow for it (400007) → a non-GET request not seen before
 * (400002: its timestamp and signature are spent). The key's state is judged only after the signature, so it
 * tells nothing to whoever lacks the secret.
 */
@Service
public class SignedRequests {

	private final ApiKeys keys;

	private final ApiKeySecrets secrets;

	private final Accounts accounts;

	private final RegionService regions;

	private final ReplayGuard replays;

	private final KucoinProperties properties;

	private final Clock clock;

	private final KeyRefusals refusals;

	SignedRequests(ApiKeys keys, ApiKeySecrets secrets, Accounts accounts, RegionService regions, ReplayGuard replays,
			KucoinProperties properties, Clock clock, KeyRefusals refusals) {
		this.refusals = refusals;
		this.keys = keys;
		this.secrets = secrets;
		this.accounts = accounts;
		this.regions = regions;
		this.replays = replays;
		this.properties = properties;
		this.clock = clock;
	}

	/** A request as received: its headers by name, the query as sent, the raw body. */
	public record Request(String method, String path, @Nullable String rawQuery, String body,
			Function<String, @Nullable String> headers, ClientIp ip) {

		@Override
		public String toString() {
			return "Request[" + this.method + " " + this.path + "]";
		}
	}

	public sealed interface Result {

		record Verified(ApiKey key) implements Result {
		}

		record Refused(KucoinError error, String detail) implements Result {
		}
	}

	public Result verify(Request r, KucoinRoutes.Route route) {
		Permission needed = route.permission();
		String apiKey = header(r, "KC-API-KEY");
		String sign = header(r, "KC-API-SIGN");
		String timestamp = header(r, "KC-API-TIMESTAMP");
		String passphrase = header(r, "KC-API-PASSPHRASE");
		String version = Optional.ofNullable(r.headers().apply("KC-API-KEY-VERSION")).orElse("1").strip();
		if (apiKey.isBlank() || sign.isBlank() || timestamp.isBlank() || passphrase.isBlank() || apiKey.length() > 64
				|| sign.length() > 128 || timestamp.length() > 20 || passphrase.length() > 128
				|| !(version.equals("1") || version.equals("2") || version.equals("3"))) {
			return refused(KucoinError.HEADERS_MISSING, "");
		}
		Optional<ApiKeys.Stored> stored = apiKey.matches("[0-9a-f]{24}") ? this.keys.byApiKey(apiKey) : Optional.empty();
		if (stored.isEmpty()) {
			return refused(KucoinError.KEY_NOT_EXISTS, "");
		}
		Instant now = this.clock.instant();
		Duration window = this.properties.window();
		if (!timestamp.matches("\\d{1,15}")) {
			return refused(KucoinError.TIMESTAMP_INVALID, "");
		}
		long millis = Long.parseLong(timestamp);
		if (Math.abs(now.toEpochMilli() - millis) > window.toMillis()) {
			return refused(KucoinError.TIMESTAMP_INVALID, "");
		}
		ApiKeys.Stored s = stored.get();
		if (!this.secrets.passphraseMatches(passphrase, version.equals("1"), s.passphrasePlain(), s.passphraseMac())) {
			return refused(KucoinError.PASSPHRASE_INVALID, "");
		}
		String secret = this.secrets.secret(s.key().id(), s.secret());
		if (!Signatures.matches(secret, sign, timestamp, r.method(), r.path(), r.rawQuery(), r.body())) {
			return refused(KucoinError.SIGNATURE_INVALID, "");
		}
		ApiKey key = s.key();
		if (!key.allowsFrom(r.ip().address())) {
			this.refusals.refused(key, KucoinError.IP_NOT_ALLOWED, r.method(), r.path(), r.ip());
			return refused(KucoinError.IP_NOT_ALLOWED, r.ip().toString());
		}
		if (!key.usableAt(now)) {
			return refused(KucoinError.KEY_NOT_EXISTS, "");
		}
		Optional<Account> account = this.accounts.find(key.accountId());
		if (account.isEmpty() || account.get().status() != Account.Status.ACTIVE) {
			return refused(KucoinError.ACCOUNT_FROZEN, "");
		}
		if (!key.allows(needed) || !this.regions.decide(r.ip(), account.get().country().code()).permits(route.region())) {
			this.refusals.refused(key, KucoinError.ACCESS_DENIED, r.method(), r.path(), r.ip());
			return refused(KucoinError.ACCESS_DENIED, "");
		}
		// Kept past the latest moment its timestamp could still pass, on any node's clock (a minute's margin).
		Instant spentUntil = Instant.ofEpochMilli(Math.max(millis, now.toEpochMilli())).plus(window).plusSeconds(60);
		if (!r.method().equals("GET") && !this.replays.first(apiKey, sign, spentUntil)) {
			return refused(KucoinError.TIMESTAMP_INVALID, "");
		}
		this.keys.used(key.id(), now, r.ip().toString());
		return new Result.Verified(key);
	}

	private static Result refused(KucoinError error, String detail) {
		return new Result.Refused(error, detail);
	}

	/** A header's value, or empty when the request has none. */
	private static String header(Request r, String name) {
		String value = r.headers().apply(name);
		return value == null ? "" : value;
	}
}
