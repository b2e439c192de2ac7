package io.gatehouse.recovery.reset;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.PasswordThrottle;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.Account;
import io.gatehouse.account.AccountEvents.ApiKeysSuspended;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PasswordChangeService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.password.PasswordHasher;
import io.gatehouse.password.PasswordRejection;
import io.gatehouse.password.Passwords;
import io.gatehouse.recovery.RecoveryRejection;
import io.gatehouse.recovery.reset.ResetEvents.PasswordResetFailed;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Setting the new password with a reset secret (PRODUCT.md 1.7, security-tests.md B8). It spends the
 * secret atomically, ends every session, suspends API keys, starts the 24 h cooldown and tells the owner
 * everywhere; it never signs anyone in, so the second factor is still asked at the next sign-in.
 */
@Service
public class PasswordResetService {

	private final ResetSecrets secrets;

	private final Accounts accounts;

	private final PasswordChangeService passwords;

	private final PasswordHasher hasher;

	private final PasswordThrottle throttle;

	private final RateLimits rateLimits;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	PasswordResetService(ResetSecrets secrets, Accounts accounts, PasswordChangeService passwords,
			PasswordHasher hasher, PasswordThrottle throttle, RateLimits rateLimits, ApplicationEventPublisher events,
			TransactionTemplate tx) {
		this.secrets = secrets;
		this.accounts = accounts;
		this.passwords = passwords;
		this.hasher = hasher;
		this.throttle = throttle;
		this.rateLimits = rateLimits;
		this.events = events;
		this.tx = tx;
	}

	/** Whether a link's token is live now, without spending it: the reset page shows its form only then. */
	public boolean linkIsLive(String token) {
		return this.secrets.liveLink(token).isPresent();
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
		ResetSecrets.Live live;
		if (token != null && !token.isBlank()) {
			Optional<ResetSecrets.Live> found = this.secrets.liveLink(token);
			if (found.isEmpty()) {
				return invalid(null, context);
			}
			live = found.get();
		}
		else if (rawIdentifier != null && code != null) {
			Optional<Account> account = Identifier.parse(rawIdentifier).flatMap(this.accounts::findByIdentifier);
			if (account.isEmpty()) {
				return invalid(null, context);
			}
			Optional<ResetSecrets.Live> found = this.tx.execute(s -> this.secrets.liveCode(account.get().id(), code));
			if (found == null || found.isEmpty()) {
				return invalid(account.get().id(), context);
			}
			live = found.get();
		}
		else {
			return new Result.Refused(RecoveryRejection.RESET_REQUEST_INVALID);
		}
		UUID accountId = live.accountId();
		if (this.accounts.find(accountId).filter(a -> a.status() == Account.Status.ACTIVE).isEmpty()) {
			// Frozen or disabled since the request: a reset is not the way back in (unfreezing needs more).
			return invalid(accountId, context);
		}
		if (Passwords.length(newPassword) > Passwords.MAX_LENGTH) {
			return new Result.Refused(PasswordRejection.TOO_LONG);
		}
		Optional<Rejection> refused = this.passwords.vetNewPassword(accountId, newPassword);
		if (refused.isPresent()) {
			return new Result.Refused(refused.get());
		}
		String hash = this.hasher.hash(newPassword);
		Boolean done = this.tx.execute(status -> {
			if (!this.secrets.spend(live)) {
				return false;
			}
			this.passwords.resetTo(accountId, hash, live.channel(), context);
			this.events.publishEvent(new ApiKeysSuspended(accountId, "password_reset", context));
			// Control of the mailbox or phone is proof enough to end a lock: the old password is gone anyway.
			this.throttle.clear(this.throttle.account(accountId));
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
