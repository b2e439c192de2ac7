package io.gatehouse.kucoin;

/**
 * KuCoin's error codes, with the HTTP status and message KuCoin answers them with (kucoin-api.md §1.7). ccxt
 * reads the body first (the message exactly, the code exactly, then words in it), so the body decides the
 * client's exception class.
 */
public enum KucoinError {

	HEADERS_MISSING("400001", 400,
			"Please check the header of your request for KC-API-KEY, KC-API-SIGN, KC-API-TIMESTAMP, KC-API-PASSPHRASE"),
	TIMESTAMP_INVALID("400002", 400, "Invalid KC-API-TIMESTAMP"),
	KEY_NOT_EXISTS("400003", 401, "KC-API-KEY not exists"),
	PASSPHRASE_INVALID("400004", 401, "Invalid KC-API-PASSPHRASE"),
	SIGNATURE_INVALID("400005", 401, "Invalid KC-API-SIGN"),
	IP_NOT_ALLOWED("400006", 403, "Invalid request ip, the current client IP is: %s"),
	ACCESS_DENIED("400007", 403, "Access denied, require more permission."),
	ACCOUNT_FROZEN("411100", 403, "User are frozen"),
	PARAMETER_ERROR("400100", 400, "Parameter error: %s"),
	BALANCE_INSUFFICIENT("200004", 400, "Balance insufficient"),
	NOT_WHITELISTED("260325", 400, "Already set withdraw whitelist, this address is not favorite address"),
	NOT_FOUND("404000", 404, "Url Not Found"),
	UNSUPPORTED_MEDIA_TYPE("415000", 415, "Unsupported Media Type"),
	/**
	 * KuCoin's own body ({@code "Too Many Requests"}) reaches ccxt as a bare ExchangeError, since ccxt maps the
	 * body before the HTTP status; the words ccxt's broad table knows make it RateLimitExceeded.
	 */
	TOO_MANY_REQUESTS("429000", 429, "Too Many Requests: Exceeded the access frequency, retry after gw-ratelimit-reset"),
	INTERNAL("500000", 500, "Internal Server Error"),
	UPSTREAM_UNAVAILABLE("500000", 503, "The trading service is not available. Try again later."),
	/** Gatehouse's database out of reach for a moment (a failover): ccxt's ExchangeNotAvailable, which it retries. */
	UNAVAILABLE("500000", 503, "Service temporarily unavailable. Try again in a few seconds.");

	private final String code;

	private final int status;

	private final String message;

	KucoinError(String code, int status, String message) {
		this.code = code;
		this.status = status;
		this.message = message;
	}

	public String code() {
		return this.code;
	}

	public int status() {
		return this.status;
	}

	/** The message, with its {@code %s} filled where it has one. */
	public String message(String detail) {
		return this.message.contains("%s") ? this.message.formatted(detail) : this.message;
	}
}
