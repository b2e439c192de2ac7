package io.gatehouse.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.PasswordThrottle;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.Account;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PasswordCheck;
import io.gatehouse.audit.EventCounts;
import io.gatehouse.factor.BackupCodeService;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.factor.TotpService;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Unlock account" (PRODUCT.md 1.5): a code sent to the email or phone the person names, then, when the
 * account has an authenticator app or backup codes, one of those. Ends the lock and the failure streak;
 * the password is still needed to sign in. Asking is enumeration-safe: the answer is the same whether
 * or not the identifier names an account, and only a real account gets a message.
 */
@Service
public class AccountUnlock {

	/** Unlock codes one account may be sent per hour, from all networks together. */
	static final int MAX_SENDS_PER_HOUR = 5;

	private final PasswordCheck passwords;

	private final UnlockCodes codes;

	private final PasswordThrottle throttle;

	private final RateLimits rateLimits;

	private final SecondFactorService secondFactors;

	private final TotpService totp;

	private final BackupCodeService backupCodes;

	private final Randomness randomness;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final EventCounts eventCounts;

	AccountUnlock(PasswordCheck passwords, UnlockCodes codes, PasswordThrottle throttle, RateLimits rateLimits,
			SecondFactorService secondFactors, TotpService totp, BackupCodeService backupCodes, Randomness randomness, Clock clock,
			ApplicationEventPublisher events, TransactionTemplate tx, EventCounts eventCounts) {
		this.eventCounts = eventCounts;
		this.passwords = passwords;
		this.codes = codes;
		this.throttle = throttle;
		this.rateLimits = rateLimits;
		this.secondFactors = secondFactors;
		this.totp = totp;
		this.backupCodes = backupCodes;
		this.randomness = randomness;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	/**
	 * Sends an unlock code to the identifier, if it names an active account. Counted against the
	 * network's reset budget whatever the identifier (EN-04).
	 *
	 * @return how long to wait, when the network has asked too often
	 */
	public Optional<Duration> request(String rawIdentifier, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.hit(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return limited;
		}
		Optional<Identifier> identifier = Identifier.parse(rawIdentifier);
		Account account = identifier.map(i -> this.passwords.find(i).account()).orElse(null);
		if (identifier.isEmpty() || account == null || account.status() != Account.Status.ACTIVE) {
			return Optional.empty();
		}
		String code = this.randomness.digits(6);
		UnlockCodes.Channel channel = identifier.get().kind() == Identifier.Kind.EMAIL ? UnlockCodes.Channel.EMAIL
				: UnlockCodes.Channel.SMS;
		this.tx.executeWithoutResult(status -> {
			// At most a few codes an hour per account, whichever networks ask: no mailbox flooding.
			if (this.eventCounts.since(account.id(), "unlock_code_issued",
					this.clock.instant().minus(Duration.ofHours(1))) >= MAX_SENDS_PER_HOUR) {
				return;
			}
			if (this.codes.issue(account.id(), code, channel, this.clock.instant())) {
				this.events.publishEvent(new UnlockCodeIssued(account.id(), identifier.get(), code,
						(int) UnlockCodes.VALIDITY.toMinutes(), context));
			}
		});
		return Optional.empty();
	}

	/**
	 * The code step. Without a second factor on the account, a right code unlocks it; with one, it yields
	 * a ticket for {@link #confirmSecondFactor}.
	 */
	public Confirmed confirmCode(String rawIdentifier, String code, RequestContext context) {
		Optional<Identifier> identifier = Identifier.parse(rawIdentifier);
		Account account = identifier.map(i -> this.passwords.find(i).account()).orElse(null);
		String presented = code.replace(" ", "");
		if (account == null || !presented.matches("\\d{6}")
				|| !this.codes.redeem(account.id(), presented, this.clock.instant())) {
			return new Confirmed.Refused(UnlockRejection.CODE_INVALID);
		}
		List<SecondFactorService.Kind> allowed = this.secondFactors.allowed(account.id());
		List<String> usable = allowed.stream()
			.filter(k -> k == SecondFactorService.Kind.TOTP || k == SecondFactorService.Kind.BACKUP_CODE)
			.map(SecondFactorService.Kind::wireName)
			.toList();
		if (usable.isEmpty() && allowed.contains(SecondFactorService.Kind.PASSKEY)) {
			return new Confirmed.Refused(UnlockRejection.USE_PASSKEY);
		}
		if (usable.isEmpty()) {
			unlock(account.id(), context);
			return new Confirmed.Unlocked();
		}
		String ticket = this.randomness.token(32);
		this.codes.attachTicket(account.id(), ticket, this.clock.instant());
		return new Confirmed.SecondFactorRequired(ticket, usable);
	}

	/** The second step: a code from the authenticator app, or a backup code; then the account is unlocked. */
	public Confirmed confirmSecondFactor(String ticket, String kind, String code, RequestContext context) {
		Instant now = this.clock.instant();
		Optional<UUID> accountId = ticket.length() > 64 ? Optional.empty() : this.codes.ticketAccount(ticket, now);
		if (accountId.isEmpty()) {
			return new Confirmed.Refused(UnlockRejection.TICKET_INVALID);
		}
		Optional<Rejection> refused = switch (kind) {
			case "totp" -> this.totp.verify(accountId.get(), code, context);
			case "backup_code" -> this.backupCodes.use(accountId.get(), code, context);
			default -> Optional.of(UnlockRejection.SECOND_FACTOR_INVALID);
		};
		if (refused.isPresent()) {
			return new Confirmed.Refused(refused.get());
		}
		if (!this.codes.spendTicket(ticket, accountId.get(), now)) {
			return new Confirmed.Refused(UnlockRejection.TICKET_INVALID);
		}
		unlock(accountId.get(), context);
		return new Confirmed.Unlocked();
	}

	private void unlock(UUID accountId, RequestContext context) {
		this.tx.executeWithoutResult(status -> {
			this.throttle.unlock(accountId);
			this.events.publishEvent(new AccountUnlocked(accountId, context));
		});
	}

	@Scheduled(fixedDelayString = "${gatehouse.signin.cleanup-interval:PT10M}")
	void deleteOldCodes() {
		this.codes.deleteExpiredBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}

	public sealed interface Confirmed {

		record Unlocked() implements Confirmed {
		}

		/** @param allowedFactors {@code totp}, {@code backup_code}: what the second step accepts */
		record SecondFactorRequired(String ticket, List<String> allowedFactors) implements Confirmed {

			@Override
			public String toString() {
				return "SecondFactorRequired[ticket=<redacted>, allowedFactors=" + this.allowedFactors + "]";
			}
		}

		record Refused(Rejection rejection) implements Confirmed {
		}
	}

	/** An unlock code on its way to the person; the code reaches only the message, never the log. */
	public record UnlockCodeIssued(UUID accountId, Identifier destination, String code, int validMinutes,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "unlock_code_issued";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("destination", this.destination.masked());
		}

		@Override
		public String toString() {
			return "UnlockCodeIssued[account=" + this.accountId + ", destination=" + this.destination.masked()
					+ ", code=<redacted>]";
		}
	}

	/** The owner proved themselves through the unlock flow: the lock and the failure streak are gone. */
	public record AccountUnlocked(UUID accountId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "account_unlocked";
		}

		@Override
		public @Nullable String factor() {
			return "unlock_code";
		}
	}
}
