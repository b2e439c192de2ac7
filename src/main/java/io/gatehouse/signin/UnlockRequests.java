package io.gatehouse.signin;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.CaptchaAction;
import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RequestGate;
import io.gatehouse.account.Account;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.PasswordCheck;
import io.gatehouse.audit.EventCounts;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asking to unlock an account (PRODUCT.md 1.5): a code to the email or phone the person names. Asking is
 * enumeration-safe: the answer is the same whether or not the identifier names an account, only a real
 * account gets a message, and every request counts against the network's reset budget (EN-04).
 */
@Service
public class UnlockRequests {

	/** Unlock codes one account may be sent per hour, from all networks together. */
	static final int MAX_SENDS_PER_HOUR = 5;

	private final PasswordCheck passwords;

	private final UnlockCodes codes;

	private final EventCounts eventCounts;

	private final Randomness randomness;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final RequestGate gate;

	UnlockRequests(PasswordCheck passwords, UnlockCodes codes, EventCounts eventCounts, Randomness randomness,
			Clock clock, ApplicationEventPublisher events, TransactionTemplate tx, RequestGate gate) {
		this.gate = gate;
		this.passwords = passwords;
		this.codes = codes;
		this.eventCounts = eventCounts;
		this.randomness = randomness;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	/**
	 * Sends an unlock code to the identifier, if it names an active account. Counted against the
	 * network's reset budget whatever the identifier (EN-04).
	 *
	 * @return passed (the same for every identifier), the network's wait, or a CAPTCHA needed
	 */
	public RequestGate.Answer request(String rawIdentifier, @Nullable String captcha, RequestContext context) {
		RequestGate.Answer admitted = this.gate.admit(CaptchaAction.UNLOCK, LimitedAction.RESET, context.ip(), captcha);
		if (!(admitted instanceof RequestGate.Answer.Pass)) {
			return admitted;
		}
		Optional<Identifier> identifier = Identifier.parse(rawIdentifier);
		Account account = identifier.map(i -> this.passwords.find(i).account()).orElse(null);
		if (identifier.isEmpty() || account == null || account.status() != Account.Status.ACTIVE) {
			return admitted;
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
				this.events.publishEvent(new SignInEvents.UnlockCodeIssued(account.id(), identifier.get(), code,
						(int) UnlockCodes.VALIDITY.toMinutes(), context));
			}
		});
		return admitted;
	}

	@Scheduled(fixedDelayString = "${gatehouse.signin.cleanup-interval:PT10M}")
	void deleteOldCodes() {
		this.codes.deleteExpiredBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}
}
