package io.gatehouse.factor;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.ContactService;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PhoneNumber;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SMS codes, the restricted second factor (PRODUCT.md §1.3): offered at sign-in only to accounts with no
 * stronger factor, never accepted for step-up, so never enough alone to withdraw, remove a factor or
 * recover an account. Codes are six digits, ten minutes, bound to one purpose and one request; a resend
 * replaces the code and keeps its counters; sends are limited per account, destination and IP. Wrong
 * codes count in the account's {@link SecondFactorThrottle} like every other factor ({@link SmsChallenges}).
 */
@Service
public class SmsFactorService {

	private final SmsFactors factors;

	private final SmsChallenges challenges;

	private final Accounts accounts;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final FactorChanges changes;

	SmsFactorService(SmsFactors factors, SmsChallenges challenges, Accounts accounts, TransactionTemplate tx,
			Clock clock, FactorChanges changes) {
		this.changes = changes;
		this.factors = factors;
		this.challenges = challenges;
		this.accounts = accounts;
		this.tx = tx;
		this.clock = clock;
	}

	public boolean hasActive(UUID accountId) {
		return phone(accountId).isPresent();
	}

	/** The number codes go to, masked for display. */
	public Optional<String> maskedPhone(UUID accountId) {
		return phone(accountId).map(p -> new PhoneNumber(p).masked());
	}

	private Optional<String> phone(UUID accountId) {
		return this.factors.phone(accountId);
	}

	/**
	 * Starts turning SMS codes on (after step-up, checked by the caller): a code goes to the account's
	 * phone, or to {@code rawPhone} when the account has none yet.
	 */
	public Sent startEnrolment(Actor.Customer session, @Nullable String rawPhone, RequestContext context) {
		if (hasActive(session.accountId())) {
			return new Sent.Refused(FactorRejection.SMS_ALREADY_ENROLLED);
		}
		Account account = this.accounts.find(session.accountId()).orElseThrow();
		PhoneNumber phone;
		if (account.phone() != null) {
			if (rawPhone != null && !rawPhone.isBlank()
					&& !PhoneNumber.parse(rawPhone).map(account.phone()::equals).orElse(false)) {
				return new Sent.Refused(FactorRejection.PHONE_MISMATCH);
			}
			phone = account.phone();
		}
		else {
			Optional<PhoneNumber> parsed = rawPhone == null ? Optional.empty() : PhoneNumber.parse(rawPhone);
			if (parsed.isEmpty()) {
				return new Sent.Refused(FactorRejection.PHONE_INVALID);
			}
			phone = parsed.get();
		}
		return this.challenges.send(session.accountId(), SmsCodes.Purpose.SMS_ENROL, session.sessionId(), phone.value(),
				"To turn on SMS codes for your account", context);
	}

	/** Confirms the code sent by {@link #startEnrolment}: the phone is bound (if new) and SMS codes are on. */
	public Optional<Rejection> confirmEnrolment(Actor.Customer session, String code, RequestContext context) {
		SmsChallenges.Checked checked = this.challenges.check(session.accountId(), SmsCodes.Purpose.SMS_ENROL, session.sessionId(), code, context);
		if (checked.rejection() != null) {
			return Optional.of(checked.rejection());
		}
		String destination = Objects.requireNonNull(checked.destination());
		try {
			return this.tx.execute(s -> {
				Account account = this.accounts.find(session.accountId()).orElseThrow();
				Instant now = this.clock.instant();
				if (account.phone() == null
						&& !this.accounts.bindPhone(session.accountId(), new PhoneNumber(destination), now)) {
					s.setRollbackOnly();
					return Optional.<Rejection>of(FactorRejection.PHONE_UNAVAILABLE);
				}
				if (account.phone() != null && !account.phone().value().equals(destination)) {
					s.setRollbackOnly();
					return Optional.<Rejection>of(FactorRejection.PHONE_MISMATCH);
				}
				if (!this.factors.insert(session.accountId(), destination, now)) {
					s.setRollbackOnly();
					return Optional.<Rejection>of(FactorRejection.SMS_ALREADY_ENROLLED);
				}
				this.changes.enrolled(session.accountId(), null, "sms", context);
				return Optional.<Rejection>empty();
			});
		}
		catch (DataAccessException ex) {
			// Another account bound the same number between our check and our write.
			return Optional.of(FactorRejection.PHONE_UNAVAILABLE);
		}
	}

	/** Sends (or re-sends) the sign-in code of this flow to the account's SMS number. */
	public Sent sendSignInCode(UUID flowId, UUID accountId, RequestContext context) {
		Optional<String> phone = phone(accountId);
		if (phone.isEmpty()) {
			return new Sent.Refused(FactorRejection.SMS_NOT_ENROLLED);
		}
		return this.challenges.send(accountId, SmsCodes.Purpose.SMS_SIGN_IN, flowId, phone.get(), "To finish signing in", context);
	}

	/** The second step of a sign-in with the code sent for this flow. */
	public Optional<Rejection> verifySignIn(UUID flowId, UUID accountId, String code, RequestContext context) {
		return Optional
			.ofNullable(this.challenges.check(accountId, SmsCodes.Purpose.SMS_SIGN_IN, flowId, code, context).rejection());
	}

	/** Turns SMS codes off (after step-up with the password, checked by the caller). */
	public boolean remove(Actor.Customer session, RequestContext context) {
		return Boolean.TRUE.equals(this.tx.execute(s -> {
			if (!this.factors.delete(session.accountId())) {
				return false;
			}
			this.changes.removed(session, "sms", context);
			return true;
		}));
	}

	/**
	 * OB-08: a phone change is the binding of a new authenticator. Codes go to the new number from now on
	 * (it was proven by a code of its own); a removed number takes SMS codes with it. In the changing
	 * transaction.
	 */
	@EventListener
	void on(ContactService.ContactChanged event) {
		if (event.kind() != Identifier.Kind.PHONE) {
			return;
		}
		if (event.to() == null) {
			this.factors.delete(event.accountId());
		}
		else {
			this.factors.changePhone(event.accountId(), event.to().value());
		}
	}

	public sealed interface Sent {

		/** @param destination the masked number the code went to */
		record Done(String destination) implements Sent {
		}

		record Refused(Rejection rejection) implements Sent {
		}
	}
}
