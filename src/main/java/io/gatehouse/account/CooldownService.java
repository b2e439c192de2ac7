package io.gatehouse.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security cooldowns (decision D10): a security change locks withdrawals for a while, so that whoever
 * made it, if not the owner, cannot take the money straight away. 24 hours by default; a new trigger
 * extends the lock to the later of the two ends, and nothing shortens it. The money side enforces it.
 */
@Service
public class CooldownService {

	public static final Duration SECURITY_CHANGE = Duration.ofHours(24);

	/** The trigger a lost-factor recovery's completion starts the lock with. */
	public static final String LOST_FACTOR_RECOVERY = "lost_factor_recovery";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	CooldownService(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/** Starts or extends the lock, inside the caller's transaction; returns its new end. */
	@Transactional(propagation = Propagation.MANDATORY)
	public Instant start(UUID accountId, Duration duration, String reason, @Nullable RequestContext context) {
		Instant until = this.clock.instant().plus(duration);
		Instant end = this.jdbc.sql("""
				update accounts set withdrawals_locked_until = greatest(coalesce(withdrawals_locked_until, ?), ?)
				where id = ? returning withdrawals_locked_until""")
			.params(Timestamp.from(until), Timestamp.from(until), accountId)
			.query(Timestamp.class)
			.single()
			.toInstant();
		this.events.publishEvent(new SecurityCooldownStarted(accountId, end, reason, context));
		return end;
	}

	/** When withdrawals unlock, if they are locked now. */
	public Optional<Instant> lockedUntil(UUID accountId) {
		Instant now = this.clock.instant();
		return this.jdbc.sql("select withdrawals_locked_until from accounts where id = ?")
			.param(accountId)
			.query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
			.optional()
			.flatMap(o -> o)
			.filter(now::isBefore);
	}

	/** @param reason what started it: {@code password_changed}, {@code factor_enrolled}, … */
	public record SecurityCooldownStarted(UUID accountId, Instant until, String reason,
			@Nullable RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "security_cooldown_started";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("until", this.until.toString(), "trigger", this.reason);
		}
	}
}
