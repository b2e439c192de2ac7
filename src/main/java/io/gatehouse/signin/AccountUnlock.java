package io.gatehouse.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.gatehouse.abuse.PasswordThrottle;
import io.gatehouse.account.Account;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PasswordCheck;
import io.gatehouse.factor.CodeFactors;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Unlock account" (PRODUCT.md 1.5), after the code was sent ({@link UnlockRequests}): the code, then,
 * when the account has an authenticator app or backup codes, one of those. Ends the lock and the failure
 * streak; the password is still needed to sign in.
 */
@Service
public class AccountUnlock {

	private final PasswordCheck passwords;

	private final UnlockCodes codes;

	private final PasswordThrottle throttle;

	private final SecondFactorService secondFactors;

	private final CodeFactors codeFactors;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	AccountUnlock(PasswordCheck passwords, UnlockCodes codes, PasswordThrottle throttle,
			SecondFactorService secondFactors, CodeFactors codeFactors, Clock clock,
			ApplicationEventPublisher events, TransactionTemplate tx) {
		this.passwords = passwords;
		this.codes = codes;
		this.throttle = throttle;
		this.secondFactors = secondFactors;
		this.codeFactors = codeFactors;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
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
		String ticket = this.codes.attachTicket(account.id(), this.clock.instant());
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
			case "totp" -> this.codeFactors.verify(accountId.get(), SecondFactorService.Kind.TOTP, code, context);
			case "backup_code" -> this.codeFactors.verify(accountId.get(), SecondFactorService.Kind.BACKUP_CODE, code,
					context);
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
			this.events.publishEvent(new SignInEvents.AccountUnlocked(accountId, context));
		});
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
}
