package io.gatehouse.kucoin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * KuCoin-style rate limits per key and per address (table {@code kucoin_rate_hits}): fixed windows, one
 * counting statement per check, shared by every node. The answer carries what KuCoin's
 * {@code gw-ratelimit-limit}, {@code -remaining} and {@code -reset} headers say.
 */
@Service
public class KucoinRateLimits {

	private final JdbcClient jdbc;

	private final KucoinProperties properties;

	private final Clock clock;

	KucoinRateLimits(JdbcClient jdbc, KucoinProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @param remaining what is left of the budget after this request (0 when over it)
	 * @param resetMillis until the window ends
	 */
	public record Budget(int limit, int remaining, long resetMillis, boolean exceeded) {
	}

	public Budget key(String apiKey) {
		return hit("key:" + apiKey, this.properties.keyLimit());
	}

	public Budget address(String ip) {
		return hit("ip:" + ip, this.properties.ipLimit());
	}

	/** Counts one request in the bucket's current window against the limit. */
	Budget hit(String bucket, int limit) {
		Instant now = this.clock.instant();
		long window = this.properties.rateWindow().toMillis();
		long start = Math.floorDiv(now.toEpochMilli(), window) * window;
		int hits = this.jdbc.sql("""
				insert into kucoin_rate_hits (bucket, window_start, hits) values (?, ?, 1)
				on conflict (bucket, window_start) do update set hits = kucoin_rate_hits.hits + 1 returning hits""")
			.params(bucket, new Timestamp(start))
			.query(Integer.class)
			.single();
		return new Budget(limit, Math.max(0, limit - hits), start + window - now.toEpochMilli(), hits > limit);
	}

	@Scheduled(fixedDelayString = "PT1M")
	void deleteOld() {
		this.jdbc.sql("delete from kucoin_rate_hits where window_start < ?")
			.param(Timestamp.from(this.clock.instant().minus(Duration.ofMinutes(5))))
			.update();
	}
}
