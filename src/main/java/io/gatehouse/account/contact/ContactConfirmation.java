package io.gatehouse.account.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.gatehouse.account.Accounts;
import io.gatehouse.account.ContactService;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.contact.ContactEvents.ContactChangeConfirmed;
import io.gatehouse.account.contact.ContactEvents.ContactChangeFailed;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The code from the new address comes back ({@link ContactChanges} sent it): the address changes, the
 * addresses the account had before are told with a revert link, and the kind is held. Wrong codes count
 * on the change and stop it after the allowed number.
 */
@Service
public class ContactConfirmation {

	private final ContactChangeRows rows;

	private final ContactSecrets secrets;

	private final Accounts accounts;

	private final ContactService contacts;

	private final ContactChangeProperties properties;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	ContactConfirmation(ContactChangeRows rows, ContactSecrets secrets, Accounts accounts, ContactService contacts,
			ContactChangeProperties properties, ApplicationEventPublisher events, TransactionTemplate tx, Clock clock) {
		this.rows = rows;
		this.secrets = secrets;
		this.accounts = accounts;
		this.contacts = contacts;
		this.properties = properties;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/**
	 * Confirms the waiting change with the code from the new address, in the session that started it. Under
	 * a row lock, so of any number of concurrent confirmations exactly one applies the change.
	 */
	public ContactChanges.Result confirm(Actor.Customer session, Identifier.Kind kind, String code, RequestContext context) {
		Instant now = this.clock.instant();
		String presented = code.replace(" ", "");
		String revertToken = this.secrets.newRevertToken();
		try {
			ContactChanges.Result result = this.tx.execute(s -> {
				this.rows.lockAccount(session.accountId());
				Optional<ContactChangeRows.Row> pending = this.rows.lockPending(session.accountId(), session.sessionId(),
						kind);
				if (pending.isEmpty()) {
					return new ContactChanges.Result.Refused(ContactRejection.CONTACT_CHANGE_INVALID);
				}
				ContactChangeRows.Row row = pending.get();
				Optional<Instant> held = this.rows.heldUntil(session.accountId(), kind, this.properties.cooldown(), now);
				if (held.isPresent()) {
					// A change of this kind was confirmed while this one waited: it may not follow within the hold.
					this.rows.cancelPending(row.id(), "held");
					return new ContactChanges.Result.Held(held.get(), Duration.between(now, held.get()));
				}
				boolean right = row.codeHash() != null && row.codeExpiresAt().isAfter(now)
						&& row.wrongAttempts() < this.properties.maxWrongCodes() && presented.length() == 6
						&& this.secrets.codeMatches(row.id(), presented, row.codeHash());
				if (!right) {
					return wrongCode(session, row, context);
				}
				Identifier from = row.oldValue() == null ? null : ContactChanges.identifier(kind, row.oldValue());
				Identifier to = ContactChanges.identifier(kind, row.newValue());
				// Everyone who should hear of it: the addresses the account has before the change.
				List<Identifier> tellAt = this.accounts.find(session.accountId()).orElseThrow().identifiers();
				if (!this.contacts.replace(session.accountId(), kind, from, to, "confirmed", context)) {
					this.rows.cancelPending(row.id(), "stale");
					return new ContactChanges.Result.Refused(ContactRejection.CONTACT_CHANGE_INVALID);
				}
				Instant revertUntil = now.plus(this.properties.revertValidity());
				this.rows.confirmed(row.id(), now, this.secrets.revertHash(revertToken), revertUntil);
				this.events.publishEvent(new ContactChangeConfirmed(session.accountId(), kind, from, to, tellAt,
						this.secrets.revertLink(revertToken), revertUntil, context));
				return new ContactChanges.Result.Changed(kind, to.masked(), revertUntil);
			});
			return Objects.requireNonNull(result);
		}
		catch (ContactService.ContactUnavailable ex) {
			return new ContactChanges.Result.Refused(ContactRejection.CONTACT_UNAVAILABLE);
		}
	}

	private ContactChanges.Result wrongCode(Actor.Customer session, ContactChangeRows.Row row, RequestContext context) {
		int wrong = row.wrongAttempts() + 1;
		boolean stopped = wrong >= this.properties.maxWrongCodes();
		this.rows.wrongAttempts(row.id(), wrong);
		if (stopped) {
			this.rows.cancelPending(row.id(), "too_many_wrong_codes");
		}
		this.events.publishEvent(new ContactChangeFailed(session.accountId(), session.sessionId(), row.kind(),
				stopped ? "too_many_wrong_codes" : "code_invalid", context));
		return new ContactChanges.Result.Refused(stopped ? ContactRejection.CONTACT_CODE_USED_UP : ContactRejection.CONTACT_CODE_INVALID);
	}
}
