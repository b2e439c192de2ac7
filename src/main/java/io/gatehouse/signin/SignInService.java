package io.gatehouse.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.AbuseEvents;
import io.gatehouse.abuse.AbuseProperties;
import io.gatehouse.abuse.AbuseRejection;
import io.gatehouse.abuse.CaptchaAction;
import io.gatehouse.abuse.Captchas;
import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.LoginThrottle;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.abuse.StuffingDetector;
import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.audit.EventCounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PasswordCheck;
import io.gatehouse.factor.BackupCodes;
import io.gatehouse.factor.Passkeys;
import io.gatehouse.factor.SecondFactors;
import io.gatehouse.factor.SmsFactors;
import io.gatehouse.factor.TotpFactors;
import io.gatehouse.password.Passwords;
import io.gatehouse.session.SessionService;
import io.gatehouse.session.SessionService.IssuedSession;
import io.gatehouse.risk.Assessment;
import io.gatehouse.risk.RiskEngine;
import io.gatehouse.risk.RiskStep;
import io.gatehouse.risk.Signal;
import io.gatehouse.shared.KeyedHash;
import io.gatehouse.shared.Randomness;
import io.gatehouse.shared.Reads;
import io.gatehouse.shared.Rejection;
import io.gatehouse.shared.RequestContext;
import io.gatehouse.signin.SignInEvents.SecondFactorNotAllowed;
import io.gatehouse.signin.SignInEvents.SignInConfirmationFailed;
import io.gatehouse.signin.SignInEvents.SignInConfirmationRequested;
import io.gatehouse.signin.SignInEvents.SignInAfterFailures;
import io.gatehouse.signin.SignInEvents.SignInFailed;
import io.gatehouse.signin.SignInEvents.SignInPasswordVerified;
import io.gatehouse.signin.SignInEvents.SignInSucceeded;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drives sign-in flows. Unknown identifier, wrong password and an account that may not sign in all
 * give the same answer, after the same Argon2id work.
 */
@Service
public class SignInService {

	/** After this many failures, a successful sign-in is reported to the owner (LG-04). */
	static final int FAILURES_WORTH_TELLING = 3;

	static final int CONFIRMATION_DIGITS = 6;

	static final java.time.Duration CONFIRMATION_VALIDITY = java.time.Duration.ofMinutes(10);

	static final int CONFIRMATION_MAX_WRONG = 5;

	/** At most this many confirmation codes go to one account per hour, however many sign-ins ask. */
	static final int CONFIRMATIONS_PER_HOUR = 5;

	private static final String CONFIRMATION_PURPOSE = "sign-in-confirmation";

	/** The account id an unknown identifier's reads are made for: no account has it. */
	private static final UUID NO_ACCOUNT = new UUID(0, 0);

	private final SignInFlows flows;

	private final PasswordCheck passwords;

	private final SessionService sessions;

	private final TotpFactors totp;

	private final BackupCodes backupCodes;

	private final Passkeys passkeys;

	private final SecondFactors secondFactors;

	private final SmsFactors sms;

	private final Randomness randomness;

	private final Clock clock;

	private final SignInProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final LoginThrottle throttle;

	private final RateLimits rateLimits;

	private final Captchas captchas;

	private final StuffingDetector stuffing;

	private final AbuseProperties abuse;

	private final RiskEngine risk;

	private final KeyedHash keyedHash;

	private final EventCounts eventCounts;

	private final Accounts accounts;

	private final Reads reads;

	private final Counter succeeded;

	private final Counter failed;

	SignInService(SignInFlows flows, PasswordCheck passwords, SessionService sessions, TotpFactors totp,
			BackupCodes backupCodes, Passkeys passkeys, SecondFactors secondFactors, SmsFactors sms,
			Randomness randomness,
			Clock clock, SignInProperties properties, ApplicationEventPublisher events, TransactionTemplate tx,
			MeterRegistry meters, LoginThrottle throttle, RateLimits rateLimits, Captchas captchas,
			StuffingDetector stuffing, AbuseProperties abuse, RiskEngine risk, Accounts accounts, KeyedHash keyedHash,
			EventCounts eventCounts, Reads reads) {
		this.eventCounts = eventCounts;
		this.reads = reads;
		this.keyedHash = keyedHash;
		this.risk = risk;
		this.accounts = accounts;
		this.throttle = throttle;
		this.rateLimits = rateLimits;
		this.captchas = captchas;
		this.stuffing = stuffing;
		this.abuse = abuse;
		this.flows = flows;
		this.passwords = passwords;
		this.sessions = sessions;
		this.totp = totp;
		this.backupCodes = backupCodes;
		this.passkeys = passkeys;
		this.secondFactors = secondFactors;
		this.sms = sms;
		this.randomness = randomness;
		this.clock = clock;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.succeeded = Counter.builder("gatehouse.signin.attempts").tag("outcome", "success").register(meters);
		this.failed = Counter.builder("gatehouse.signin.attempts").tag("outcome", "failure").register(meters);
	}

	public SignInFlow start(RequestContext context) {
		Instant now = this.clock.instant();
		SignInFlow flow = SignInFlow.start(this.randomness.uuid(), context.ip().toString(), context.userAgent(), now,
				now.plus(this.properties.flowLifetime()));
		this.flows.insert(flow);
		return flow;
	}

	public Optional<SignInFlow> find(UUID flowId) {
		return this.flows.find(flowId);
	}

	/** Whether a credential-stuffing wave is on, so browsers without a device cookie should solve a CAPTCHA. */
	public boolean captchaForUnknownDevices() {
		return this.stuffing.active();
	}

	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * The identify-and-password step.
	 *
	 * @param deviceToken the browser's or app's device token, if it has one
	 * @param totpCode the authenticator app's code, when the client sends the second factor with the
	 *     password; it is looked at only once the password was right and the account has the app
	 */
	public Result submitPassword(UUID flowId, String rawIdentifier, String password, boolean rememberMe,
			@Nullable String deviceToken, @Nullable String captcha, @Nullable String totpCode, RequestContext context) {
		Optional<SignInFlow> found = this.flows.find(flowId);
		if (found.isEmpty()) {
			return new Result.Refused(SignInRejection.FLOW_NOT_FOUND);
		}
		SignInFlow flow = found.get();
		Rejection wrong = switch (flow.stateAt(this.clock.instant())) {
			case EXPIRED -> SignInRejection.FLOW_EXPIRED;
			case COMPLETED, AWAITING_SECOND_FACTOR, AWAITING_CONFIRMATION -> SignInRejection.WRONG_STEP;
			case AWAITING_PASSWORD -> null;
		};
		if (wrong != null) {
			return new Result.Refused(wrong);
		}
		return attemptPassword(flow, true, rawIdentifier, password, rememberMe, deviceToken, captcha, totpCode, context);
	}

	/**
	 * Starts a flow and takes its password step in one request, for API clients that have the
	 * credentials at hand: one round trip less. The flow is stored only if the step succeeds (then
	 * already completed); a failed attempt leaves nothing behind but its security event. With
	 * {@code totpCode}, an account with an authenticator app is signed in by this one request too.
	 */
	public Result startWithPassword(String rawIdentifier, String password, boolean rememberMe,
			@Nullable String deviceToken, @Nullable String captcha, @Nullable String totpCode, RequestContext context) {
		Instant now = this.clock.instant();
		SignInFlow flow = SignInFlow.start(this.randomness.uuid(), context.ip().toString(), context.userAgent(), now,
				now.plus(this.properties.flowLifetime()));
		return attemptPassword(flow, false, rawIdentifier, password, rememberMe, deviceToken, captcha, totpCode, context);
	}

	/**
	 * The password step behind the abuse defences (PRODUCT.md 1.5): the CAPTCHA when a wave is on or the
	 * counter asks for one, then one statement checks the network's limit (the same for every identifier)
	 * and reserves the attempt in the throttle before Argon2id runs. A blocked account is refused without
	 * comparing the password, so a correct one gets the same answer as a wrong one (LG-03) — except from a
	 * browser that signed in to it before, which has its own small budget (LG-08).
	 *
	 * @param stored whether {@code flow} is already in the table (else it is inserted on success)
	 */
	private Result attemptPassword(SignInFlow flow, boolean stored, String rawIdentifier, String password,
			boolean rememberMe, @Nullable String deviceToken, @Nullable String captcha, @Nullable String totpCode,
			RequestContext context) {
		boolean noCaptcha = captcha == null || captcha.isBlank();
		if (noCaptcha && this.risk.isAnonymizer(context.ip())) {
			// An operator-listed Tor, VPN or hosting range: a CAPTCHA first, decided by the address alone so
			// that the answer says nothing about the identifier.
			return new Result.Refused(AbuseRejection.CAPTCHA_REQUIRED, null, true);
		}
		if (noCaptcha && (deviceToken == null || deviceToken.isBlank()) && this.stuffing.active()) {
			// A wave is on and this client shows no device token: the answer is the same as below, before any
			// lookup, so bots cost the least while it lasts.
			return new Result.Refused(AbuseRejection.CAPTCHA_REQUIRED, null, true);
		}
		Optional<Identifier> identifier = Identifier.parse(rawIdentifier);
		if (identifier.isEmpty() || Passwords.length(password) > Passwords.MAX_LENGTH) {
			// Neither can name a real account or password; the same answer as any other failure.
			Optional<Result> limited = networkLimited(context);
			if (limited.isPresent()) {
				return limited.get();
			}
			return fail(flow, null, identifier.map(Identifier::masked).orElse("(invalid)"), false, context);
		}
		PasswordCheck.Candidate candidate = this.passwords.find(identifier.get());
		Account named = candidate.account();
		LoginThrottle.Subject subject = named != null ? this.throttle.account(named.id())
				: this.throttle.unknownIdentifier(identifier.get().value());
		boolean captchaSolved = false;
		if (!noCaptcha) {
			Optional<Rejection> refused = this.captchas.verify(captcha, CaptchaAction.SIGN_IN, context.ip());
			if (refused.isPresent()) {
				return new Result.Refused(refused.get(), null, true);
			}
			captchaSolved = true;
		}
		else if (this.stuffing.active() && knownDevice(named, deviceToken).isEmpty()) {
			// A credential-stuffing wave is on: unknown browsers prove they are worth an Argon2id run.
			return new Result.Refused(AbuseRejection.CAPTCHA_REQUIRED, null, true);
		}
		Instant now = this.clock.instant();
		// One round trip before Argon2id: one statement for the network's limit, a staff lock, the account's
		// counter and the reservation; then the three modules' reads that the decision after a right password
		// needs. The reads go for every identifier alike (an unknown one reads as an account with nothing), so
		// the work done says nothing about whether the account exists; after a wrong password they go unused.
		UUID readFor = named != null ? named.id() : NO_ACCOUNT;
		Reads.Batch reads = this.reads.batch();
		Supplier<Optional<LoginThrottle.Reservation>> reserving = this.throttle.reserveForSignIn(reads, subject,
				named == null ? null : named.id(), context.ip(), captchaSolved, now);
		Supplier<java.util.List<SecondFactors.Kind>> factors = this.secondFactors.allowed(reads, readFor);
		Supplier<Optional<UUID>> device = this.sessions.knownDevice(reads, deviceToken, readFor);
		RiskEngine.History history = this.risk.history(reads, readFor);
		reads.run();
		Optional<LoginThrottle.Reservation> reserved = reserving.get();
		if (reserved.isEmpty()) {
			// Asked first, and for every identifier alike, so that its answer says nothing about the account (EN-04).
			Optional<Result> limited = networkLimited(context);
			if (limited.isPresent()) {
				return limited.get();
			}
		}
		if (reserved.isEmpty() && named != null && this.throttle.lockedByStaff(named.id())) {
			// Support locked it: no password sign-in, from any browser, until the owner's unlock flow (or staff).
			return new Result.Refused(AbuseRejection.ACCOUNT_LOCKED, null, false);
		}
		if (reserved.isEmpty()) {
			// The account's counter refuses (it waits, is locked, or wants a CAPTCHA): a browser the owner
			// signed in with before still has its own budget.
			Optional<UUID> known = device.get();
			if (known.isPresent()) {
				reserved = this.throttle.reserve(this.throttle.device(known.get()), true, now);
			}
			if (reserved.isEmpty()) {
				LoginThrottle.State state = this.throttle.state(
						known.isPresent() ? this.throttle.device(known.get()) : subject, now);
				if (!state.blocked()) {
					return new Result.Refused(AbuseRejection.CAPTCHA_REQUIRED, null, true);
				}
				boolean locked = state.blockedUntil() == Instant.MAX
						|| state.failures() >= (known.isPresent() ? this.abuse.deviceBudget() : this.abuse.throttle()).lockAfter();
				return new Result.Refused(locked ? AbuseRejection.ACCOUNT_LOCKED : AbuseRejection.SIGN_IN_DELAYED,
						state.retryAfter(now), state.captchaRequired());
			}
		}
		LoginThrottle.Reservation reservation = reserved.get();
		PasswordCheck.Outcome outcome = this.passwords.verify(candidate, password);
		Account account = outcome.account();
		if (outcome.matched() && account != null && account.status() == Account.Status.FROZEN) {
			// The right password on a frozen account: its owner (or whoever has the password) learns why, and
			// the way back, which is recovery, not sign-in. It is not a guess, so it does not count as one.
			this.tx.executeWithoutResult(s -> this.throttle.clear(reservation.subject()));
			return new Result.Refused(SignInRejection.ACCOUNT_FROZEN, null, false);
		}
		if (!outcome.matched() || account == null || account.status() != Account.Status.ACTIVE) {
			if (account != null && reservation.subject().kind() == LoginThrottle.Subject.Kind.ACCOUNT
					&& (reservation.locksNow() || reservation.hardCapReached())) {
				Instant until = java.util.Objects.requireNonNullElse(reservation.blockedUntilIfFailed(), now);
				this.tx.executeWithoutResult(s -> this.events.publishEvent(
						new AbuseEvents.AccountLocked(account.id(), reservation.failures(), until, context)));
			}
			return fail(flow, account == null ? null : account.id(), identifier.get().masked(),
					reservation.failures() >= this.abuse.throttle().captchaAfter(), reservation.waitIfFailed(now), context);
		}
		java.util.List<SecondFactors.Kind> allowed = factors.get();
		boolean enrolled = !allowed.isEmpty();
		Assessment assessment = this.risk.assess(account.id(), device.get().isEmpty(),
				Math.max(0, reservation.failures() - 1), history, context);
		boolean confirm = assessment.requires(RiskStep.EMAIL_CONFIRMATION)
				|| assessment.requires(RiskStep.SECOND_FACTOR) && !enrolled;
		boolean withTotp = totpCode != null && !totpCode.isBlank() && enrolled;
		UUID knownDevice = device.get().orElse(null);
		if (withTotp && !stored && !confirm) {
			return passwordAndTotp(flow, account.id(), allowed, totpCode, rememberMe, deviceToken, knownDevice,
					assessment, reservation, context);
		}
		if (enrolled || confirm) {
			Result afterPassword = this.tx.execute(status -> {
				Instant at = this.clock.instant();
				SignInFlow next = enrolled
						? flow.awaitSecondFactor(account.id(), rememberMe, confirm, assessment.steps(), assessment.signals(), at)
						: flow.awaitConfirmation(account.id(), rememberMe, SignInFlow.Step.PASSWORD, assessment.steps(),
								assessment.signals(), at);
				if (!save(next, stored)) {
					status.setRollbackOnly();
					return new Result.Refused(SignInRejection.WRONG_STEP);
				}
				clearThrottles(account.id(), reservation, context);
				this.risk.record(account.id(), assessment, context);
				this.events.publishEvent(new SignInPasswordVerified(account.id(), flow.id(), next.nextStep(at), context));
				if (!enrolled) {
					sendConfirmation(next, account, context);
				}
				return new Result.Continues(next);
			});
			if (withTotp && afterPassword instanceof Result.Continues next
					&& next.flow().state() == SignInFlow.State.AWAITING_SECOND_FACTOR) {
				// The code came with the password, for a flow that is stored or still has a confirmation to go:
				// the second step as its own step, exactly as if it had come in the next request.
				return submitTotp(next.flow().id(), totpCode, deviceToken, context);
			}
			return java.util.Objects.requireNonNull(afterPassword);
		}
		Result result = completeWithSession(flow, stored, account.id(), rememberMe, deviceToken, knownDevice, "password",
				SignInFlow.Step.PASSWORD, assessment, () -> clearThrottles(account.id(), reservation, context), context);
		if (result instanceof Result.Completed) {
			this.succeeded.increment();
		}
		return result;
	}

	/**
	 * Password and authenticator code in one request: the password was right, and the code decides. The
	 * code's step is spent, the password's throttle cleared and the session issued in one transaction; the
	 * flow is stored only then, already completed. A wrong code answers as the second step would, and the
	 * password's success is recorded (it was not a guess); the second-factor failure counts as any other, so
	 * sending the password with every guess gains nothing but an Argon2id run per try.
	 */
	private Result passwordAndTotp(SignInFlow flow, UUID accountId, java.util.List<SecondFactors.Kind> allowed,
			String totpCode, boolean rememberMe, @Nullable String deviceToken, @Nullable UUID knownDevice,
			Assessment assessment, LoginThrottle.Reservation reservation, RequestContext context) {
		Instant now = this.clock.instant();
		SignInFlow awaiting = flow.awaitSecondFactor(accountId, rememberMe, false, assessment.steps(),
				assessment.signals(), now);
		if (!allowed.contains(SecondFactors.Kind.TOTP)) {
			this.tx.executeWithoutResult(s -> {
				clearThrottles(accountId, reservation, context);
				this.risk.record(accountId, assessment, context);
				this.events.publishEvent(
						new SignInPasswordVerified(accountId, flow.id(), SignInFlow.Step.SECOND_FACTOR, context));
				this.events.publishEvent(new SecondFactorNotAllowed(accountId, flow.id(), SecondFactors.Kind.TOTP.wireName(),
						context));
			});
			return new Result.Refused(SignInRejection.FACTOR_NOT_ALLOWED);
		}
		Result[] completed = new Result[1];
		Optional<Rejection> refused = this.totp.verify(accountId, totpCode, context,
				() -> completed[0] = completeWithSession(awaiting, false, accountId, rememberMe, deviceToken, knownDevice,
						SecondFactors.Kind.TOTP.wireName(), SignInFlow.Step.SECOND_FACTOR, assessment,
						() -> clearThrottles(accountId, reservation, context), context));
		if (refused.isPresent()) {
			this.tx.executeWithoutResult(s -> {
				clearThrottles(accountId, reservation, context);
				this.risk.record(accountId, assessment, context);
				this.events.publishEvent(
						new SignInPasswordVerified(accountId, flow.id(), SignInFlow.Step.SECOND_FACTOR, context));
			});
			this.failed.increment();
			return new Result.Refused(refused.get());
		}
		Result result = java.util.Objects.requireNonNull(completed[0]);
		if (result instanceof Result.Completed) {
			this.succeeded.increment();
		}
		return result;
	}

	/** The refusal when this address or its subnet is over its sign-in limit. */
	private Optional<Result> networkLimited(RequestContext context) {
		return this.rateLimits.exceeded(LimitedAction.SIGN_IN, context.ip())
			.map(wait -> new Result.Refused(AbuseRejection.RATE_LIMITED, wait, false));
	}

	private Optional<UUID> knownDevice(@Nullable Account account, @Nullable String deviceToken) {
		return account == null ? Optional.empty() : this.sessions.knownDevice(deviceToken, account.id());
	}

	/**
	 * The password was right: the streak is over, for the account and for the browser's own budget. After
	 * several failures the owner is told someone tried (LG-04).
	 */
	private void clearThrottles(UUID accountId, LoginThrottle.Reservation reservation, RequestContext context) {
		// The succeeding attempt's own reservation is not a failure.
		int failures = reservation.failures() - 1;
		if (reservation.subject().kind() == LoginThrottle.Subject.Kind.DEVICE) {
			this.throttle.clear(reservation.subject());
			failures = Math.max(failures, this.throttle.clear(this.throttle.account(accountId)));
		}
		else {
			// The account's counter, deleted with the commit's other writes: nothing in this transaction reads it.
			this.throttle.clearAtCommit(reservation.subject());
		}
		if (failures >= FAILURES_WORTH_TELLING) {
			this.events.publishEvent(new SignInAfterFailures(accountId, failures, context));
		}
	}

	/** The second-factor step with a code from the account's authenticator app. */
	public Result submitTotp(UUID flowId, String code, @Nullable String deviceToken, RequestContext context) {
		return submitSecondFactor(flowId, SecondFactors.Kind.TOTP, account -> this.totp.verify(account, code, context),
				deviceToken, context);
	}

	/** The second-factor step with one of the account's backup codes. */
	public Result submitBackupCode(UUID flowId, String code, @Nullable String deviceToken, RequestContext context) {
		return submitSecondFactor(flowId, SecondFactors.Kind.BACKUP_CODE,
				account -> this.backupCodes.use(account, code, context), deviceToken, context);
	}

	/**
	 * Sends (or re-sends) this flow's SMS code, when SMS is among the factors the account may use here.
	 * A resend replaces the code and keeps its counters.
	 */
	public SmsFactors.Sent sendSmsCode(UUID flowId, RequestContext context) {
		Optional<SignInFlow> found = this.flows.find(flowId);
		if (found.isEmpty()) {
			return new SmsFactors.Sent.Refused(SignInRejection.FLOW_NOT_FOUND);
		}
		SignInFlow flow = found.get();
		if (flow.stateAt(this.clock.instant()) != SignInFlow.State.AWAITING_SECOND_FACTOR) {
			return new SmsFactors.Sent.Refused(flow.stateAt(this.clock.instant()) == SignInFlow.State.EXPIRED
					? SignInRejection.FLOW_EXPIRED : SignInRejection.WRONG_STEP);
		}
		UUID accountId = java.util.Objects.requireNonNull(flow.accountId());
		if (!this.passwords.isActive(accountId)) {
			// Frozen or disabled since the password step: nothing more is sent for this flow.
			return new SmsFactors.Sent.Refused(SignInRejection.INVALID_CREDENTIALS);
		}
		Optional<Rejection> notAllowed = checkAllowed(flow, accountId, SecondFactors.Kind.SMS, context);
		if (notAllowed.isPresent()) {
			return new SmsFactors.Sent.Refused(notAllowed.get());
		}
		return this.sms.sendSignInCode(flowId, accountId, context);
	}

	/** The second-factor step with the code sent by SMS for this flow. */
	public Result submitSms(UUID flowId, String code, @Nullable String deviceToken, RequestContext context) {
		return submitSecondFactor(flowId, SecondFactors.Kind.SMS,
				account -> this.sms.verifySignIn(flowId, account, code, context), deviceToken, context);
	}

	/**
	 * Options for a passkey ceremony in this flow: before the password step, a passwordless sign-in with
	 * any discoverable passkey; after it, the account's own passkeys as the second factor.
	 */
	public PasskeyOptions passkeyOptions(UUID flowId, RequestContext context) {
		Optional<SignInFlow> found = this.flows.find(flowId);
		if (found.isEmpty()) {
			return new PasskeyOptions.Refused(SignInRejection.FLOW_NOT_FOUND);
		}
		SignInFlow flow = found.get();
		return switch (flow.stateAt(this.clock.instant())) {
			case EXPIRED -> new PasskeyOptions.Refused(SignInRejection.FLOW_EXPIRED);
			case COMPLETED, AWAITING_CONFIRMATION -> new PasskeyOptions.Refused(SignInRejection.WRONG_STEP);
			case AWAITING_PASSWORD -> new PasskeyOptions.Ready(this.passkeys.signInOptions(flowId));
			case AWAITING_SECOND_FACTOR -> {
				UUID accountId = java.util.Objects.requireNonNull(flow.accountId());
				Optional<Rejection> refused = checkAllowed(flow, accountId, SecondFactors.Kind.PASSKEY, context);
				yield refused.<PasskeyOptions>map(PasskeyOptions.Refused::new)
					.orElseGet(() -> new PasskeyOptions.Ready(this.passkeys.secondFactorOptions(flowId, accountId)));
			}
		};
	}

	/**
	 * A passkey's answer: a whole sign-in on its own before the password step (it must have verified its
	 * user), or the second factor after it.
	 */
	public Result submitPasskey(UUID flowId, UUID challengeId, String response, boolean rememberMe,
			@Nullable String deviceToken, RequestContext context) {
		Optional<SignInFlow> found = this.flows.find(flowId);
		if (found.isEmpty()) {
			return new Result.Refused(SignInRejection.FLOW_NOT_FOUND);
		}
		SignInFlow flow = found.get();
		switch (flow.stateAt(this.clock.instant())) {
			case EXPIRED -> {
				return new Result.Refused(SignInRejection.FLOW_EXPIRED);
			}
			case COMPLETED, AWAITING_CONFIRMATION -> {
				return new Result.Refused(SignInRejection.WRONG_STEP);
			}
			case AWAITING_SECOND_FACTOR -> {
				return submitSecondFactor(flowId, SecondFactors.Kind.PASSKEY, account -> switch (this.passkeys
					.verifySecondFactor(flowId, challengeId, response, context)) {
					case Passkeys.Verified.Ok ok -> Optional.empty();
					case Passkeys.Verified.Refused r -> Optional.of(r.rejection());
				}, deviceToken, context);
			}
			case AWAITING_PASSWORD -> {
			}
		}
		return switch (this.passkeys.verifySignIn(flowId, challengeId, response, context)) {
			case Passkeys.Verified.Refused r -> {
				this.failed.increment();
				yield new Result.Refused(r.rejection());
			}
			case Passkeys.Verified.Ok ok -> {
				if (!this.passwords.isActive(ok.accountId())) {
					yield fail(flow, ok.accountId(), "(passkey)", false, context);
				}
				// A user-verified passkey is both factors at once; only an explicit confirmation adds a step.
				Assessment assessment = this.risk.assess(ok.accountId(),
						this.sessions.knownDevice(deviceToken, ok.accountId()).isEmpty(), 0, context);
				if (assessment.requires(RiskStep.EMAIL_CONFIRMATION)) {
					yield awaitConfirmation(flow, ok.accountId(), rememberMe, SignInFlow.Step.PASSKEY, assessment,
							assessment.steps(), assessment.signals(), context);
				}
				Result result = completeWithSession(flow, true, ok.accountId(), rememberMe, deviceToken, null, "passkey",
						SignInFlow.Step.PASSKEY, assessment, () -> {
						}, context);
				if (result instanceof Result.Completed) {
					this.succeeded.increment();
				}
				yield result;
			}
		};
	}

	/** The factors this flow's second step accepts, strongest first; empty before the password step. */
	public java.util.List<String> allowedFactors(SignInFlow flow) {
		return flow.state() == SignInFlow.State.AWAITING_SECOND_FACTOR && flow.accountId() != null
				? this.secondFactors.allowedWireNames(flow.accountId()) : java.util.List.of();
	}

	private Optional<Rejection> checkAllowed(SignInFlow flow, UUID accountId, SecondFactors.Kind kind,
			RequestContext context) {
		if (this.secondFactors.allowed(accountId).contains(kind)) {
			return Optional.empty();
		}
		this.tx.executeWithoutResult(s -> this.events
			.publishEvent(new SecondFactorNotAllowed(accountId, flow.id(), kind.wireName(), context)));
		return Optional.of(SignInRejection.FACTOR_NOT_ALLOWED);
	}

	private Result submitSecondFactor(UUID flowId, SecondFactors.Kind factor,
			java.util.function.Function<UUID, Optional<Rejection>> verify, @Nullable String deviceToken,
			RequestContext context) {
		AtStep at = atStep(flowId, SignInFlow.State.AWAITING_SECOND_FACTOR);
		if (at.refused() != null) {
			return new Result.Refused(at.refused());
		}
		SignInFlow flow = java.util.Objects.requireNonNull(at.flow());
		UUID accountId = java.util.Objects.requireNonNull(flow.accountId());
		Optional<Rejection> notAllowed = checkAllowed(flow, accountId, factor, context);
		if (notAllowed.isPresent()) {
			return new Result.Refused(notAllowed.get());
		}
		Optional<Rejection> refused = verify.apply(accountId);
		if (refused.isPresent()) {
			this.failed.increment();
			return new Result.Refused(refused.get());
		}
		if (flow.confirmationPlanned()) {
			// The risk decision at the password step wants this sign-in confirmed by email as well.
			return awaitConfirmation(flow, accountId, flow.rememberMe(), SignInFlow.Step.SECOND_FACTOR, null,
					flow.riskSteps(),
					flow.riskSignals(),
					context);
		}
		Result result = completeWithSession(flow, true, accountId, flow.rememberMe(), deviceToken, null, factor.wireName(),
				SignInFlow.Step.SECOND_FACTOR, null, () -> {
				}, context);
		if (result instanceof Result.Completed) {
			this.succeeded.increment();
		}
		return result;
	}

	/**
	 * Issues the session and closes the flow, in one transaction; the session id is always new. The place
	 * is remembered as the baseline for the next risk decision, and the owner is alerted when the decision
	 * said so.
	 *
	 * @param assessment the risk decision, when the completing step took it (else the flow carries it)
	 * @param knownDevice the account's device that {@code deviceToken} names, when this step has looked it up
	 *     already ({@link SessionService#knownDevice}); null to let the session start find it
	 * @param alsoInTransaction more to write in the same transaction, such as clearing the throttle
	 */
	private Result completeWithSession(SignInFlow flow, boolean stored, UUID accountId, boolean rememberMe,
			@Nullable String deviceToken, @Nullable UUID knownDevice, String factor, SignInFlow.Step last,
			@Nullable Assessment assessment,
			Runnable alsoInTransaction, RequestContext context) {
		java.util.Set<RiskStep> steps = assessment == null ? flow.riskSteps() : assessment.steps();
		java.util.Set<Signal> signals = assessment == null ? flow.riskSignals() : assessment.signals();
		return this.tx.execute(status -> {
			// First, as the password step's transaction does: the throttle's row before the audit chain's, so two
			// sign-ins of one account take their locks in the same order and never deadlock (the throttle's
			// delete waits for the commit, and goes ahead of the chain heads' locks there).
			alsoInTransaction.run();
			IssuedSession session = this.sessions.start(accountId, rememberMe, deviceToken, knownDevice, context);
			SignInFlow completed = flow.complete(accountId, session.sessionId(), rememberMe, last, steps, signals,
					this.clock.instant());
			if (!stored) {
				this.flows.insertClosedAtCommit(completed);
			}
			else if (!this.flows.advance(completed)) {
				status.setRollbackOnly();
				return new Result.Refused(SignInRejection.WRONG_STEP);
			}
			if (assessment != null) {
				this.risk.record(accountId, assessment, context);
			}
			io.gatehouse.geo.Location here = assessment != null
					? this.risk.remember(accountId, assessment.location(), context)
					: this.risk.remember(accountId, context);
			boolean alert = completed.riskSteps().contains(RiskStep.ALERT);
			this.events.publishEvent(new SignInSucceeded(accountId, session.sessionId(), flow.id(), session.deviceId(),
					session.newDevice(), rememberMe, factor, alert,
					completed.riskSignals().stream().map(Signal::wireName).sorted().toList(), here.describe(), context));
			return new Result.Completed(completed, session);
		});
	}

	/** Moves the flow to its confirmation step and sends the code, in one transaction. */
	private Result awaitConfirmation(SignInFlow flow, UUID accountId, boolean rememberMe, SignInFlow.Step last,
			@Nullable Assessment assessment, java.util.Set<RiskStep> steps, java.util.Set<Signal> signals,
			RequestContext context) {
		Optional<Account> account = this.accounts.find(accountId);
		if (account.isEmpty()) {
			return new Result.Refused(SignInRejection.INVALID_CREDENTIALS);
		}
		return this.tx.execute(status -> {
			SignInFlow next = flow.awaitConfirmation(accountId, rememberMe, last, steps, signals,
					this.clock.instant());
			if (!save(next, true)) {
				status.setRollbackOnly();
				return new Result.Refused(SignInRejection.WRONG_STEP);
			}
			if (assessment != null) {
				this.risk.record(accountId, assessment, context);
			}
			sendConfirmation(next, account.get(), context);
			return new Result.Continues(next);
		});
	}

	/**
	 * A new confirmation code for a flow at its confirmation step, to the account's email (its phone when
	 * it has no email). Call inside the transaction that moved the flow there.
	 */
	private void sendConfirmation(SignInFlow flow, Account account, RequestContext context) {
		if (this.eventCounts.since(account.id(), "sign_in_confirmation_requested",
				this.clock.instant().minus(java.time.Duration.ofHours(1))) >= CONFIRMATIONS_PER_HOUR) {
			// Someone with the password is making the owner's inbox a target: the flow waits without a code
			// (the answer is the same, so it tells the sender nothing), and the owner already has several.
			return;
		}
		String code = this.randomness.digits(CONFIRMATION_DIGITS);
		this.flows.setConfirmationCode(flow.id(), confirmationHash(flow.id(), code),
				this.clock.instant().plus(CONFIRMATION_VALIDITY));
		Identifier to = account.email() != null ? account.email() : java.util.Objects.requireNonNull(account.phone());
		this.events.publishEvent(new SignInConfirmationRequested(account.id(), flow.id(), to, code,
				(int) CONFIRMATION_VALIDITY.toMinutes(), flow.riskSignals().stream().map(Signal::wireName).sorted().toList(),
				this.risk.locate(context.ip()).describe(), context));
	}

	/** A flow open at one of the later steps, or why it is not. */
	private record AtStep(@Nullable SignInFlow flow, @Nullable Rejection refused) {
	}

	/**
	 * The flow, if it waits for {@code expected} now and its account may still sign in (it may have been
	 * frozen or disabled since the first step: then the open flow cannot finish).
	 */
	private AtStep atStep(UUID flowId, SignInFlow.State expected) {
		Optional<SignInFlow> found = this.flows.find(flowId);
		if (found.isEmpty()) {
			return new AtStep(null, SignInRejection.FLOW_NOT_FOUND);
		}
		SignInFlow flow = found.get();
		SignInFlow.State state = flow.stateAt(this.clock.instant());
		if (state != expected) {
			return new AtStep(null, state == SignInFlow.State.EXPIRED ? SignInRejection.FLOW_EXPIRED
					: SignInRejection.WRONG_STEP);
		}
		if (!this.passwords.isActive(java.util.Objects.requireNonNull(flow.accountId()))) {
			return new AtStep(null, SignInRejection.INVALID_CREDENTIALS);
		}
		return new AtStep(flow, null);
	}

	private byte[] confirmationHash(UUID flowId, String code) {
		return this.keyedHash.hash(CONFIRMATION_PURPOSE, flowId + ":" + code);
	}

	/**
	 * The confirmation step: the code sent to the owner when the risk decision asked for one. A right code
	 * is spent atomically and completes the flow; five wrong ones end it.
	 */
	public Result submitConfirmation(UUID flowId, String code, @Nullable String deviceToken, RequestContext context) {
		AtStep at = atStep(flowId, SignInFlow.State.AWAITING_CONFIRMATION);
		if (at.refused() != null) {
			return new Result.Refused(at.refused());
		}
		SignInFlow flow = java.util.Objects.requireNonNull(at.flow());
		UUID accountId = java.util.Objects.requireNonNull(flow.accountId());
		String presented = code.strip();
		boolean wellFormed = presented.length() == CONFIRMATION_DIGITS
				&& presented.chars().allMatch(c -> c >= '0' && c <= '9');
		if (!this.flows.redeemConfirmation(flowId, confirmationHash(flowId, wellFormed ? presented : "-"),
				this.clock.instant(), CONFIRMATION_MAX_WRONG)) {
			this.tx.executeWithoutResult(s -> this.events
				.publishEvent(new SignInConfirmationFailed(accountId, flowId, context)));
			this.failed.increment();
			return new Result.Refused(SignInRejection.CONFIRMATION_INVALID);
		}
		Result result = completeWithSession(flow, true, accountId, flow.rememberMe(), deviceToken, null, "email_confirmation",
				SignInFlow.Step.CONFIRMATION, null, () -> {
				}, context);
		if (result instanceof Result.Completed) {
			this.succeeded.increment();
		}
		return result;
	}

	/** Sends a new confirmation code for the flow; the old one dies, its wrong tries stay. */
	public Optional<Rejection> resendConfirmation(UUID flowId, RequestContext context) {
		Optional<java.time.Duration> limited = this.rateLimits.hit(LimitedAction.CODE_SEND, context.ip());
		if (limited.isPresent()) {
			return Optional.of(AbuseRejection.RATE_LIMITED);
		}
		Optional<SignInFlow> found = this.flows.find(flowId)
			.filter(f -> f.stateAt(this.clock.instant()) == SignInFlow.State.AWAITING_CONFIRMATION);
		if (found.isEmpty()) {
			return Optional.of(SignInRejection.WRONG_STEP);
		}
		Optional<Account> account = this.accounts.find(java.util.Objects.requireNonNull(found.get().accountId()));
		if (account.isEmpty() || account.get().status() != Account.Status.ACTIVE) {
			return Optional.of(SignInRejection.INVALID_CREDENTIALS);
		}
		this.tx.executeWithoutResult(s -> sendConfirmation(found.get(), account.get(), context));
		return Optional.empty();
	}

	/** Writes the next state of a flow: inserted if it was never stored, else compare-and-set on its version. */
	private boolean save(SignInFlow next, boolean stored) {
		if (!stored) {
			this.flows.insert(next);
			return true;
		}
		return this.flows.advance(next);
	}

	/** @param captchaNext whether the next attempt for this identifier must come with a solved CAPTCHA */
	private Result fail(SignInFlow flow, @Nullable UUID accountId, String maskedIdentifier, boolean captchaNext,
			RequestContext context) {
		return fail(flow, accountId, maskedIdentifier, captchaNext, null, context);
	}

	/** @param wait how long the identifier's next attempt must wait, when this failure set a wait */
	private Result fail(SignInFlow flow, @Nullable UUID accountId, String maskedIdentifier, boolean captchaNext,
			java.time.@Nullable Duration wait, RequestContext context) {
		this.tx.executeWithoutResult(status -> {
			this.rateLimits.record(LimitedAction.SIGN_IN, context.ip());
			this.events.publishEvent(new SignInFailed(accountId, flow.id(), maskedIdentifier,
					SignInRejection.INVALID_CREDENTIALS.code(), context));
		});
		this.failed.increment();
		return new Result.Refused(SignInRejection.INVALID_CREDENTIALS, wait, captchaNext);
	}

	/** Deletes flows that ended long ago; they hold nothing anyone needs after their retention. */
	@Scheduled(fixedDelayString = "${gatehouse.signin.cleanup-interval:PT10M}")
	void deleteOldFlows() {
		this.flows.deleteExpiredBefore(this.clock.instant().minus(this.properties.flowRetention()));
	}

	public sealed interface PasskeyOptions {

		record Ready(Passkeys.Options options) implements PasskeyOptions {
		}

		record Refused(Rejection rejection) implements PasskeyOptions {
		}
	}

	public sealed interface Result {

		record Completed(SignInFlow flow, IssuedSession session) implements Result {
		}

		/** The proofs so far were right; the flow names its next step (a second factor, or a confirmation). */
		record Continues(SignInFlow flow) implements Result {
		}

		/**
		 * @param retryAfter how long before another attempt can succeed, when the refusal is a wait
		 * @param captchaRequired whether the next attempt must bring a solved CAPTCHA
		 */
		record Refused(Rejection rejection, java.time.@Nullable Duration retryAfter, boolean captchaRequired)
				implements Result {

			public Refused(Rejection rejection) {
				this(rejection, null, false);
			}
		}
	}
}
