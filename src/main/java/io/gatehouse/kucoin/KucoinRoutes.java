package io.gatehouse.kucoin;

import java.util.Map;
import java.util.Optional;

import io.gatehouse.apikey.Permission;
import io.gatehouse.geo.RegionAccess.Capability;

/**
 * Which paths each host serves, and what each needs (kucoin-api.md §2.2): nothing (public), or a signed request
 * from a key with one permission. A path not listed does not exist here (404000).
 */
public final class KucoinRoutes {

	/**
	 * What a route needs: a signed request from a key with this permission, or nothing ({@code signed} false),
	 * and what the region rules must allow for it.
	 */
	public record Route(Permission permission, boolean signed, Capability region) {
	}

	private static final Route PUBLIC = new Route(Permission.GENERAL, false, Capability.VIEW);

	private static final Map<String, Route> SPOT = Map.ofEntries(
			Map.entry("GET /api/v1/timestamp", PUBLIC), Map.entry("GET /api/v1/status", PUBLIC),
			Map.entry("GET /api/v3/currencies", PUBLIC), Map.entry("GET /api/v2/symbols", PUBLIC),
			Map.entry("GET /api/v1/market/allTickers", PUBLIC),
			Map.entry("GET /api/ua/v1/account/mode", signed(Permission.GENERAL)),
			Map.entry("GET /api/v3/margin/symbols", signed(Permission.GENERAL)),
			Map.entry("GET /api/v1/isolated/symbols", signed(Permission.GENERAL)),
			Map.entry("GET /api/v1/hf/accounts/opened", signed(Permission.GENERAL)),
			Map.entry("GET /api/v1/accounts", signed(Permission.GENERAL)),
			Map.entry("GET /api/v1/user/api-key", signed(Permission.GENERAL)),
			Map.entry("GET /api/v1/accounts/ledgers", signed(Permission.GENERAL)),
			Map.entry("GET /api/v1/deposit-addresses", signed(Permission.GENERAL)),
			Map.entry("GET /api/v3/deposit-addresses", signed(Permission.GENERAL)),
			Map.entry("GET /api/v1/withdrawals", withdrawal("GET", Permission.GENERAL)),
			Map.entry("GET /api/v1/hist-withdrawals", withdrawal("GET", Permission.GENERAL)),
			Map.entry("GET /api/v1/withdrawals/quotas", withdrawal("GET", Permission.GENERAL)),
			Map.entry("POST /api/v3/withdrawals", withdrawal("POST", Permission.TRANSFER)),
			Map.entry("DELETE /api/v1/withdrawals/{id}", withdrawal("DELETE", Permission.TRANSFER)),
			Map.entry("POST /api/v3/accounts/universal-transfer", signed(Permission.INNER_TRANSFER)),
			Map.entry("POST /api/v2/sub/user/created", new Route(Permission.GENERAL, true, Capability.CONFIGURE)),
			Map.entry("GET /api/v2/sub/user", signed(Permission.GENERAL)),
			Map.entry("GET /api/v1/sub-accounts/{id}", signed(Permission.GENERAL)),
			Map.entry("GET /api/v2/sub-accounts", signed(Permission.GENERAL)),
			Map.entry("POST /api/v2/accounts/sub-transfer", signed(Permission.SPOT)),
			Map.entry("POST /api/v3/sub/user/futures/enable", signed(Permission.FUTURES)),
			Map.entry("GET /api/v1/sub/api-key", signed(Permission.GENERAL)),
			Map.entry("DELETE /api/v1/sub/api-key", signed(Permission.GENERAL)));

	private static final Map<String, Route> FUTURES = Map.ofEntries(
			Map.entry("GET /api/v1/timestamp", PUBLIC), Map.entry("GET /api/v1/status", PUBLIC),
			Map.entry("GET /api/v1/contracts/active", PUBLIC),
			Map.entry("GET /api/v1/account-overview", signed(Permission.GENERAL)),
			Map.entry("GET /api/v1/transaction-history", signed(Permission.GENERAL)),
			Map.entry("GET /api/v1/deposit-address", signed(Permission.GENERAL)),
			Map.entry("POST /api/v1/transfer-in", signed(Permission.FUTURES)),
			Map.entry("POST /api/v2/transfer-out", signed(Permission.FUTURES)),
			Map.entry("POST /api/v3/transfer-out", signed(Permission.FUTURES)));

	private KucoinRoutes() {
	}

	private static Route signed(Permission permission) {
		return new Route(permission, true, region(permission));
	}

	/**
	 * A withdrawal call: where the region rules leave only withdrawing (BLOCKED), the only calls a key keeps.
	 * Listing needs what viewing needs, making one what withdrawing needs; cancelling keeps funds in, so it
	 * needs only what keeping the account safe needs (and works where nothing may leave).
	 */
	private static Route withdrawal(String method, Permission permission) {
		Capability region = method.equals("POST") ? Capability.WITHDRAW
				: method.equals("DELETE") ? Capability.PROTECT : Capability.VIEW;
		return new Route(permission, true, region);
	}

	/**
	 * What the region rules must allow for a permission to be used: reading where keys may read (not BLOCKED),
	 * moving one's own funds where settings may change (not BLOCKED), trading only where trading is allowed (not
	 * WITHDRAW_ONLY), withdrawing wherever the rules let money out.
	 */
	static Capability region(Permission permission) {
		return switch (permission) {
			case GENERAL -> Capability.KEY_READ;
			case INNER_TRANSFER -> Capability.CONFIGURE;
			case SPOT, MARGIN, FUTURES -> Capability.TRADE;
			case TRANSFER -> Capability.WITHDRAW;
		};
	}

	/** The route; a path's last segment may be an id where the table says {@code {id}} (24 hex characters or a UUID). */
	public static Optional<Route> find(Host host, String method, String path) {
		Map<String, Route> routes = host == Host.SPOT ? SPOT : FUTURES;
		Route exact = routes.get(method + " " + path);
		if (exact != null) {
			return Optional.of(exact);
		}
		int slash = path.lastIndexOf('/');
		if (slash > 0 && path.substring(slash + 1).matches("[0-9a-fA-F-]{24,36}")) {
			return Optional.ofNullable(routes.get(method + " " + path.substring(0, slash) + "/{id}"));
		}
		return Optional.empty();
	}

	/**
	 * Trading paths Gatehouse does not serve but checks and forwards to the exchange's trading API (the
	 * gatekeeper), by method and path prefix, with the permission each needs. Anything not listed here or above
	 * is refused, never forwarded.
	 */
	private static final Map<String, Permission> SPOT_FORWARDED = Map.ofEntries(
			Map.entry("POST /api/v1/orders", Permission.SPOT), Map.entry("DELETE /api/v1/orders", Permission.SPOT),
			Map.entry("GET /api/v1/orders", Permission.GENERAL), Map.entry("POST /api/v1/hf/orders", Permission.SPOT),
			Map.entry("DELETE /api/v1/hf/orders", Permission.SPOT), Map.entry("GET /api/v1/hf/orders", Permission.GENERAL),
			Map.entry("POST /api/v1/stop-order", Permission.SPOT), Map.entry("DELETE /api/v1/stop-order", Permission.SPOT),
			Map.entry("GET /api/v1/stop-order", Permission.GENERAL), Map.entry("GET /api/v1/fills", Permission.GENERAL),
			Map.entry("GET /api/v1/hf/fills", Permission.GENERAL), Map.entry("POST /api/v1/margin/order", Permission.MARGIN),
			Map.entry("POST /api/v3/hf/margin/order", Permission.MARGIN),
			Map.entry("DELETE /api/v3/hf/margin/orders", Permission.MARGIN));

	private static final Map<String, Permission> FUTURES_FORWARDED = Map.ofEntries(
			Map.entry("POST /api/v1/orders", Permission.FUTURES), Map.entry("DELETE /api/v1/orders", Permission.FUTURES),
			Map.entry("GET /api/v1/orders", Permission.GENERAL), Map.entry("POST /api/v1/stopOrders", Permission.FUTURES),
			Map.entry("DELETE /api/v1/stopOrders", Permission.FUTURES), Map.entry("GET /api/v1/stopOrders", Permission.GENERAL),
			Map.entry("GET /api/v1/positions", Permission.GENERAL), Map.entry("GET /api/v1/position", Permission.GENERAL),
			Map.entry("POST /api/v1/position", Permission.FUTURES), Map.entry("GET /api/v1/fills", Permission.GENERAL));

	/** What a forwarded trading path needs, found by its method and path or a prefix of it ending at a '/'. */
	public static Optional<Route> forwarded(Host host, String method, String path) {
		Map<String, Permission> table = host == Host.SPOT ? SPOT_FORWARDED : FUTURES_FORWARDED;
		for (String candidate = path; candidate.startsWith("/api/"); candidate = candidate.substring(0,
				Math.max(0, candidate.lastIndexOf('/')))) {
			Permission p = table.get(method + " " + candidate);
			if (p != null) {
				return Optional.of(signed(p));
			}
		}
		return Optional.empty();
	}

	/** Every route of a host, for the permission matrix. */
	public static Map<String, Route> all(Host host) {
		return host == Host.SPOT ? SPOT : FUTURES;
	}
}
