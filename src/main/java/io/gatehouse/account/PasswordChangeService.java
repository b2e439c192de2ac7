package io.gatehouse.account;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.abuse.PasswordThrottle;
import io.gatehouse.account.AccountEvents.PasswordChangeRefused;
import io.gatehouse.account.AccountEvents.PasswordChanged;
import io.gatehouse.account.Accounts.Credentials;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.password.PasswordHasher;
import io.gatehouse.password.PasswordRejection;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Change of password by its owner: the current password, then a new one that meets the policy and
 * differs from the last five. On success every other session is revoked and the owner is notified
 * (both by listeners of {@link PasswordChanged}, in the same transaction).
 */
@Service
public class PasswordChangeService {

	private final Accounts accounts;

	private final PasswordHasher hasher;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final CooldownService cooldowns;

	private final PasswordThrottle throttle;

	private final NewPasswords newPasswords;

	PasswordChangeService(Accounts accounts, PasswordHasher hasher, Clock clock, ApplicationEventPublisher events,
			TransactionTemplate tx, CooldownService cooldowns, PasswordThrottle throttle, NewPasswords newPasswords) {
		this.newPasswords = newPasswords;
		this.throttle = throttle;
		this.cooldowns = cooldowns;
		this.accounts = accounts;
		this.hasher = hasher;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	public Optional<Rejection> change(Actor.Customer session, String currentPassword, String newPassword,
			RequestContext context) {
		Optional<Credentials> found = this.accounts.findCredentials(session.accountId());
		if (found.isEmpty()) {
			return Optional.of(AccountRejection.ACCOUNT_NOT_FOUND);
		}
		Credentials credentials = found.get();
		// PW-05: the current password is a password guess like sign-in's: it counts in the account's throttle
		// before any hash is computed, so a stolen session can neither guess freely nor burn CPU on Argon2id.
		PasswordThrottle.Subject subject = this.throttle.account(session.accountId());
		if (this.throttle.reserve(subject, true, this.clock.instant()).isEmpty()) {
			return refuse(session, AccountRejection.CURRENT_PASSWORD_THROTTLED, context);
		}
		if (this.newPasswords.tooLongToHash(currentPassword)
				|| !this.hasher.verify(credentials.passwordHash(), currentPassword).matches()) {
			return refuse(session, AccountRejection.CURRENT_PASSWORD_INCORRECT, context);
		}
		this.throttle.clear(subject);
		if (newPassword.equals(currentPassword)) {
			return refuse(session, PasswordRejection.SAME_AS_CURRENT, context);
		}
		Optional<Rejection> refused = this.newPasswords.vet(credentials, newPassword);
		if (refused.isPresent()) {
			return refuse(session, refused.get(), context);
		}
		String newHash = this.hasher.hash(newPassword);
		this.tx.executeWithoutResult(status -> {
			this.accounts.changePassword(session.accountId(), newHash, this.clock.instant());
			this.events.publishEvent(new PasswordChanged(session.accountId(), session.sessionId(), context));
			this.cooldowns.start(session.accountId(), CooldownService.SECURITY_CHANGE, "password_changed", context);
		});
		return Optional.empty();
	}

	/**
	 * Whether {@code newPassword} may become the account's password: the policy, and different from the
	 * current one and the five before it. Writes nothing.
	 */
	public Optional<Rejection> vetNewPassword(UUID accountId, String newPassword) {
		return this.accounts.findCredentials(accountId)
			.<Optional<Rejection>>map(credentials -> this.newPasswords.vet(credentials, newPassword))
			.orElseGet(() -> Optional.of(AccountRejection.ACCOUNT_NOT_FOUND));
	}

	/**
	 * Sets a password vetted by {@link #vetNewPassword} after a reset; call inside the transaction that
	 * spent the reset token. Listeners end every session and tell the owner on every channel; withdrawals
	 * cool down for 24 h.
	 *
	 * @param channel how the person proved control: {@code email_link} or {@code sms_code}
	 */
	@org.springframework.transaction.annotation.Transactional
	public void resetTo(UUID accountId, String newPasswordHash, String channel, RequestContext context) {
		this.accounts.changePassword(accountId, newPasswordHash, this.clock.instant());
		this.events.publishEvent(new AccountEvents.PasswordReset(accountId, channel, context));
		this.cooldowns.start(accountId, CooldownService.SECURITY_CHANGE, "password_reset", context);
	}

	private Optional<Rejection> refuse(Actor.Customer session, Rejection rejection, RequestContext context) {
		this.tx.executeWithoutResult(status -> this.events.publishEvent(
				new PasswordChangeRefused(session.accountId(), session.sessionId(), rejection.code(), context)));
		return Optional.of(rejection);
	}
}
