package io.gatehouse.factor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.PhoneNumber;
import io.gatehouse.factor.FactorEvents.SecondFactorFailed;
import io.gatehouse.factor.SmsFactorService.Sent;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending an SMS code and checking the one that comes back: six digits, ten minutes, bound to one purpose
 * and one request; sends limited per account, destination and IP and by the network's budget; wrong codes
 * count in the account's {@link SecondFactorThrottle}.
 */
@Component
class SmsChallenges {

	private static final int DIGITS = 6;

	private final SmsCodes codes;

	private final SecondFactorThrottle throttle;

	private final RateLimits rateLimits;

	private final Randomness randomness;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	SmsChallenges(SmsCodes codes, SecondFactorThrottle throttle, RateLimits rateLimits, Randomness randomness,
			ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.codes = codes;
		this.throttle = throttle;
		this.rateLimits = rateLimits;
		this.randomness = randomness;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	Sent send(UUID accountId, SmsCodes.Purpose purpose, UUID binding, String destination, String why,
			RequestContext context) {
		Instant now = this.clock.instant();
		String ip = context.ip().toString();
		// The network's code-send budget (per IP and per subnet), on top of this factor's own limits.
		if (this.rateLimits.hit(LimitedAction.CODE_SEND, context.ip()).isPresent()) {
			return new Sent.Refused(FactorRejection.SMS_SEND_LIMIT);
		}
		String code = this.randomness.digits(DIGITS);
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
	record Checked(@Nullable String destination, @Nullable Rejection rejection) {
	}

	Checked check(UUID accountId, SmsCodes.Purpose purpose, UUID binding, String code, RequestContext context) {
		Instant now = this.clock.instant();
		OptionalInt attempt = this.throttle.reserve(accountId, now);
		if (attempt.isEmpty()) {
			return new Checked(null, FactorRejection.TOO_MANY_FAILURES);
		}
		String presented = code.replace(" ", "");
		Optional<String> destination = presented.length() == DIGITS && presented.chars().allMatch(Character::isDigit)
				? this.codes.redeem(accountId, purpose, binding, presented, now) : Optional.empty();
		if (destination.isEmpty()) {
			this.tx.executeWithoutResult(s -> this.events
				.publishEvent(new SecondFactorFailed(accountId, "sms", false, attempt.getAsInt(), context)));
			return new Checked(null, FactorRejection.SMS_CODE_INVALID);
		}
		this.throttle.succeed(accountId);
		return new Checked(destination.get(), null);
	}

	/** Deletes codes and send records older than a day. */
	@Scheduled(fixedDelayString = "${gatehouse.sms.cleanup-interval:PT1H}")
	void deleteOld() {
		this.codes.deleteExpiredBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}
}
