package io.gatehouse.recovery.reset;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.CaptchaAction;
import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RequestGate;
import io.gatehouse.account.Account;
import io.gatehouse.account.AccountEvents.PasswordChanged;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.ContactService;
import io.gatehouse.account.Identifier;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.reset.ResetEvents.PasswordResetStartedByStaff;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asking for a reset (PRODUCT.md 1.7, security-tests.md B8). A request always gets the same answer and
 * only joins a queue, the same work for every identifier (EN-03); {@link ResetSender} sends the message a
 * moment later. Reset requests never lock anything (RP-01). Any change of password, email or phone makes
 * outstanding secrets worthless (RP-04).
 */
@Service
public class ResetRequests {

	private final PasswordResets resets;

	private final Accounts accounts;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	private final RequestGate gate;

	ResetRequests(PasswordResets resets, Accounts accounts, ApplicationEventPublisher events, TransactionTemplate tx,
			Clock clock, RequestGate gate) {
		this.gate = gate;
		this.resets = resets;
		this.accounts = accounts;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * Asks for a reset: passed (the same answer for every identifier), or the network's wait, or a CAPTCHA
	 * needed ({@link RequestGate}).
	 */
	public RequestGate.Answer request(String rawIdentifier, @Nullable String captcha, RequestContext context) {
		RequestGate.Answer admitted = this.gate.admit(CaptchaAction.RESET, LimitedAction.RESET, context.ip(), captcha);
		if (!(admitted instanceof RequestGate.Answer.Pass)) {
			return admitted;
		}
		String identifier = Identifier.parse(rawIdentifier).map(Identifier::value).orElse("");
		this.resets.queueRequest(new PasswordResets.Request(identifier, context.ip().toString(), context.userAgent(),
				this.clock.instant()));
		return admitted;
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
				: Objects.requireNonNull(account.get().phone());
		this.tx.executeWithoutResult(s -> {
			this.resets.queueRequest(new PasswordResets.Request(to.value(), context.ip().toString(), context.userAgent(),
					this.clock.instant()));
			this.events.publishEvent(new PasswordResetStartedByStaff(accountId, actor, context));
		});
		return true;
	}

	@EventListener
	void on(PasswordChanged event) {
		this.resets.revoke(event.accountId());
	}

	/** A secret sent to the old address must not outlive it. */
	@EventListener
	void on(ContactService.ContactChanged event) {
		this.resets.revoke(event.accountId());
	}

	@Scheduled(fixedDelayString = "${gatehouse.recovery.cleanup-interval:PT1H}")
	void deleteExpired() {
		this.resets.deleteExpiredBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}
}
