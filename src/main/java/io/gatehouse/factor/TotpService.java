package io.gatehouse.factor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import io.gatehouse.crypto.SecretBox;
import io.gatehouse.factor.FactorEvents.SecondFactorFailed;
import io.gatehouse.factor.totp.Base32;
import io.gatehouse.factor.totp.Totp;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Authenticator apps (TOTP, RFC 6238: SHA-1, 6 digits, 30 s). The 160-bit seed is shown once, at
 * enrolment, and stored sealed. A code is accepted for steps T-1, T and T+1 (decision D3), and every
 * step can be used once: the factor's high-water mark moves with one conditional UPDATE, so a code
 * replayed in the same 30 s, even concurrently, fails. Failures count in the account's
 * {@link SecondFactorThrottle}, shared with backup codes.
 */
@Service
public class TotpService {

	static final int DIGITS = 6;

	static final int SECRET_BYTES = 20;

	/** How far a device clock may be off (in 30 s steps, either way) for the refusal to say so: 10 minutes. */
	static final int DRIFT_STEPS = 20;

	private final Factors factors;

	private final SecondFactorThrottle throttle;

	private final SecretBox box;

	private final Randomness randomness;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final FactorChanges changes;

	TotpService(Factors factors, SecondFactorThrottle throttle, SecretBox box, Randomness randomness, Clock clock,
			ApplicationEventPublisher events, TransactionTemplate tx, FactorChanges changes) {
		this.changes = changes;
		this.factors = factors;
		this.throttle = throttle;
		this.box = box;
		this.randomness = randomness;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	public boolean hasActive(UUID accountId) {
		return this.factors.hasActiveTotp(accountId);
	}

	/**
	 * Starts enrolment: a new seed, pending until one valid code confirms it.
	 *
	 * @param label how the account appears in the authenticator app (its email or phone)
	 */
	public EnrolmentResult start(UUID accountId, String label) {
		if (this.factors.hasActiveTotp(accountId)) {
			return new EnrolmentResult.Refused(FactorRejection.ALREADY_ENROLLED);
		}
		byte[] secret = this.randomness.bytes(SECRET_BYTES);
		UUID id = this.randomness.uuid();
		String base32 = Base32.encode(secret);
		try {
			this.tx.executeWithoutResult(s -> this.factors.insertPendingTotp(id, accountId,
					this.box.seal(base32, "totp:" + id), this.clock.instant()));
		}
		catch (DuplicateKeyException ex) {
			// A concurrent start for the same account won; this one is simply not created.
			return new EnrolmentResult.Refused(FactorRejection.ENROLMENT_IN_PROGRESS);
		}
		Arrays.fill(secret, (byte) 0);
		String uri = "otpauth://totp/" + encode("Gatehouse:" + label) + "?secret=" + base32
				+ "&issuer=Gatehouse&algorithm=SHA1&digits=6&period=30";
		return new EnrolmentResult.Started(new Enrolment(id, base32, uri));
	}

	/**
	 * Turns the authenticator app off (after step-up, checked by the caller): the factor and every backup
	 * code go, other sessions end, withdrawals cool down, and every channel is told.
	 */
	public boolean remove(Actor.Customer session, RequestContext context) {
		return Boolean.TRUE.equals(this.tx.execute(s -> {
			if (!this.factors.removeTotp(session.accountId())) {
				return false;
			}
			this.changes.removed(session, "totp", context);
			return true;
		}));
	}

	/** Confirms a pending enrolment with a current code; the factor is active from then on. */
	public Optional<Rejection> confirm(UUID accountId, UUID factorId, String code, RequestContext context) {
		Optional<Factors.StoredTotp> pending = this.factors.findTotp(accountId, "PENDING")
			.filter(f -> f.id().equals(factorId));
		if (pending.isEmpty()) {
			return Optional.of(FactorRejection.NO_SUCH_ENROLMENT);
		}
		Instant now = this.clock.instant();
		Match match = match(secretOf(pending.get()), code, now, -1);
		if (match.step() < 0) {
			return Optional.of(match.refusal());
		}
		Boolean activated = this.tx.execute(s -> {
			if (!this.factors.activate(factorId, accountId, match.step(), now)) {
				return false;
			}
			this.changes.enrolled(accountId, factorId, "totp", context);
			return true;
		});
		return Boolean.TRUE.equals(activated) ? Optional.empty() : Optional.of(FactorRejection.ALREADY_ENROLLED);
	}

	/**
	 * Verifies a code as the second step of a sign-in or for step-up. The attempt is counted, checked and
	 * (when right) its time step spent in one transaction: the counter's row lock makes parallel tries on one
	 * account take turns, each seeing the count the one before it left.
	 */
	public Optional<Rejection> verify(UUID accountId, String code, RequestContext context) {
		try {
			return check(accountId, code, context);
		}
		catch (RuntimeException ex) {
			// The attempt's count rolled back with everything else: count it on its own, so that no failure
			// further on can make tries free.
			try {
				this.throttle.reserve(accountId, this.clock.instant());
			}
			catch (RuntimeException alsoFailed) {
				ex.addSuppressed(alsoFailed);
			}
			throw ex;
		}
	}

	private Optional<Rejection> check(UUID accountId, String code, RequestContext context) {
		Optional<Rejection> refused = this.tx.execute(s -> {
			Instant now = this.clock.instant();
			OptionalInt attempt = this.throttle.reserve(accountId, now);
			if (attempt.isEmpty()) {
				return Optional.<Rejection>of(FactorRejection.TOO_MANY_FAILURES);
			}
			Optional<Factors.StoredTotp> active = this.factors.findTotp(accountId, "ACTIVE");
			if (active.isEmpty()) {
				return Optional.<Rejection>of(FactorRejection.CODE_INVALID);
			}
			Factors.StoredTotp factor = active.get();
			Match match = match(secretOf(factor), code, now, factor.lastUsedStep());
			if (match.step() >= 0 && this.factors.consumeStep(factor.id(), match.step(), now)) {
				this.throttle.succeed(accountId);
				return Optional.<Rejection>empty();
			}
			this.events.publishEvent(new SecondFactorFailed(accountId, "totp", match.step() >= 0 || match.reused(),
					attempt.getAsInt(), context));
			return Optional.<Rejection>of(match.step() >= 0 ? FactorRejection.CODE_INVALID : match.refusal());
		});
		return Objects.requireNonNull(refused);
	}

	private byte[] secretOf(Factors.StoredTotp factor) {
		return Base32.decode(this.box.open(factor.secret(), "totp:" + factor.id())).orElseThrow();
	}

	/**
	 * Compares the code with steps T-1, T and T+1, all of them, in constant time per step. A step at or
	 * below the high-water mark is reported as a reuse, never as a match. Spaces are tolerated; anything
	 * but exactly six digits matches nothing. The time is the server's; clients cannot supply one.
	 */
	static Match match(byte[] secret, String code, Instant now, long lastUsedStep) {
		String presented = code.replace(" ", "");
		if (presented.length() != DIGITS || !presented.chars().allMatch(c -> c >= '0' && c <= '9')) {
			return new Match(-1, false, 0);
		}
		byte[] presentedBytes = presented.getBytes(StandardCharsets.US_ASCII);
		long current = Totp.step(now);
		long matched = -1;
		boolean reused = false;
		for (long step = current - 1; step <= current + 1; step++) {
			boolean equal = MessageDigest.isEqual(presentedBytes,
					Totp.code(secret, step, DIGITS).getBytes(StandardCharsets.US_ASCII));
			if (equal && step > lastUsedStep) {
				matched = Math.max(matched, step);
			}
			else if (equal) {
				reused = true;
			}
		}
		return new Match(matched, reused, matched < 0 && !reused ? offset(secret, presentedBytes, current) : 0);
	}

	/** How far from now (in time steps, within ±10 minutes) the code would have been right, or 0. */
	private static int offset(byte[] secret, byte[] presented, long current) {
		for (int distance = 2; distance <= DRIFT_STEPS; distance++) {
			for (int sign : new int[] { -1, 1 }) {
				if (MessageDigest.isEqual(presented,
						Totp.code(secret, current + sign * distance, DIGITS).getBytes(StandardCharsets.US_ASCII))) {
					return sign * distance;
				}
			}
		}
		return 0;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** @param step the matched unused step, or -1 */
	/**
	 * @param step the accepted time step the code matched, or -1
	 * @param reused whether it matched a step already spent
	 * @param offsetSteps for a code that matched nothing accepted: the step (relative to now, within ±10
	 *        minutes) it would have matched, the sign of a device clock that is off; 0 when none
	 */
	record Match(long step, boolean reused, int offsetSteps) {

		/** The refusal of a code that matched nothing accepted: with the clock's drift when it shows one. */
		Rejection refusal() {
			return this.offsetSteps == 0 ? FactorRejection.CODE_INVALID : new TotpClockOff(this.offsetSteps);
		}
	}

	/** The seed, shown this once, and the otpauth URI for a QR code. */
	public record Enrolment(UUID factorId, String secret, String otpauthUri) {

		@Override
		public String toString() {
			return "Enrolment[" + this.factorId + ", secret=<redacted>]";
		}
	}

	public sealed interface EnrolmentResult {

		record Started(Enrolment enrolment) implements EnrolmentResult {
		}

		record Refused(Rejection rejection) implements EnrolmentResult {
		}
	}
}
