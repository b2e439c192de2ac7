package io.gatehouse.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.geo.Geo;
import io.gatehouse.geo.Location;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.session.SessionEvents.SessionRevoked;
import io.gatehouse.session.SessionEvents.SessionStarted;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, validates and revokes sessions. A session token is 256 random bits, handed to the client
 * once and stored only as a keyed hash; every sign-in gets a new one, so a token planted before
 * sign-in (session fixation) is never valid.
 */
@Service
public class SessionService {

	static final String TOKEN_PURPOSE = "session";

	static final String DEVICE_PURPOSE = "device";

	static final String TOKEN_PREFIX = "ghs_";

	private static final int TOKEN_BYTES = 32;

	private final Sessions sessions;

	private final Devices devices;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	private final SessionProperties properties;

	private final ApplicationEventPublisher events;

	private final Geo geo;

	SessionService(Sessions sessions, Devices devices, KeyedHash keyedHash, Randomness randomness, Clock clock,
			SessionProperties properties, ApplicationEventPublisher events, Geo geo) {
		this.geo = geo;
		this.sessions = sessions;
		this.devices = devices;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
		this.properties = properties;
		this.events = events;
	}

	/**
	 * Starts a session for an account that has completed sign-in. Must run inside the caller's
	 * transaction, which also closes the sign-in flow.
	 *
	 * @param deviceToken the browser's device cookie, if it sent one
	 */
	@Transactional
	public IssuedSession start(UUID accountId, boolean rememberMe, @Nullable String deviceToken,
			RequestContext context) {
		Instant now = this.clock.instant();
		String ip = context.ip().toString();
		Location here = this.geo.locate(context.ip());
		String country = here.country();
		String city = here.city();
		String sessionToken = TOKEN_PREFIX + this.randomness.token(TOKEN_BYTES);
		byte[] sessionTokenHash = this.keyedHash.hash(TOKEN_PURPOSE, sessionToken);
		Duration lifetime = rememberMe ? this.properties.rememberMeTimeout() : this.properties.absoluteTimeout();
		UUID sessionId = this.randomness.uuid();
		String token = deviceToken != null && isWellFormed(deviceToken) ? deviceToken : null;
		Session session = null;
		if (token != null) {
			// A returning browser: it is marked as seen and its session inserted in one statement.
			session = this.sessions
				.insertOnKnownDevice(sessionId, accountId, this.keyedHash.hash(DEVICE_PURPOSE, token), ip, country,
						city, context.userAgent(), rememberMe, now, now.plus(lifetime), sessionTokenHash)
				.orElse(null);
		}
		boolean newDevice = session == null;
		if (token == null) {
			token = TOKEN_PREFIX + this.randomness.token(TOKEN_BYTES);
		}
		if (session == null) {
			Device fresh = new Device(this.randomness.uuid(), accountId, context.userAgent(), ip, ip, country, city, now,
					now);
			UUID deviceId = this.devices.insert(fresh, this.keyedHash.hash(DEVICE_PURPOSE, token));
			session = new Session(sessionId, accountId, deviceId, ip, country, city, context.userAgent(), rememberMe, now,
					now,
					now.plus(lifetime), null);
			this.sessions.insert(session, sessionTokenHash);
		}
		UUID deviceId = Objects.requireNonNull(session.deviceId());
		this.events.publishEvent(new SessionStarted(accountId, session.id(), deviceId, newDevice, rememberMe, context));
		return new IssuedSession(session.id(), sessionToken, deviceId, token, session.absoluteExpiresAt(), rememberMe,
				newDevice);
	}

	/**
	 * The session a token stands for, if it is live now. Marks it as used, at most once per touch
	 * interval, which is what extends the idle timeout.
	 */
	public Optional<Actor.Customer> authenticate(String token) {
		if (!isWellFormed(token)) {
			return Optional.empty();
		}
		Optional<Session> found = this.sessions.findByTokenHash(this.keyedHash.hash(TOKEN_PURPOSE, token));
		Instant now = this.clock.instant();
		if (found.isEmpty() || !found.get().isLiveAt(now, this.properties)) {
			return Optional.empty();
		}
		Session session = found.get();
		if (!now.isBefore(session.lastSeenAt().plus(this.properties.touchInterval()))) {
			this.sessions.touch(session.id(), now);
		}
		return Optional.of(new Actor.Customer(session.accountId(), session.id()));
	}

	/** The account's live sessions, most recently used first. */
	public List<Session> list(UUID accountId) {
		Instant now = this.clock.instant();
		return this.sessions.listUnrevoked(accountId, now).stream().filter(s -> s.isLiveAt(now, this.properties)).toList();
	}

	/**
	 * The device this token names for this account, if the browser has signed in to it before: its
	 * owner's own attempt budget while the account is locked (PRODUCT.md 1.5).
	 */
	public Optional<UUID> knownDevice(@Nullable String deviceToken, UUID accountId) {
		if (deviceToken == null || !mayName(deviceToken)) {
			return Optional.empty();
		}
		return this.devices.find(this.keyedHash.hash(DEVICE_PURPOSE, deviceToken), accountId);
	}

	private static boolean mayName(@Nullable String deviceToken) {
		return deviceToken != null && !deviceToken.isBlank() && deviceToken.length() <= 128;
	}

	/** The browsers and apps that have signed in to the account, most recently seen first. */
	public List<Device> devices(UUID accountId) {
		return this.devices.listForAccount(accountId);
	}

	/** Revokes one of the account's sessions; false if there is no such live session of this account. */
	@Transactional
	public boolean revoke(Actor.Customer by, UUID sessionId, String reason, RequestContext context) {
		boolean revoked = this.sessions.revoke(by.accountId(), sessionId, reason, this.clock.instant());
		if (revoked) {
			this.events.publishEvent(new SessionRevoked(by.accountId(), sessionId, reason, context));
		}
		return revoked;
	}

	/**
	 * Replaces the current session with a new one (new id, new token) that keeps its device, its
	 * remember-me choice and its absolute expiry, and ends the old one: after a step-up the privileges
	 * of the moment belong to a token nobody could have seen before.
	 */
	@Transactional
	public Optional<IssuedSession> rotate(Actor.Customer current, RequestContext context) {
		Instant now = this.clock.instant();
		Optional<Session> found = this.sessions.find(current.sessionId())
			.filter(s -> s.accountId().equals(current.accountId()) && s.isLiveAt(now, this.properties));
		if (found.isEmpty()) {
			return Optional.empty();
		}
		Session old = found.get();
		// Revoke first and only then create: of two concurrent rotations of one session, one finds it
		// already revoked and creates nothing, so a token never forks into two live sessions.
		if (!this.sessions.revoke(old.accountId(), old.id(), "rotated", now)) {
			return Optional.empty();
		}
		String token = TOKEN_PREFIX + this.randomness.token(TOKEN_BYTES);
		Location here = this.geo.locate(context.ip());
		Session next = new Session(this.randomness.uuid(), old.accountId(), old.deviceId(), context.ip().toString(),
				here.country(), here.city(), context.userAgent(), old.rememberMe(), old.createdAt(), now,
				old.absoluteExpiresAt(), null);
		this.sessions.insert(next, this.keyedHash.hash(TOKEN_PURPOSE, token));
		this.events.publishEvent(new SessionRevoked(old.accountId(), old.id(), "rotated", context));
		return Optional.of(new IssuedSession(next.id(), token, Objects.requireNonNull(old.deviceId()), "",
				old.absoluteExpiresAt(),
				old.rememberMe(), false));
	}

	/**
	 * Ends the session a browser still holds when it signs in again, so the replaced session does not
	 * stay alive on the server after its cookie is overwritten.
	 */
	@Transactional
	public void endReplaced(String token, RequestContext context) {
		authenticate(token).ifPresent(s -> revoke(s, s.sessionId(), "replaced_by_sign_in", context));
	}

	/** Revokes every other session of the account (every one, when {@code keep} is null); returns how many. */
	@Transactional
	public int revokeOthers(UUID accountId, @Nullable UUID keep, String reason, @Nullable RequestContext context) {
		List<UUID> revoked = this.sessions.revokeAllExcept(accountId, keep, reason, this.clock.instant());
		for (UUID id : revoked) {
			this.events.publishEvent(new SessionRevoked(accountId, id, reason, context));
		}
		return revoked.size();
	}

	/** Sessions that ended more than 30 days ago are deleted; their history stays in the security event log. */
	@Scheduled(fixedDelayString = "${gatehouse.session.cleanup-interval:PT1H}")
	void deleteOldSessions() {
		this.sessions.deleteEndedBefore(this.clock.instant().minus(Duration.ofDays(30)));
	}

	/** Whether the token has the shape of one we issue; anything else is not even looked up. */
	static boolean isWellFormed(String token) {
		return Randomness.isPrefixedToken(token, TOKEN_PREFIX);
	}

	/**
	 * A freshly started session. The token is shown to the client once and never stored.
	 *
	 * @param deviceToken the device cookie to (re)set in the browser
	 */
	public record IssuedSession(UUID sessionId, String token, UUID deviceId, String deviceToken, Instant expiresAt,
			boolean rememberMe, boolean newDevice) {

		@Override
		public String toString() {
			return "IssuedSession[" + this.sessionId + ", token=<redacted>, expiresAt=" + this.expiresAt + "]";
		}
	}
}
