package io.gatehouse.factor;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one failure counter all second factors and step-up checks of an account share (TO-06, BC-04):
 * it survives new sign-in flows and resends (LG-10). Every attempt reserves its place first, in one
 * atomic statement, and only then is the code compared — so a burst of parallel guesses cannot all
 * slip in before the first failure is counted. Five failures are free; then attempts wait 5 minutes,
 * doubling with each further failure up to 80 minutes; after 100 no attempt is accepted until the
 * account is recovered. A success clears the count.
 */
@Component
class SecondFactorThrottle {

	static final int FREE_FAILURES = 5;

	static final int HARD_CAP = 100;

	private final JdbcClient jdbc;

	SecondFactorThrottle(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Reserves one attempt, counting it as a failure until {@link #succeed} clears the count.
	 *
	 * @return the attempt's number in the current streak, or empty if attempts must wait now
	 */
	OptionalInt reserve(UUID accountId, Instant now) {
		return this.jdbc.sql("""
				insert into factor_failures (account_id, consecutive, last_failed_at) values (?, 1, ?)
				on conflict (account_id) do update
				    set consecutive = factor_failures.consecutive + 1, last_failed_at = excluded.last_failed_at
				    where factor_failures.consecutive < ?
				      and (factor_failures.consecutive < ?
				           or factor_failures.last_failed_at
				              + interval '5 minutes' * power(2, least(factor_failures.consecutive - ?, 4)) <= ?)
				returning consecutive""")
			.params(accountId, Timestamp.from(now), HARD_CAP, FREE_FAILURES, FREE_FAILURES, Timestamp.from(now))
			.query(Integer.class)
			.optional()
			.map(OptionalInt::of)
			.orElse(OptionalInt.empty());
	}

	void succeed(UUID accountId) {
		this.jdbc.sql("delete from factor_failures where account_id = ?").param(accountId).update();
	}
}
