package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.SignInGate.AttemptDecision;
import io.gatehouse.abuse.SignInGate;
import io.gatehouse.account.Account;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PasswordCheck;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.password.Passwords;
import io.gatehouse.risk.RiskEngine;
import io.gatehouse.session.SessionService;
import io.gatehouse.signin.SignInEvents.SignInAfterFailures;

import org.springframework.stereotype.Component;

/**
 * The identify-and-password step. Unknown identifier, wrong password and an account that may not sign
 * in all give the same answer, after the same Argon2id work (EN-01); the abuse gate decides first
 * whether the password may be compared at all (PRODUCT.md 1.5).
 */
@Component
class PasswordStep {

	/** After this many failures, a successful sign-in is reported to the owner (LG-04). */
	static final int FAILURES_WORTH_TELLING = 3;

	/** The account id an unknown identifier's reads are made for: no account has it. */
	private static final UUID NO_ACCOUNT = new UUID(0, 0);

	private final PasswordCheck passwords;

	private final SignInGate gate;

	private final SessionService sessions;

	private final RiskEngine risk;

	private final AfterFirstFactor next;

	private final SecondFactorStep secondFactor;

	private final SignInOutcomes outcomes;

	PasswordStep(PasswordCheck passwords, SignInGate gate, SessionService sessions, RiskEngine risk,
			AfterFirstFactor next, SecondFactorStep secondFactor, SignInOutcomes outcomes) {
		this.passwords = passwords;
		this.gate = gate;
		this.sessions = sessions;
		this.risk = risk;
		this.next = next;
		this.secondFactor = secondFactor;
		this.outcomes = outcomes;
	}

	/**
	 * @param stored whether {@code flow} is already in the table (else it is inserted once it moves on; a
	 *     failed attempt leaves nothing behind but its security event)
	 */
	SignInResult attempt(SignInFlow flow, boolean stored, PasswordSubmission s, RequestContext context) {
		Optional<Identifier> identifier = Identifier.parse(s.identifier());
		boolean countable = identifier.isPresent() && Passwords.length(s.password()) <= Passwords.MAX_LENGTH;
		LookedUp[] looked = new LookedUp[1];
		AttemptDecision decision = this.gate.admit(new SignInGate.PasswordAttempt(context.ip(), s.captcha(),
				s.deviceToken() != null && !s.deviceToken().isBlank(),
				(knownDevice, underAttack) -> this.risk.captchaBeforePassword(knownDevice, context.ip(), underAttack), () -> {
					looked[0] = countable ? lookUp(identifier.get(), s.deviceToken()) : LookedUp.NOTHING;
					return looked[0].named();
				}));
		if (!(decision instanceof AttemptDecision.Allowed allowed)) {
			return refusal(decision);
		}
		PasswordCheck.Candidate candidate = looked[0] == null ? null : looked[0].candidate();
		Optional<UUID> knownDevice = looked[0] == null ? Optional.empty() : Optional.ofNullable(looked[0].knownDevice());
		SignInGate.Reservation reservation = allowed.reservation();
		if (candidate == null || reservation == null) {
			// Neither a malformed identifier nor an overlong password can name a real account or password.
			return this.outcomes.wrongCredentials(flow.id(), null, null,
					identifier.map(Identifier::masked).orElse("(invalid)"), context);
		}
		PasswordCheck.Outcome outcome = this.passwords.verify(candidate, s.password());
		Account account = outcome.account();
		if (outcome.matched() && account != null && account.status() == Account.Status.FROZEN) {
			// The right password on a frozen account: its owner (or whoever has the password) learns why, and
			// the way back, which is recovery, not sign-in. It is not a guess, so it does not count as one.
			this.gate.release(reservation);
			return new SignInResult.Refused(SignInRejection.ACCOUNT_FROZEN);
		}
		if (!outcome.matched() || account == null || account.status() != Account.Status.ACTIVE) {
			return this.outcomes.wrongCredentials(flow.id(), reservation, account == null ? null : account.id(),
					identifier.get().masked(), context);
		}
		SignInResult result = this.next.next(new AfterFirstFactor.Passed(flow, stored, account.id(),
				SignInFlow.Step.PASSWORD, s.rememberMe(), s.deviceToken(), knownDevice.isEmpty(),
				reservation.failuresBefore(), () -> streakOver(account.id(), reservation, context), s.totpCode(),
				context));
		if (s.totpCode() != null && !s.totpCode().isBlank() && result instanceof SignInResult.Continues c
				&& c.flow().state() == SignInFlow.State.AWAITING_SECOND_FACTOR) {
			// The code came with the password: the second step, exactly as if it had come in the next request.
			return this.secondFactor.submit(c.flow().id(), SecondFactorService.Kind.TOTP,
					new SecondFactorStrategy.Proof.Code(s.totpCode()), s.deviceToken(), context);
		}
		return result;
	}

	/**
	 * The account the identifier names and the browser's device for it. Looked up for every identifier
	 * alike (an unknown one as an account that has no devices), so the work done says nothing about whether
	 * the account exists.
	 */
	private LookedUp lookUp(Identifier identifier, @Nullable String deviceToken) {
		PasswordCheck.Candidate candidate = this.passwords.find(identifier);
		Account named = candidate.account();
		UUID device = this.sessions.knownDevice(deviceToken, named != null ? named.id() : NO_ACCOUNT).orElse(null);
		return new LookedUp(candidate, new SignInGate.Named(identifier.value(), named == null ? null : named.id(),
				device), device);
	}

	/** What the lookup found; {@link #NOTHING} for what cannot name an account. */
	private record LookedUp(PasswordCheck.@Nullable Candidate candidate, SignInGate.Named named,
			@Nullable UUID knownDevice) {

		static final LookedUp NOTHING = new LookedUp(null, new SignInGate.Named(null, null, null), null);
	}

	/** The gate's refusal as the flow answers it; a CAPTCHA or a wait is said so the client can act. */
	private static SignInResult refusal(AttemptDecision decision) {
		return switch (decision) {
			case AttemptDecision.Allowed a -> throw new IllegalArgumentException("an allowed attempt is no refusal");
			case AttemptDecision.CaptchaRequired c -> new SignInResult.Refused(c.reason(), null, true);
			case AttemptDecision.RateLimited r -> new SignInResult.Refused(AbuseRejection.RATE_LIMITED, r.retryAfter(),
					false);
			case AttemptDecision.Delayed d -> new SignInResult.Refused(AbuseRejection.SIGN_IN_DELAYED, d.retryAfter(),
					d.captchaRequired());
			case AttemptDecision.Locked l -> new SignInResult.Refused(AbuseRejection.ACCOUNT_LOCKED, l.retryAfter(),
					l.captchaRequired());
		};
	}

	/** Whether a credential-stuffing wave is on, so browsers without a device cookie should solve a CAPTCHA. */
	boolean captchaForUnknownDevices() {
		return this.gate.captchaForUnknownDevices();
	}

	/** The password was right: the counters forget the streak, and after several failures the owner is told. */
	private Optional<SignInAfterFailures> streakOver(UUID accountId, SignInGate.Reservation reservation,
			RequestContext context) {
		int failures = this.gate.succeeded(reservation, accountId);
		return failures >= FAILURES_WORTH_TELLING ? Optional.of(new SignInAfterFailures(accountId, failures, context))
				: Optional.empty();
	}
}
