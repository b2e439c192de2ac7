package io.gatehouse.abuse;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credential-stuffing detector (LG-06). Every few seconds one node (whichever takes the advisory
 * lock) counts password outcomes across all accounts over the recent window, from the security event
 * log; when failures pass both the volume and the ratio threshold, it raises the alarm in PostgreSQL
 * for every node: unknown devices must then solve a CAPTCHA until the wave has subsided. Tripping and
 * subsiding are security events; {@code gatehouse.abuse.stuffing.active} shows the state.
 */
@Service
class StuffingDetector {

	static final String ALARM = "credential_stuffing";

	/** How long a node trusts what it last read of the alarm. */
	private static final Duration READ_CACHE = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final AbuseProperties.Stuffing settings;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Counter trips;

	private volatile Cached cached = new Cached(Instant.MIN, null);

	StuffingDetector(JdbcClient jdbc, Clock clock, AbuseProperties properties, ApplicationEventPublisher events,
			TransactionTemplate tx, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.settings = properties.stuffing();
		this.events = events;
		this.tx = tx;
		this.trips = Counter.builder("gatehouse.abuse.stuffing.trips")
			.description("Times the credential-stuffing alarm was raised")
			.register(meters);
		Gauge.builder("gatehouse.abuse.stuffing.active", this, d -> d.active() ? 1 : 0)
			.description("1 while a credential-stuffing wave is on and unknown devices must solve a CAPTCHA")
			.register(meters);
	}

	/** Whether a wave is on now: unknown devices must solve a CAPTCHA. */
	public boolean active() {
		Instant now = this.clock.instant();
		Cached seen = this.cached;
		if (now.isBefore(seen.readAt().plus(READ_CACHE)) && !now.isBefore(seen.readAt())) {
			return seen.activeUntil() != null && now.isBefore(seen.activeUntil());
		}
		Instant until = this.jdbc.sql("select active_until from abuse_alarms where name = ?")
			.param(ALARM)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant)
			.orElse(null);
		this.cached = new Cached(now, until);
		return until != null && now.isBefore(until);
	}

	/** Counts the recent window and raises, renews or ends the alarm. */
	@Scheduled(fixedDelayString = "${gatehouse.abuse.stuffing.interval:PT10S}")
	public void evaluate() {
		Instant now = this.clock.instant();
		this.tx.executeWithoutResult(status -> {
			boolean mine = this.jdbc.sql("select pg_try_advisory_xact_lock(hashtext('gatehouse:stuffing-detector'))")
				.query(Boolean.class)
				.single();
			if (!mine) {
				return;
			}
			Counts counts = count(now.minus(this.settings.window()), now);
			Optional<Alarm> alarm = this.jdbc
				.sql("select tripped_at, active_until from abuse_alarms where name = ? for update")
				.param(ALARM)
				.query((rs, n) -> new Alarm(rs.getTimestamp("tripped_at").toInstant(),
						rs.getTimestamp("active_until").toInstant()))
				.optional();
			boolean wave = counts.failures() >= this.settings.minFailures()
					&& counts.failures() >= this.settings.failureRatio() * counts.attempts();
			if (wave) {
				Instant until = now.plus(this.settings.holdFor());
				boolean newWave = alarm.isEmpty() || !now.isBefore(alarm.get().activeUntil());
				this.jdbc.sql("""
						insert into abuse_alarms (name, tripped_at, active_until, attempts, failures) values (?, ?, ?, ?, ?)
						on conflict (name) do update set active_until = excluded.active_until,
						    attempts = excluded.attempts, failures = excluded.failures,
						    tripped_at = case when ? then excluded.tripped_at else abuse_alarms.tripped_at end""")
					.params(ALARM, Timestamp.from(now), Timestamp.from(until), counts.attempts(), counts.failures(),
							newWave)
					.update();
				if (newWave) {
					this.trips.increment();
					this.events.publishEvent(
							new AbuseEvents.CredentialStuffingDetected(counts.attempts(), counts.failures(), until));
				}
				this.cached = new Cached(now, until);
			}
			else if (alarm.isPresent() && !now.isBefore(alarm.get().activeUntil())) {
				this.jdbc.sql("delete from abuse_alarms where name = ?").param(ALARM).update();
				this.events.publishEvent(new AbuseEvents.CredentialStuffingSubsided(alarm.get().trippedAt()));
				this.cached = new Cached(now, null);
			}
		});
	}

	private Counts count(Instant since, Instant now) {
		return this.jdbc.sql("""
				select count(*) filter (where type = 'sign_in_failed') as failures,
				       count(*) as attempts
				  from security_events
				 where type in ('sign_in_failed', 'sign_in_password_verified', 'sign_in_succeeded')
				   and (type <> 'sign_in_succeeded' or factor = 'password')
				   and occurred_at > ? and occurred_at <= ?""")
			.params(Timestamp.from(since), Timestamp.from(now))
			.query((rs, n) -> new Counts(rs.getInt("attempts"), rs.getInt("failures")))
			.single();
	}

	private record Counts(int attempts, int failures) {
	}

	private record Alarm(Instant trippedAt, Instant activeUntil) {
	}

	private record Cached(Instant readAt, @Nullable Instant activeUntil) {
	}
}
