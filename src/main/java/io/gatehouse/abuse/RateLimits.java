package io.gatehouse.abuse;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.gatehouse.kernel.ClientIp;

import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Per-IP and per-subnet limits (PRODUCT.md 1.5), counted in PostgreSQL so that every node enforces the
 * same budget. Windows are fixed in the table and slide in the check: the previous window counts by
 * the share of it the sliding window still covers. Checked before the identifier is even looked at, so
 * the answer is the same for every identifier (EN-04).
 */
@Service
public class RateLimits {

	private final JdbcClient jdbc;

	private final AbuseProperties properties;

	private final Clock clock;

	RateLimits(JdbcClient jdbc, AbuseProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Whether the address or its subnet has used up its budget for the action.
	 *
	 * @return how long to wait, when it has
	 */
	public Optional<Duration> exceeded(LimitedAction action, ClientIp ip) {
		return over(action, ip, 0);
	}

	/** Counts one request (or, for sign-in, one failure) against the address and its subnet. */
	public void record(LimitedAction action, ClientIp ip) {
		Instant now = this.clock.instant();
		Timestamp start = Timestamp.from(Window.of(now, this.properties.limit(action).window()).start());
		this.jdbc.sql("""
				insert into rate_limit_hits (bucket, window_start, hits) values (:ip, :start, 1), (:subnet, :start, 1)
				on conflict (bucket, window_start) do update set hits = rate_limit_hits.hits + 1""")
			.param("ip", ipBucket(action, ip))
			.param("subnet", subnetBucket(action, ip))
			.param("start", start)
			.update();
	}

	/**
	 * Counts the request, then tells whether it was over the limit: for actions where every request
	 * counts, so parallel requests cannot all slip under it.
	 */
	public Optional<Duration> hit(LimitedAction action, ClientIp ip) {
		record(action, ip);
		// The request itself is in the count now: over the limit only if the count went past it.
		return over(action, ip, 1);
	}

	/**
	 * Whether the address or its subnet has used more than half of its budget for the action (this request
	 * counted): the point from which the action asks for a CAPTCHA.
	 */
	public boolean pastHalf(LimitedAction action, ClientIp ip) {
		AbuseProperties.Limit limit = this.properties.limit(action);
		return over(action, ip, 1 - (limit.perIp() + 1) / 2, 1 - (limit.perSubnet() + 1) / 2).isPresent();
	}

	/** @param counted requests already in the count that the budget must still allow (this one, after {@link #record}) */
	private Optional<Duration> over(LimitedAction action, ClientIp ip, int counted) {
		return over(action, ip, counted, counted);
	}

	private Optional<Duration> over(LimitedAction action, ClientIp ip, int ipSlack, int subnetSlack) {
		Check check = check(action, ip, ipSlack, subnetSlack);
		StatementSpec query = this.jdbc.sql("select " + check.sql());
		check.params().forEach(query::param);
		return query.query(Boolean.class).single() ? Optional.of(check.retryAfter()) : Optional.empty();
	}

	private Check check(LimitedAction action, ClientIp ip, int ipSlack, int subnetSlack) {
		Instant now = this.clock.instant();
		AbuseProperties.Limit limit = this.properties.limit(action);
		Window window = Window.of(now, limit.window());
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("rlIp", ipBucket(action, ip));
		params.put("rlSubnet", subnetBucket(action, ip));
		params.put("rlCurrent", Timestamp.from(window.start()));
		params.put("rlPrevious", Timestamp.from(window.start().minus(limit.window())));
		params.put("rlPreviousWeight", window.previousWeight());
		params.put("rlPerIp", limit.perIp() + ipSlack);
		params.put("rlPerSubnet", limit.perSubnet() + subnetSlack);
		return new Check("""
				(select coalesce(sum(case when bucket = :rlIp then weighted end), 0) >= :rlPerIp
				     or coalesce(sum(case when bucket = :rlSubnet then weighted end), 0) >= :rlPerSubnet
				   from (select bucket, hits * case when window_start = :rlCurrent then 1.0 else :rlPreviousWeight end as weighted
				           from rate_limit_hits
				          where bucket in (:rlIp, :rlSubnet) and window_start in (:rlCurrent, :rlPrevious)) counted)""",
				params, window.retryAfter());
	}

	/**
	 * @param sql a parenthesised boolean expression: true when over the limit
	 * @param params its named parameters
	 * @param retryAfter how long to wait when it is over
	 */
	private record Check(String sql, Map<String, Object> params, Duration retryAfter) {
	}

	@Scheduled(fixedDelayString = "${gatehouse.abuse.cleanup-interval:PT10M}")
	void deleteOldWindows() {
		Duration longest = Arrays.stream(LimitedAction.values())
			.map(a -> this.properties.limit(a).window())
			.max(Duration::compareTo)
			.orElseThrow();
		this.jdbc.sql("delete from rate_limit_hits where window_start < ?")
			.param(Timestamp.from(this.clock.instant().minus(longest.multipliedBy(2))))
			.update();
	}

	static String ipBucket(LimitedAction action, ClientIp ip) {
		return action.key() + ":ip:" + ip;
	}

	/** The /24 of an IPv4 address, the /56 of an IPv6 one. */
	static String subnetBucket(LimitedAction action, ClientIp ip) {
		byte[] address = ip.address().getAddress();
		int keep = address.length == 4 ? 3 : 7;
		byte[] masked = new byte[address.length];
		System.arraycopy(address, 0, masked, 0, keep);
		try {
			return action.key() + ":net:" + new ClientIp(InetAddress.getByAddress(masked)) + "/" + keep * 8;
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("a 4- or 16-byte address is always valid", ex);
		}
	}

	/** The fixed window holding {@code now}, and how much of the previous one the sliding window covers. */
	private record Window(Instant start, double previousWeight, Duration retryAfter) {

		static Window of(Instant now, Duration length) {
			long lengthMillis = length.toMillis();
			long startMillis = Math.floorDiv(now.toEpochMilli(), lengthMillis) * lengthMillis;
			long into = now.toEpochMilli() - startMillis;
			Duration left = Duration.ofMillis(lengthMillis - into);
			return new Window(Instant.ofEpochMilli(startMillis), 1.0 - (double) into / lengthMillis,
					Duration.ofSeconds(Math.max(1, (left.toMillis() + 999) / 1000)));
		}
	}
}
