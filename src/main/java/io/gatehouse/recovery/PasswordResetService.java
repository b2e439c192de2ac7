package io.gatehouse.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.PasswordThrottle;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.Account;
import io.gatehouse.account.AccountEvents.PasswordChanged;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PasswordChangeService;
import io.gatehouse.audit.EventCounts;
import io.gatehouse.password.PasswordHasher;
import io.gatehouse.password.Passwords;
import io.gatehouse.recovery.RecoveryEvents.ApiKeysSuspended;
import io.gatehouse.recovery.RecoveryEvents.PasswordResetFailed;
import io.gatehouse.recovery.RecoveryEvents.PasswordResetRequestIgnored;
import io.gatehouse.recovery.RecoveryEvents.PasswordResetRequested;
import io.gatehouse.kernel.GatehouseProperties;
import io.gatehouse.crypto.KeyedHash;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgot password (PRODUCT.md 1.7, security-tests.md B8). A request always gets the same answer; an
 * account that can be reset gets a link (email) or a code (phone only), built from the configured public
 * URL. Setting the new password spends the secret atomically, ends every session, suspends API keys,
 * starts the 24 h cooldown and tells the owner everywhere; it never signs anyone in, so the second
 * factor is still asked at the next sign-in.
 */
@Service
public class PasswordResetService {

	static final String LINK_PURPOSE = "password-reset-link";

	static final String CODE_PURPOSE = "password-reset-code";

	private static final int TOKEN_BYTES = 32;

	private static final int CODE_DIGITS = 6;

	private final PasswordResets resets;

	private final Accounts accounts;

	private final PasswordChangeService passwords;

	private final PasswordHasher hasher;

	private final PasswordThrottle throttle;

	private final RateLimits rateLimits;

	private final EventCounts eventCounts;

	private final KeyedHash keyedHash;

	private final Randomness randomness;

	private final Clock clock;

	private final RecoveryProperties properties;

	private final GatehouseProperties gatehouse;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	PasswordResetService(PasswordResets resets, Accounts accounts, PasswordChangeService passwords,
			PasswordHasher hasher, PasswordThrottle throttle, RateLimits rateLimits, EventCounts eventCounts,
			KeyedHash keyedHash, Randomness randomness, Clock clock, RecoveryProperties properties,
			GatehouseProperties gatehouse, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.resets = resets;
		this.accounts = accounts;
		this.passwords = passwords;
		this.hasher = hasher;
		this.throttle = throttle;
		this.rateLimits = rateLimits;
		this.eventCounts = eventCounts;
		this.keyedHash = keyedHash;
		this.randomness = randomness;
		this.clock = clock;
		this.properties = properties;
		this.gatehouse = gatehouse;
		this.events = events;
		this.tx = tx;
	}

	/**
	 * Asks for a reset. The answer is the same whether or not the identifier names an account (EN-03):
	 * empty, or the network's wait when it asked too often. The request only joins a queue, the same work
	 * for every identifier, so the answer's timing says nothing either; {@link #handleQueued} sends the
	 * message a moment later. Reset requests never lock anything (RP-01).
	 */
	public Optional<Duration> request(String rawIdentifier, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.hit(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return limited;
		}
		String identifier = Identifier.parse(rawIdentifier).map(Identifier::value).orElse("");
		this.resets.queueRequest(new PasswordResets.Request(identifier, context.ip().toString(), context.userAgent(),
				this.clock.instant()));
		return Optional.empty();
	}

	/**
	 * RC-06: support staff start a reset for an account (the owner asked them to); the link or code goes to
	 * the account's own email (or phone), exactly as if the owner had asked. Staff never see or set the
	 * password or the secret; the request is recorded with who made it.
	 */
	public boolean startForAccount(UUID accountId, String actor, RequestContext context) {
		Optional<Account> account = this.accounts.find(accountId).filter(a -> a.status() == Account.Status.ACTIVE);
		if (account.isEmpty()) {
			return false;
		}
		Identifier to = account.get().email() != null ? account.get().email()
				: java.util.Objects.requireNonNull(account.get().phone());
		this.tx.executeWithoutResult(s -> {
			this.resets.queueRequest(new PasswordResets.Request(to.value(), context.ip().toString(), context.userAgent(),
					this.clock.instant()));
			this.events.publishEvent(new RecoveryEvents.PasswordResetStartedByStaff(accountId, actor, context));
		});
		return true;
	}

	/** Handles waiting requests, each in a transaction of its own; any node may, each request once. */
	@Scheduled(fixedDelayString = "${gatehouse.recovery.poll-interval:500ms}")
	void handleQueued() {
		for (int i = 0; i < 50; i++) {
			Boolean handled = this.tx.execute(status -> {
				Optional<PasswordResets.Request> next = this.resets.takeRequest();
				next.ifPresent(this::handle);
				return next.isPresent();
			});
			if (!Boolean.TRUE.equals(handled)) {
				return;
			}
		}
	}

	private void handle(PasswordResets.Request request) {
		RequestContext context = RequestContext.of(io.gatehouse.kernel.ClientIp.of(request.ip()), request.userAgent());
		Optional<Identifier> identifier = Identifier.parse(request.identifier());
		Optional<Account> account = identifier.flatMap(this.accounts::findByIdentifier)
			.filter(a -> a.status() == Account.Status.ACTIVE);
		if (account.isEmpty()) {
			this.events.publishEvent(new PasswordResetRequestIgnored(
					identifier.map(Identifier::masked).orElse("(invalid)"), context));
			return;
		}
		Account a = account.get();
		Instant now = this.clock.instant();
		if (this.eventCounts.since(a.id(), "password_reset_requested", now.minus(Duration.ofHours(1)))
				>= this.properties.maxRequestsPerHour()) {
			// At most a few messages an hour per account, whichever networks ask: no mailbox flooding.
			return;
		}
		// The message goes to the address the person typed (it is the account's); a phone-only account gets
		// a code, since a link in a text message is what phishing looks like.
		Identifier to = identifier.get();
		if (to.kind() == Identifier.Kind.EMAIL) {
			String token = "ghr_" + this.randomness.token(TOKEN_BYTES);
			this.resets.issue(a.id(), PasswordResets.Kind.LINK, linkHash(token), now,
					now.plus(this.properties.linkValidity()));
			this.events.publishEvent(new PasswordResetRequested(a.id(), to,
					this.gatehouse.link("/reset-password?token=" + token), null,
					(int) this.properties.linkValidity().toMinutes(), context));
		}
		else {
			String code = this.randomness.digits(CODE_DIGITS);
			this.resets.issue(a.id(), PasswordResets.Kind.CODE, codeHash(a.id(), code), now,
					now.plus(this.properties.codeValidity()));
			this.events.publishEvent(new PasswordResetRequested(a.id(), to, null, code,
					(int) this.properties.codeValidity().toMinutes(), context));
		}
	}

	/** Whether a link's token is live now, without spending it: the reset page shows its form only then. */
	public boolean linkIsLive(String token) {
		return wellFormedToken(token) && this.resets
			.findLive(linkHash(token), this.clock.instant(), this.properties.maxWrongCodes())
			.filter(r -> r.kind() == PasswordResets.Kind.LINK)
			.isPresent();
	}

	/**
	 * Sets the new password with a link's token, or with an identifier and a texted code. Anything that is
	 * not a live secret gets one answer (RP-02, RP-10), and counts against the network's reset budget. A
	 * refused new password does not spend the secret.
	 */
	public Result reset(@Nullable String token, @Nullable String rawIdentifier, @Nullable String code,
			String newPassword, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.exceeded(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return new Result.Limited(limited.get());
		}
		Instant now = this.clock.instant();
		UUID accountId;
		byte[] secret;
		String channel;
		if (token != null && !token.isBlank()) {
			if (!wellFormedToken(token)) {
				return invalid(null, context);
			}
			secret = linkHash(token);
			Optional<PasswordResets.Reset> live = this.resets.findLive(secret, now, this.properties.maxWrongCodes())
				.filter(r -> r.kind() == PasswordResets.Kind.LINK);
			if (live.isEmpty()) {
				return invalid(null, context);
			}
			accountId = live.get().accountId();
			channel = "email_link";
		}
		else if (rawIdentifier != null && code != null) {
			Optional<Account> account = Identifier.parse(rawIdentifier).flatMap(this.accounts::findByIdentifier);
			String presented = code.strip();
			if (account.isEmpty()) {
				return invalid(null, context);
			}
			accountId = account.get().id();
			secret = codeHash(accountId, presented);
			if (this.resets.findLive(secret, now, this.properties.maxWrongCodes()).isEmpty()) {
				UUID id = accountId;
				this.tx.executeWithoutResult(s -> this.resets.countWrong(id, now));
				return invalid(accountId, context);
			}
			channel = "sms_code";
		}
		else {
			return new Result.Refused(RecoveryRejection.RESET_REQUEST_INVALID);
		}
		if (this.accounts.find(accountId).filter(a -> a.status() == Account.Status.ACTIVE).isEmpty()) {
			// Frozen or disabled since the request: a reset is not the way back in (unfreezing needs more).
			return invalid(accountId, context);
		}
		if (Passwords.length(newPassword) > Passwords.MAX_LENGTH) {
			return new Result.Refused(io.gatehouse.password.PasswordRejection.TOO_LONG);
		}
		Optional<Rejection> refused = this.passwords.vetNewPassword(accountId, newPassword);
		if (refused.isPresent()) {
			return new Result.Refused(refused.get());
		}
		String hash = this.hasher.hash(newPassword);
		UUID id = accountId;
		Boolean done = this.tx.execute(status -> {
			if (!this.resets.spend(id, secret, this.clock.instant(), this.properties.maxWrongCodes())) {
				return false;
			}
			this.passwords.resetTo(id, hash, channel, context);
			this.events.publishEvent(new ApiKeysSuspended(id, "password_reset", context));
			// Control of the mailbox or phone is proof enough to end a lock: the old password is gone anyway.
			this.throttle.clear(this.throttle.account(id));
			return true;
		});
		return Boolean.TRUE.equals(done) ? new Result.Done(accountId) : invalid(accountId, context);
	}

	private Result invalid(@Nullable UUID accountId, RequestContext context) {
		this.tx.executeWithoutResult(s -> {
			this.rateLimits.record(LimitedAction.RESET, context.ip());
			this.events.publishEvent(new PasswordResetFailed(accountId, context));
		});
		return new Result.Refused(RecoveryRejection.RESET_INVALID);
	}

	/** Any change of password makes outstanding reset secrets worthless (RP-04). */
	@EventListener
	void on(PasswordChanged event) {
		this.resets.revoke(event.accountId());
	}

	/** RP-04: so does a change of email or phone; a secret sent to the old address must not outlive it. */
	@EventListener
	void on(io.gatehouse.account.Contacts.ContactChanged event) {
		this.resets.revoke(event.accountId());
	}

	@Scheduled(fixedDelayString = "${gatehouse.recovery.cleanup-interval:PT1H}")
	void deleteExpired() {
		this.resets.deleteExpiredBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}

	private byte[] linkHash(String token) {
		return this.keyedHash.hash(LINK_PURPOSE, token);
	}

	private byte[] codeHash(UUID accountId, String code) {
		return this.keyedHash.hash(CODE_PURPOSE, accountId + ":" + code);
	}

	private static boolean wellFormedToken(String token) {
		return Randomness.isPrefixedToken(token, "ghr_");
	}

	public sealed interface Result {

		/** The password is set; the person signs in with it (and their second factor). */
		record Done(UUID accountId) implements Result {
		}

		record Refused(Rejection rejection) implements Result {
		}

		/** Too many failures from this network. */
		record Limited(Duration retryAfter) implements Result {
		}
	}
}
