package io.gatehouse.recovery.reset;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.gatehouse.account.Account;
import io.gatehouse.account.Accounts;
import io.gatehouse.account.Identifier;
import io.gatehouse.audit.EventCounts;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.recovery.reset.ResetEvents.PasswordResetRequestIgnored;
import io.gatehouse.recovery.reset.ResetEvents.PasswordResetRequested;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works the queue of reset requests: any node may, each request once. An account that can be reset gets
 * a link (to the email typed) or a code (to the phone), at most a few an hour whoever asks; anything else
 * is logged and answered with nothing.
 */
@Component
class ResetSender {

	private final PasswordResets resets;

	private final ResetSecrets secrets;

	private final Accounts accounts;

	private final EventCounts eventCounts;

	private final ResetProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	ResetSender(PasswordResets resets, ResetSecrets secrets, Accounts accounts, EventCounts eventCounts,
			ResetProperties properties, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.resets = resets;
		this.secrets = secrets;
		this.accounts = accounts;
		this.eventCounts = eventCounts;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/** Handles waiting requests, each in a transaction of its own. */
	@Scheduled(fixedDelayString = "${gatehouse.recovery.poll-interval:500ms}")
	void handleQueued() {
		for (int i = 0; i < 50; i++) {
			Boolean handled = this.tx.execute(status -> {
				Optional<PasswordResets.Request> next = this.resets.takeRequest();
				next.ifPresent(this::handle);
				return next.isPresent();
			});
			if (!Boolean.TRUE.equals(handled)) {
				return;
			}
		}
	}

	private void handle(PasswordResets.Request request) {
		RequestContext context = RequestContext.of(ClientIp.of(request.ip()), request.userAgent());
		Optional<Identifier> identifier = Identifier.parse(request.identifier());
		Optional<Account> account = identifier.flatMap(this.accounts::findByIdentifier)
			.filter(a -> a.status() == Account.Status.ACTIVE);
		if (account.isEmpty()) {
			this.events.publishEvent(new PasswordResetRequestIgnored(
					identifier.map(Identifier::masked).orElse("(invalid)"), context));
			return;
		}
		Account a = account.get();
		if (this.eventCounts.since(a.id(), "password_reset_requested", this.clock.instant().minus(Duration.ofHours(1)))
				>= this.properties.maxRequestsPerHour()) {
			// At most a few messages an hour per account, whichever networks ask: no mailbox flooding.
			return;
		}
		// The message goes to the address the person typed (it is the account's); a phone-only account gets
		// a code, since a link in a text message is what phishing looks like.
		Identifier to = identifier.get();
		if (to.kind() == Identifier.Kind.EMAIL) {
			this.events.publishEvent(new PasswordResetRequested(a.id(), to, this.secrets.issueLink(a.id()), null,
					(int) this.properties.linkValidity().toMinutes(), context));
		}
		else {
			this.events.publishEvent(new PasswordResetRequested(a.id(), to, null, this.secrets.issueCode(a.id()),
					(int) this.properties.codeValidity().toMinutes(), context));
		}
	}
}
