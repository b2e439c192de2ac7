package io.gatehouse.factor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.PasswordCheck;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection.Kind;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.session.SessionService.IssuedSession;
import io.gatehouse.session.SessionService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step-up ("security verification") before a sensitive action. The server, not the client, decides
 * the proof: one of the account's strong factors (a passkey with user verification, or the
 * authenticator app's code) when it has one, otherwise the password (SU-03). A proof
 * is bound to the account, the session, the action and a hash of the action's parameters (SU-02), is
 * valid for five minutes, and is consumed by one conditional UPDATE. The session rotates when a proof
 * is issued, and the proof belongs to the new session.
 */
@Service
public class StepUp {

	static final Duration VALIDITY = Duration.ofMinutes(5);

	private static final String PURPOSE = "step-up";

	private final FactorResetService factorResets;

	private final TotpService totp;

	private final PasskeyAssertions passkeys;

	private final SecondFactorService secondFactors;

	private final PasswordCheck passwords;

	private final SessionService sessions;

	private final JdbcClient jdbc;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final SecondFactorThrottle throttle;

	StepUp(FactorResetService factorResets, TotpService totp, PasskeyAssertions passkeys, SecondFactorService secondFactors, PasswordCheck passwords, SessionService sessions, JdbcClient jdbc, KeyedHash keyedHash,
			Randomness randomness, Clock clock, ApplicationEventPublisher events, TransactionTemplate tx,
			SecondFactorThrottle throttle) {
		this.throttle = throttle;
		this.factorResets = factorResets;
		this.totp = totp;
		this.passkeys = passkeys;
		this.secondFactors = secondFactors;
		this.passwords = passwords;
		this.sessions = sessions;
		this.jdbc = jdbc;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	/** What this account must present: the strongest factor it has. */
	public String requiredFactor(UUID accountId) {
		return allowedFactors(accountId).getFirst();
	}

	/**
	 * The proofs this account may present, strongest first: its strong factors when it has any (any one
	 * of them will do), otherwise the password. SMS is never among them.
	 */
	public List<String> allowedFactors(UUID accountId) {
		List<String> strong = this.secondFactors.strong(accountId)
			.stream()
			.map(SecondFactorService.Kind::wireName)
			.toList();
		return strong.isEmpty() ? List.of("password") : strong;
	}

	/**
	 * Verifies the required proof and issues a step-up proof for one action with these parameters.
	 *
	 * @param code the authenticator code, when the account has one
	 * @param password the current password, when it has no strong factor (and, for removing a factor, as well)
	 * @param passkey a passkey's answer to {@link PasskeyService#stepUpOptions}, when the account has one
	 */
	public Result verify(Actor.Customer session, StepUpAction action, Map<String, String> params, @Nullable String code,
			@Nullable String password, @Nullable PasskeyAnswer passkey, RequestContext context) {
		if (!action.enrolsStrongFactor() && this.factorResets.enrolmentRequired(session.accountId())) {
			// After a lost-factor recovery, nothing sensitive happens until a new passkey or app is set up.
			return new Result.Refused(StepUpRejection.FACTOR_ENROLMENT_REQUIRED);
		}
		byte[] paramsHash = paramsHash(params);
		List<String> allowed = allowedFactors(session.accountId());
		String required = allowed.getFirst();
		Optional<Rejection> refused;
		if (allowed.contains("passkey") && passkey != null) {
			required = "passkey";
			refused = switch (this.passkeys.verifyStepUp(session, passkey.challengeId(), passkey.response(), context)) {
				case PasskeyService.Verified.Ok ok -> Optional.empty();
				case PasskeyService.Verified.Refused r -> Optional.of(r.rejection());
			};
		}
		else if (allowed.contains("totp") && code != null && !code.isBlank()) {
			required = "totp";
			refused = this.totp.verify(session.accountId(), code, context);
		}
		else if (allowed.contains("password")) {
			refused = checkPassword(session, password);
		}
		else {
			refused = Optional.of(StepUpRejection.FACTOR_NOT_ALLOWED);
		}
		if (refused.isEmpty() && action.needsPasswordToo() && !"password".equals(required)) {
			refused = checkPassword(session, password);
		}
		if (refused.isPresent()) {
			Rejection rejection = refused.get();
			this.tx.executeWithoutResult(s -> this.events.publishEvent(new StepUpEvents.StepUpFailed(session.accountId(),
					session.sessionId(), action.wireName(), rejection.code(), context)));
			return new Result.Refused(rejection);
		}
		Instant now = this.clock.instant();
		String factor = required;
		String proof = "ghp_" + this.randomness.token(32);
		return this.tx.execute(s -> {
			Optional<IssuedSession> rotated = this.sessions.rotate(session, context);
			if (rotated.isEmpty()) {
				s.setRollbackOnly();
				return new Result.Refused(StepUpRejection.PROOF_INVALID);
			}
			this.jdbc.sql("""
					insert into step_up_proofs (id, account_id, session_id, action, params_hash, token_hash, created_at,
					    expires_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(this.randomness.uuid(), session.accountId(), rotated.get().sessionId(), action.name(),
						paramsHash, this.keyedHash.hash(PURPOSE, proof), Timestamp.from(now),
						Timestamp.from(now.plus(VALIDITY)))
				.update();
			this.events.publishEvent(new StepUpEvents.StepUpSucceeded(session.accountId(), rotated.get().sessionId(),
					action.wireName(), factor, context));
			return new Result.Verified(proof, now.plus(VALIDITY), rotated.get());
		});
	}

	/**
	 * For a page that does step-up and the action in one request: verifies the proof the server asks for and
	 * spends it on this action at once. The session rotates either way the proof is issued; the caller moves
	 * the browser to {@link Spent#session()}.
	 */
	public Spent verifyAndSpend(Actor.Customer session, StepUpAction action, Map<String, String> params,
			@Nullable String code, @Nullable String password, @Nullable PasskeyAnswer passkey, RequestContext context) {
		return switch (verify(session, action, params, code, password, passkey, context)) {
			case Result.Refused refused -> new Spent(null, session, refused.rejection());
			case Result.Verified verified -> {
				Actor.Customer rotated = new Actor.Customer(session.accountId(), verified.session().sessionId());
				yield new Spent(verified.session(), rotated,
						consume(rotated, action, params, verified.proof()).orElse(null));
			}
		};
	}

	/**
	 * @param issued the rotated session the browser must switch to, when a proof was issued
	 * @param session the session that holds the browser after this (rotated, or the old one)
	 * @param refused why the action may not go ahead, or null when the proof was issued and spent
	 */
	public record Spent(@Nullable IssuedSession issued, Actor.Customer session, @Nullable Rejection refused) {

		public boolean ok() {
			return this.refused == null;
		}
	}

	/** A password check that counts in the account's throttle, so a stolen session cannot guess it freely. */
	private Optional<Rejection> checkPassword(Actor.Customer session, @Nullable String password) {
		if (this.throttle.reserve(session.accountId(), this.clock.instant()).isEmpty()) {
			return Optional.of(FactorRejection.TOO_MANY_FAILURES);
		}
		if (password == null || !this.passwords.matches(session.accountId(), password)) {
			return Optional.of(StepUpRejection.PASSWORD_INCORRECT);
		}
		this.throttle.succeed(session.accountId());
		return Optional.empty();
	}

	/** Deletes proofs that expired a day ago; they can never be used. */
	@Scheduled(fixedDelayString = "${gatehouse.step-up.cleanup-interval:PT1H}")
	void deleteExpiredProofs() {
		this.jdbc.sql("delete from step_up_proofs where expires_at < ?")
			.param(Timestamp.from(this.clock.instant().minus(Duration.ofDays(1))))
			.update();
	}

	/**
	 * Consumes a proof for exactly this session, action and parameters. Missing, expired, used, or made
	 * for anything else: the same refusal.
	 */
	public Optional<Rejection> consume(Actor.Customer session, StepUpAction action, Map<String, String> params,
			@Nullable String proof) {
		if (proof == null || proof.isBlank() || proof.length() > 100) {
			return Optional.of(StepUpRejection.PROOF_INVALID);
		}
		Instant now = this.clock.instant();
		int used = this.jdbc.sql("""
				update step_up_proofs set used_at = ?
				where token_hash = ? and account_id = ? and session_id = ? and action = ? and params_hash = ?
				  and used_at is null and expires_at > ?""")
			.params(Timestamp.from(now), this.keyedHash.hash(PURPOSE, proof), session.accountId(), session.sessionId(),
					action.name(), paramsHash(params), Timestamp.from(now))
			.update();
		return used == 1 ? Optional.empty() : Optional.of(StepUpRejection.PROOF_INVALID);
	}

	/**
	 * SHA-256 over the parameters in key order, each length-prefixed, so different parameters never
	 * collide. Null keys or values are refused (as bad input, before any factor is spent).
	 */
	static byte[] paramsHash(Map<String, String> params) {
		if (params.size() > 20 || params.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null
				|| e.getKey().length() > 64 || e.getValue().length() > 1024)) {
			throw new IllegalArgumentException("step-up parameters must be at most 20 non-null short strings");
		}
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
				for (String part : new String[] { e.getKey(), e.getValue() }) {
					byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
					sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
					sha.update((byte) ':');
					sha.update(bytes);
				}
			}
			return sha.digest();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A passkey's answer to a step-up challenge. */
	public record PasskeyAnswer(UUID challengeId, String response) {

		/** The answer passkey.js put into a step-up form's hidden fields, if any. */
		public static @Nullable PasskeyAnswer fromForm(@Nullable String challengeId, @Nullable String credential) {
			if (challengeId == null || credential == null || challengeId.isBlank() || credential.isBlank()) {
				return null;
			}
			try {
				return new PasskeyAnswer(UUID.fromString(challengeId), credential);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
	}

	public sealed interface Result {

		/** @param session the rotated session: its token replaces the one the client had */
		record Verified(String proof, Instant expiresAt, IssuedSession session) implements Result {

			@Override
			public String toString() {
				return "Verified[proof=<redacted>, expiresAt=" + this.expiresAt + "]";
			}
		}

		record Refused(Rejection rejection) implements Result {
		}
	}
}
