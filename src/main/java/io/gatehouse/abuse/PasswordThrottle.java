package io.gatehouse.abuse;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.KeyedHash;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The password-failure throttle of PRODUCT.md 1.5, one counter per {@link Subject}. An attempt first
 * reserves its place in one atomic statement — the failure is counted and the next wait set before the
 * password is even compared — so fifty parallel guesses get no more tries than fifty sequential ones;
 * a success then deletes the row. Waiting adds no failures (LG-02): an attempt while blocked changes
 * nothing.
 */
@Service
public class PasswordThrottle {

	private static final String IDENTIFIER_PURPOSE = "throttle-identifier";

	private final JdbcClient jdbc;

	private final KeyedHash keyedHash;

	private final AbuseProperties properties;

	PasswordThrottle(JdbcClient jdbc, KeyedHash keyedHash, AbuseProperties properties) {
		this.jdbc = jdbc;
		this.keyedHash = keyedHash;
		this.properties = properties;
	}

	/** The account's own counter. */
	public Subject account(UUID accountId) {
		return new Subject("account:" + accountId, Subject.Kind.ACCOUNT);
	}

	/**
	 * The counter of an identifier that names no account: it fills and locks exactly like an account's,
	 * so the lock itself says nothing about whether the account exists (LG-03). Keyed on the canonical
	 * identifier, so spelling variants share it (LG-05).
	 */
	public Subject unknownIdentifier(String canonicalIdentifier) {
		return new Subject("identifier:" + HexFormat.of()
			.formatHex(this.keyedHash.hash(IDENTIFIER_PURPOSE, canonicalIdentifier)), Subject.Kind.ACCOUNT);
	}

	/** A browser that has signed in to the account before: its own small budget while the account is blocked. */
	public Subject device(UUID deviceId) {
		return new Subject("device:" + deviceId, Subject.Kind.DEVICE);
	}

	/** The subject's state now: how many failures, and whether attempts must wait. */
	public State state(Subject subject, Instant now) {
		return this.jdbc.sql("select failures, blocked_until from password_throttles where subject = ?")
			.param(subject.key())
			.query((rs, n) -> new State(rs.getInt("failures"), blockedUntil(rs.getTimestamp("blocked_until"), now),
					policy(subject).captchaAfter()))
			.optional()
			.orElse(State.CLEAR);
	}

	/**
	 * Reserves one attempt: counts it as a failure and sets the wait that follows, unless the subject is
	 * blocked now, or needs a CAPTCHA that was not solved.
	 *
	 * @return the failures counted with this attempt, or empty when the attempt may not happen now
	 */
	public Optional<Reservation> reserve(Subject subject, boolean captchaSolved, Instant now) {
		return reserve(subject, null, captchaSolved, now);
	}

	/**
	 * A password sign-in's reservation: as {@link #reserve(Subject, boolean, Instant)}, and refused as well
	 * while staff keep the account locked ({@link #lockUntilUnlocked}), in the same statement. An empty
	 * answer may therefore also mean that: ask {@link #lockedByStaff} before telling the attempt why.
	 *
	 * @param accountId the account the identifier names, if any
	 */
	Optional<Reservation> reserveForSignIn(Subject subject, @Nullable UUID accountId, boolean captchaSolved,
			Instant now) {
		return reserve(subject, accountId == null ? null : staffLock(accountId), captchaSolved, now);
	}

	private Optional<Reservation> reserve(Subject subject, @Nullable String unlessLocked, boolean captchaSolved,
			Instant now) {
		AbuseProperties.Throttle p = policy(subject);
		Map<String, Object> params = new HashMap<>();
		params.put("subject", subject.key());
		params.put("unlessLocked", unlessLocked);
		params.put("now", Timestamp.from(now));
		params.put("hardCap", p.hardCap());
		params.put("lockAfter", p.lockAfter());
		params.put("captchaAfter", p.captchaAfter());
		params.put("lockSeconds", p.lock().toSeconds());
		params.put("maxLockSeconds", p.maxLock().toSeconds());
		params.put("delaySeconds", p.delay().toSeconds());
		params.put("maxDelaySeconds", p.maxDelay().toSeconds());
		params.put("captchaSolved", captchaSolved || subject.kind() == Subject.Kind.DEVICE);
		return this.jdbc.sql(RESERVE).params(params).query((rs, n) -> {
			int failures = rs.getInt("failures");
			return new Reservation(subject, failures, failures == p.lockAfter(), failures >= p.hardCap(),
					blockedUntil(rs.getTimestamp("blocked_until"), now));
		}).optional();
	}

	/**
	 * Counts a failure and sets the wait after it, in one statement, unless the subject is blocked now, needs
	 * a CAPTCHA that was not solved, or (with {@code unlessLocked}) is under a staff lock.
	 */
	private static final String RESERVE = """
			insert into password_throttles (subject, failures, blocked_until, last_failure_at)
			select cast(:subject as text), 1, case when 1 >= :hardCap then 'infinity'::timestamptz
			                         when 1 >= :lockAfter then cast(:now as timestamptz) + :lockSeconds * interval '1 second'
			                         when 1 >= :captchaAfter then cast(:now as timestamptz) + :delaySeconds * interval '1 second' end,
			       cast(:now as timestamptz)
			 where not exists (select 1 from password_throttles where subject = cast(:unlessLocked as text))
			on conflict (subject) do update
			    set failures = password_throttles.failures + 1,
			        last_failure_at = :now,
			        blocked_until = case
			            when password_throttles.failures + 1 >= :hardCap then 'infinity'::timestamptz
			            when password_throttles.failures + 1 >= :lockAfter then cast(:now as timestamptz) + least(
			                :lockSeconds * power(2, least(password_throttles.failures + 1 - :lockAfter, 30)),
			                :maxLockSeconds) * interval '1 second'
			            when password_throttles.failures + 1 >= :captchaAfter then cast(:now as timestamptz) + least(
			                :delaySeconds * power(2, least(password_throttles.failures + 1 - :captchaAfter, 30)),
			                :maxDelaySeconds) * interval '1 second'
			        end
			    where (password_throttles.blocked_until is null or password_throttles.blocked_until <= :now)
			      and (password_throttles.failures < :captchaAfter or :captchaSolved)
			returning failures, blocked_until""";

	/**
	 * The streak is over, its failures forgotten.
	 *
	 * @return the count that was stored (a reservation made by the succeeding attempt included)
	 */
	public int clear(Subject subject) {
		return this.jdbc.sql("delete from password_throttles where subject = ? returning failures")
			.param(subject.key())
			.query(Integer.class)
			.optional()
			.orElse(0);
	}

	/**
	 * Locks the account's password sign-in until it is unlocked (by its owner through the unlock flow, or by
	 * staff): support's "lock" for an account they believe is under attack. Kept apart from the failure
	 * counter, so neither a right password, nor a reset, nor a known browser's own budget lifts it. False if
	 * it was locked so already.
	 */
	public boolean lockUntilUnlocked(UUID accountId, Instant now) {
		return this.jdbc.sql("""
				insert into password_throttles (subject, failures, blocked_until, last_failure_at)
				values (?, 0, 'infinity'::timestamptz, ?)
				on conflict (subject) do nothing""")
			.params(staffLock(accountId), Timestamp.from(now))
			.update() == 1;
	}

	/** Whether staff locked the account's password sign-in (and nobody has unlocked it since). */
	public boolean lockedByStaff(UUID accountId) {
		return this.jdbc.sql("select exists (select 1 from password_throttles where subject = ?)")
			.param(staffLock(accountId))
			.query(Boolean.class)
			.single();
	}

	private static String staffLock(UUID accountId) {
		return "staff-lock:" + accountId;
	}

	/**
	 * Ends any lock or wait on the account, after its owner proved themselves through the unlock flow (or
	 * staff unlocked it); false if there was none.
	 */
	public boolean unlock(UUID accountId) {
		return this.jdbc.sql("delete from password_throttles where subject in (?, ?)")
			.params(account(accountId).key(), staffLock(accountId))
			.update() > 0;
	}

	private AbuseProperties.Throttle policy(Subject subject) {
		return subject.kind() == Subject.Kind.DEVICE ? this.properties.deviceBudget() : this.properties.throttle();
	}

	private static @Nullable Instant blockedUntil(@Nullable Timestamp stored, Instant now) {
		if (stored == null) {
			return null;
		}
		// PostgreSQL's 'infinity' arrives as a far-future timestamp.
		Instant until = stored.getTime() >= 9_000_000_000_000_000L / 1000 ? Instant.MAX : stored.toInstant();
		return until.isAfter(now) ? until : null;
	}

	/** Whose failures a counter holds. The key is internal; it never leaves the server. */
	public record Subject(String key, Kind kind) {

		public enum Kind {
			ACCOUNT, DEVICE
		}
	}

	/**
	 * @param failures consecutive failures so far
	 * @param blockedUntil when attempts may resume, if they must wait now ({@link Instant#MAX}: until unlocked)
	 */
	public record State(int failures, @Nullable Instant blockedUntil, int captchaAfter) {

		static final State CLEAR = new State(0, null, Integer.MAX_VALUE);

		public boolean blocked() {
			return this.blockedUntil != null;
		}

		/** From the configured number of failures on, every attempt needs a solved CAPTCHA. */
		public boolean captchaRequired() {
			return this.failures >= this.captchaAfter;
		}

		/** How long until attempts may resume, rounded up to whole seconds; zero when not blocked. */
		public Duration retryAfter(Instant now) {
			if (this.blockedUntil == null) {
				return Duration.ZERO;
			}
			if (this.blockedUntil.equals(Instant.MAX)) {
				return Duration.ofDays(3650);
			}
			return Duration.ofSeconds((Duration.between(now, this.blockedUntil).toMillis() + 999) / 1000);
		}
	}

	/**
	 * @param failures the failures counted, this attempt included (until a success clears them)
	 * @param locksNow whether this attempt, if it fails, is the one that locks the subject
	 * @param hardCapReached whether this attempt reached the ceiling: only an unlock ends the lock
	 * @param blockedUntilIfFailed when attempts may resume if this one fails
	 */
	public record Reservation(Subject subject, int failures, boolean locksNow, boolean hardCapReached,
			@Nullable Instant blockedUntilIfFailed) {

		/** How long the next attempt must wait if this one fails, rounded up to whole seconds. */
		public @Nullable Duration waitIfFailed(Instant now) {
			State after = new State(this.failures, this.blockedUntilIfFailed, Integer.MAX_VALUE);
			return after.blocked() ? after.retryAfter(now) : null;
		}
	}
}
