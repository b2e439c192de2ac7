package io.gatehouse.recovery.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.PasswordThrottle;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.Account;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PasswordCheck;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.RecoveryRejection;
import io.gatehouse.recovery.cases.CaseEvents.RecoveryStartFailed;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The password that opens a recovery case, checked and throttled exactly like a sign-in, so a wrong
 * password and an unknown identifier get the same answer and fill the same counter (RC-07); then whether
 * the kind of case applies to the account at all.
 */
@Component
class CaseCredentials {

	private final PasswordCheck passwords;

	private final PasswordThrottle throttle;

	private final RateLimits rateLimits;

	private final SecondFactorService secondFactors;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	CaseCredentials(PasswordCheck passwords, PasswordThrottle throttle, RateLimits rateLimits,
			SecondFactorService secondFactors, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.passwords = passwords;
		this.throttle = throttle;
		this.rateLimits = rateLimits;
		this.secondFactors = secondFactors;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	Checked check(String rawIdentifier, String password, RecoveryCase.Kind kind, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.hit(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return new Checked.Limited(limited.get());
		}
		Optional<Identifier> identifier = Identifier.parse(rawIdentifier);
		if (identifier.isEmpty()) {
			return new Checked.Refused(RecoveryRejection.CREDENTIALS_INVALID);
		}
		PasswordCheck.Candidate candidate = this.passwords.find(identifier.get());
		Account named = candidate.account();
		PasswordThrottle.Subject subject = named != null ? this.throttle.account(named.id())
				: this.throttle.unknownIdentifier(identifier.get().value());
		Instant now = this.clock.instant();
		if (this.throttle.reserve(subject, true, now).isEmpty()) {
			return new Checked.Limited(this.throttle.state(subject, now).retryAfter(now));
		}
		PasswordCheck.Outcome outcome = this.passwords.verify(candidate, password);
		Account account = outcome.account();
		if (!outcome.matched() || account == null) {
			this.tx.executeWithoutResult(s -> this.events.publishEvent(new RecoveryStartFailed(
					account == null ? null : account.id(), identifier.get().masked(), kind.wireName(), context)));
			return new Checked.Refused(RecoveryRejection.CREDENTIALS_INVALID);
		}
		this.tx.executeWithoutResult(s -> this.throttle.clear(subject));
		boolean applies = switch (kind) {
			case LOST_FACTOR -> account.status() == Account.Status.ACTIVE && this.secondFactors.anyEnrolled(account.id());
			case UNFREEZE -> account.status() == Account.Status.FROZEN;
		};
		return applies ? new Checked.Proven(account) : new Checked.Refused(RecoveryRejection.CASE_NOT_NEEDED);
	}

	sealed interface Checked {

		record Proven(Account account) implements Checked {
		}

		record Refused(Rejection rejection) implements Checked {
		}

		record Limited(Duration retryAfter) implements Checked {
		}
	}
}
