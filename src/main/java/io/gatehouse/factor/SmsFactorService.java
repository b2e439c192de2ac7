package io.gatehouse.factor;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.ContactService;
import io.gatehouse.account.CooldownService;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PhoneNumber;
import io.gatehouse.factor.FactorEvents.FactorEnrolled;
import io.gatehouse.factor.FactorEvents.FactorRemoved;
import io.gatehouse.factor.FactorEvents.SecondFactorFailed;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.session.SessionService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SMS codes, the restricted second factor (PRODUCT.md §1.3): offered at sign-in only to accounts with no
 * stronger factor, never accepted for step-up, so never enough alone to withdraw, remove a factor or
 * recover an account. Codes are six digits, ten minutes, bound to one purpose and one request; a resend
 * replaces the code and keeps its counters; sends are limited per account, destination and IP. Wrong
 * codes count in the account's {@link SecondFactorThrottle} like every other factor.
 */
@Service
public class SmsFactorService {

	private final SmsCodes codes;

	private final JdbcClient jdbc;

	private final Accounts accounts;

	private final SecondFactorThrottle throttle;

	private final Randomness randomness;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final CooldownService cooldowns;

	private final SessionService sessions;

	private final RateLimits rateLimits;

	SmsFactorService(SmsCodes codes, JdbcClient jdbc, Accounts accounts, SecondFactorThrottle throttle,
			Randomness randomness, Clock clock, ApplicationEventPublisher events,
			TransactionTemplate tx, CooldownService cooldowns, SessionService sessions,
			RateLimits rateLimits) {
		this.rateLimits = rateLimits;
		this.codes = codes;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.throttle = throttle;
		this.randomness = randomness;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
		this.cooldowns = cooldowns;
		this.sessions = sessions;
	}

	public boolean hasActive(UUID accountId) {
		return phone(accountId).isPresent();
	}

	/** The number codes go to, masked for display. */
	public Optional<String> maskedPhone(UUID accountId) {
		return phone(accountId).map(p -> new PhoneNumber(p).masked());
	}

	private Optional<String> phone(UUID accountId) {
		return this.jdbc.sql("select phone from sms_factors where account_id = ?")
			.param(accountId)
			.query(String.class)
			.optional();
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
		return send(session.accountId(), SmsCodes.Purpose.SMS_ENROL, session.sessionId(), phone.value(),
				"To turn on SMS codes for your account", context);
	}

	/** Confirms the code sent by {@link #startEnrolment}: the phone is bound (if new) and SMS codes are on. */
	public Optional<Rejection> confirmEnrolment(Actor.Customer session, String code, RequestContext context) {
		Checked checked = check(session.accountId(), SmsCodes.Purpose.SMS_ENROL, session.sessionId(), code, context);
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
				int inserted = this.jdbc.sql("""
						insert into sms_factors (account_id, phone, enabled_at) values (?, ?, ?)
						on conflict (account_id) do nothing""")
					.params(session.accountId(), destination, Timestamp.from(now))
					.update();
				if (inserted == 0) {
					s.setRollbackOnly();
					return Optional.<Rejection>of(FactorRejection.SMS_ALREADY_ENROLLED);
				}
				this.events.publishEvent(new FactorEnrolled(session.accountId(), null, "sms", context));
				this.cooldowns.start(session.accountId(), CooldownService.SECURITY_CHANGE, "factor_enrolled", context);
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
		return send(accountId, SmsCodes.Purpose.SMS_SIGN_IN, flowId, phone.get(), "To finish signing in", context);
	}

	/** The second step of a sign-in with the code sent for this flow. */
	public Optional<Rejection> verifySignIn(UUID flowId, UUID accountId, String code, RequestContext context) {
		return Optional.ofNullable(check(accountId, SmsCodes.Purpose.SMS_SIGN_IN, flowId, code, context).rejection());
	}

	/** Turns SMS codes off (after step-up with the password, checked by the caller). */
	public boolean remove(Actor.Customer session, RequestContext context) {
		return Boolean.TRUE.equals(this.tx.execute(s -> {
			if (this.jdbc.sql("delete from sms_factors where account_id = ?").param(session.accountId()).update() == 0) {
				return false;
			}
			this.events.publishEvent(new FactorRemoved(session.accountId(), session.sessionId(), "sms", context));
			this.sessions.revokeOthers(session.accountId(), session.sessionId(), "factor_removed", context);
			this.cooldowns.start(session.accountId(), CooldownService.SECURITY_CHANGE, "factor_removed", context);
			return true;
		}));
	}

	private Sent send(UUID accountId, SmsCodes.Purpose purpose, UUID binding, String destination, String why,
			RequestContext context) {
		Instant now = this.clock.instant();
		String ip = context.ip().toString();
		// The network's code-send budget (per IP and per subnet), on top of this factor's own limits.
		if (this.rateLimits.hit(LimitedAction.CODE_SEND, context.ip()).isPresent()) {
			return new Sent.Refused(FactorRejection.SMS_SEND_LIMIT);
		}
		String code = this.randomness.digits(6);
		Rejection refused = this.tx.execute(s -> {
			// Check and log under one lock, so parallel requests cannot all slip under the limits.
			this.codes.lockSenders(accountId, destination, ip);
			if (!this.codes.maySend(accountId, destination, ip, now)) {
				return FactorRejection.SMS_SEND_LIMIT;
			}
			if (!this.codes.issue(this.randomness.uuid(), accountId, purpose, binding, destination, code, ip, now)) {
				return FactorRejection.SMS_CODE_USED_UP;
			}
			this.events.publishEvent(new FactorEvents.SmsCodeIssued(accountId, new PhoneNumber(destination),
					purpose.name().toLowerCase(Locale.ROOT), why, code, (int) SmsCodes.VALIDITY.toMinutes(),
					context));
			return null;
		});
		return refused != null ? new Sent.Refused(refused) : new Sent.Done(new PhoneNumber(destination).masked());
	}

	/** Either the destination of the redeemed code, or why it was refused. */
	private record Checked(@Nullable String destination, @Nullable Rejection rejection) {
	}

	private Checked check(UUID accountId, SmsCodes.Purpose purpose, UUID binding, String code,
			RequestContext context) {
		Instant now = this.clock.instant();
		OptionalInt attempt = this.throttle.reserve(accountId, now);
		if (attempt.isEmpty()) {
			return new Checked(null, FactorRejection.TOO_MANY_FAILURES);
		}
		String presented = code.replace(" ", "");
		Optional<String> destination = presented.length() == 6 && presented.chars().allMatch(Character::isDigit)
				? this.codes.redeem(accountId, purpose, binding, presented, now) : Optional.empty();
		if (destination.isEmpty()) {
			this.tx.executeWithoutResult(s -> this.events
				.publishEvent(new SecondFactorFailed(accountId, "sms", false, attempt.getAsInt(), context)));
			return new Checked(null, FactorRejection.SMS_CODE_INVALID);
		}
		this.throttle.succeed(accountId);
		return new Checked(destination.get(), null);
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
			this.jdbc.sql("delete from sms_factors where account_id = ?").param(event.accountId()).update();
		}
		else {
			this.jdbc.sql("update sms_factors set phone = ? where account_id = ?")
				.params(event.to().value(), event.accountId())
				.update();
		}
	}

	/** Deletes codes and send records older than a day. */
	@Scheduled(fixedDelayString = "${gatehouse.sms.cleanup-interval:PT1H}")
	void deleteOld() {
		this.codes.deleteExpiredBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}

	public sealed interface Sent {

		/** @param destination the masked number the code went to */
		record Done(String destination) implements Sent {
		}

		record Refused(Rejection rejection) implements Sent {
		}
	}
}
