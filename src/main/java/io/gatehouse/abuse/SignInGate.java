package io.gatehouse.abuse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The abuse defences in front of a password sign-in (PRODUCT.md 1.5), as one decision: whether this
 * attempt may have its password compared now, and if not, why. The order of the checks is the policy:
 * <ol>
 * <li>a client from an operator-listed anonymizer network, or one without a device token during a
 * credential-stuffing wave, solves a CAPTCHA first (decided before anything is looked up, so bots cost the
 * least while a wave lasts);</li>
 * <li>what was typed is looked up; an identifier that cannot name an account is checked against the
 * network's limit only;</li>
 * <li>a CAPTCHA that was sent must be valid, for this action, once; during a wave, a browser that has not
 * signed in to the account before must send one;</li>
 * <li>the address and its subnet must be under their sign-in limit (the same for every identifier,
 * EN-04);</li>
 * <li>a staff lock refuses the password sign-in from any browser;</li>
 * <li>the identifier's counter reserves the attempt (counted as a failure until it succeeds, so parallel
 * guesses get no more tries than sequential ones); when it refuses, a browser that signed in to the
 * account before tries its own small budget (LG-08);</li>
 * <li>otherwise the attempt waits, is locked, or needs a CAPTCHA, as the counter says.</li>
 * </ol>
 * Unknown identifiers have counters too, so none of the answers tells whether an account exists (LG-03).
 */
@Service
public class SignInGate {

	private final PasswordThrottle throttle;

	private final RateLimits rateLimits;

	private final CaptchaService captchas;

	private final StuffingDetector stuffing;

	private final AbuseProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SignInGate(PasswordThrottle throttle, RateLimits rateLimits, CaptchaService captchas, StuffingDetector stuffing,
			AbuseProperties properties, ApplicationEventPublisher events, Clock clock) {
		this.clock = clock;
		this.throttle = throttle;
		this.rateLimits = rateLimits;
		this.captchas = captchas;
		this.stuffing = stuffing;
		this.properties = properties;
		this.events = events;
	}

	/** Whether a credential-stuffing wave is on, so browsers without a known device should solve a CAPTCHA. */
	public boolean captchaForUnknownDevices() {
		return this.stuffing.active();
	}

	/**
	 * Decides whether the attempt may go ahead. An allowed attempt has reserved its place: report how it
	 * ended with {@link #failed} or {@link #succeeded} (or {@link #release} when it was no guess).
	 */
	public AttemptDecision admit(PasswordAttempt attempt) {
		Instant now = this.clock.instant();
		boolean noCaptcha = attempt.captcha() == null || attempt.captcha().isBlank();
		boolean underAttack = this.stuffing.active();
		if (noCaptcha && attempt.captchaPolicy().wants(attempt.showsDeviceToken(), underAttack)) {
			// What the request alone shows asks for one (an anonymising network; no device token during a wave):
			// turned away before anything is looked up or counted.
			return new AttemptDecision.CaptchaRequired(AbuseRejection.CAPTCHA_REQUIRED);
		}
		Named named = attempt.lookup().get();
		if (named.identifier() == null) {
			// Names nothing that can be counted: the network's limit is all there is to check.
			return this.rateLimits.exceeded(LimitedAction.SIGN_IN, attempt.ip())
				.<AttemptDecision>map(AttemptDecision.RateLimited::new)
				.orElseGet(() -> new AttemptDecision.Allowed(null));
		}
		if (!noCaptcha) {
			Optional<Rejection> refused = this.captchas.verify(attempt.captcha(), CaptchaAction.SIGN_IN, attempt.ip());
			if (refused.isPresent()) {
				return new AttemptDecision.CaptchaRequired(refused.get());
			}
		}
		else if (attempt.captchaPolicy().wants(named.knownDevice() != null, underAttack)) {
			// The token names no device of this account (an address with no account has none either): the same
			// answer for both, and before the password is checked.
			return new AttemptDecision.CaptchaRequired(AbuseRejection.CAPTCHA_REQUIRED);
		}
		Optional<Duration> limited = this.rateLimits.exceeded(LimitedAction.SIGN_IN, attempt.ip());
		if (limited.isPresent()) {
			return new AttemptDecision.RateLimited(limited.get());
		}
		PasswordThrottle.Subject subject = named.accountId() != null ? this.throttle.account(named.accountId())
				: this.throttle.unknownIdentifier(named.identifier());
		Optional<PasswordThrottle.Reservation> reserved = this.throttle.reserveForSignIn(subject, named.accountId(),
				!noCaptcha, now);
		if (reserved.isPresent()) {
			return new AttemptDecision.Allowed(new Reservation(reserved.get()));
		}
		if (named.accountId() != null && this.throttle.lockedByStaff(named.accountId())) {
			return new AttemptDecision.Locked(null, false);
		}
		PasswordThrottle.Subject refusing = subject;
		if (named.knownDevice() != null) {
			refusing = this.throttle.device(named.knownDevice());
			reserved = this.throttle.reserve(refusing, true, now);
			if (reserved.isPresent()) {
				return new AttemptDecision.Allowed(new Reservation(reserved.get()));
			}
		}
		PasswordThrottle.State state = this.throttle.state(refusing, now);
		if (!state.blocked()) {
			return new AttemptDecision.CaptchaRequired(AbuseRejection.CAPTCHA_REQUIRED);
		}
		AbuseProperties.Throttle policy = refusing.kind() == PasswordThrottle.Subject.Kind.DEVICE
				? this.properties.deviceBudget() : this.properties.throttle();
		boolean locked = state.blockedUntil() == Instant.MAX || state.failures() >= policy.lockAfter();
		return locked ? new AttemptDecision.Locked(state.retryAfter(now), state.captchaRequired())
				: new AttemptDecision.Delayed(state.retryAfter(now), state.captchaRequired());
	}

	/**
	 * The password was wrong (or the account may not sign in): the network's failure count grows, and when
	 * this failure locked the account its owner is told. Call inside the transaction that records the
	 * failure.
	 *
	 * @param reservation the attempt's reservation; null when its identifier named nothing
	 * @param accountId the account the identifier names, if any
	 */
	public FailureCounted failed(@Nullable Reservation reservation, @Nullable UUID accountId, RequestContext context) {
		Instant now = this.clock.instant();
		this.rateLimits.record(LimitedAction.SIGN_IN, context.ip());
		if (reservation == null) {
			return new FailureCounted(null, false);
		}
		PasswordThrottle.Reservation counted = reservation.counted;
		if (accountId != null && counted.subject().kind() == PasswordThrottle.Subject.Kind.ACCOUNT
				&& (counted.locksNow() || counted.hardCapReached())) {
			Instant until = Objects.requireNonNullElse(counted.blockedUntilIfFailed(), now);
			this.events.publishEvent(new AbuseEvents.AccountLocked(accountId, counted.failures(), until, context));
		}
		return new FailureCounted(counted.waitIfFailed(now), counted.failures() >= this.properties.throttle().captchaAfter());
	}

	/**
	 * The password was right: the streak is over, for the account and for the browser's own budget.
	 *
	 * @return the failures in a row before this attempt
	 */
	public int succeeded(Reservation reservation, UUID accountId) {
		PasswordThrottle.Reservation counted = reservation.counted;
		// The succeeding attempt's own reservation is not a failure.
		int failures = counted.failures() - 1;
		this.throttle.clear(counted.subject());
		if (counted.subject().kind() == PasswordThrottle.Subject.Kind.DEVICE) {
			failures = Math.max(failures, this.throttle.clear(this.throttle.account(accountId)));
		}
		return failures;
	}

	/** The attempt was no guess (the right password on a frozen account): its reservation is taken back. */
	public void release(Reservation reservation) {
		this.throttle.clear(reservation.counted.subject());
	}

	/**
	 * What a password attempt brings to the gate.
	 *
	 * @param showsDeviceToken whether the client sent a device token at all
	 * @param captchaPolicy whether the operator's captcha policies ask this attempt for a CAPTCHA
	 * @param lookup what the attempt names, looked up only once the first checks let it through
	 */
	public record PasswordAttempt(ClientIp ip, @Nullable String captcha, boolean showsDeviceToken,
			CaptchaPolicy captchaPolicy, Supplier<Named> lookup) {

		@Override
		public String toString() {
			return "PasswordAttempt[" + this.ip + "]";
		}
	}

	/**
	 * The operator's captcha policies for one attempt (the risk engine's, decided from the request alone): whether
	 * a client whose device token does or does not name a device of the account must solve a CAPTCHA, given whether
	 * a credential-stuffing wave is on.
	 */
	@FunctionalInterface
	public interface CaptchaPolicy {

		CaptchaPolicy NEVER = (knownDevice, underAttack) -> false;

		boolean wants(boolean knownDevice, boolean underAttack);
	}

	/**
	 * What an attempt names.
	 *
	 * @param identifier the canonical identifier, or null when what was typed cannot name an account
	 * @param accountId the account it names, if any
	 * @param knownDevice the account's device that the client's device token names, if any
	 */
	public record Named(@Nullable String identifier, @Nullable UUID accountId, @Nullable UUID knownDevice) {
	}

	/** An admitted attempt's place in the counters; opaque outside this module. */
	public static final class Reservation {

		private final PasswordThrottle.Reservation counted;

		Reservation(PasswordThrottle.Reservation counted) {
			this.counted = counted;
		}

		/** Consecutive failures before this attempt. */
		public int failuresBefore() {
			return Math.max(0, this.counted.failures() - 1);
		}
	}

	/**
	 * @param retryAfter how long the next attempt must wait, when this failure set a wait
	 * @param captchaNext whether the next attempt must come with a solved CAPTCHA
	 */
	public record FailureCounted(@Nullable Duration retryAfter, boolean captchaNext) {
	}

	/** The gate's answer, one kind per reason. */
	public sealed interface AttemptDecision {

		/** @param reservation the attempt's place in the counters; null when its identifier named nothing */
		record Allowed(@Nullable Reservation reservation) implements AttemptDecision {
		}

		/** @param reason {@code captcha_required}, or why the CAPTCHA that was sent failed */
		record CaptchaRequired(Rejection reason) implements AttemptDecision {
		}

		/** The address or its subnet is over its sign-in limit. */
		record RateLimited(Duration retryAfter) implements AttemptDecision {
		}

		/** The counter set a wait after failures; the next attempt may also need a CAPTCHA. */
		record Delayed(Duration retryAfter, boolean captchaRequired) implements AttemptDecision {
		}

		/** Locked after too many failures ({@code retryAfter} until it ends), or by staff (null). */
		record Locked(@Nullable Duration retryAfter, boolean captchaRequired) implements AttemptDecision {
		}
	}
}
