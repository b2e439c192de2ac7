package io.gatehouse.account.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.gatehouse.abuse.LimitedAction;
import io.gatehouse.abuse.RateLimits;
import io.gatehouse.account.AccountEvents.ApiKeysSuspended;
import io.gatehouse.account.AccountEvents.LinkRefused;
import io.gatehouse.account.AccountStatusService;
import io.gatehouse.account.ContactService;
import io.gatehouse.account.Identifier;
import io.gatehouse.account.contact.ContactEvents.ContactChangeReverted;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Undoing a contact change with the revert link sent to the old addresses (PRODUCT.md 1.7): the old
 * address comes back, every session ends (the session module ends them on {@link ContactChangeReverted}), API keys are suspended, and the kind is held for the cooldown
 * again. Exactly one of concurrent uses spends a link; a used, expired or unknown link gets one answer and
 * counts against the network's budget. Opening the link only shows a confirmation.
 */
@Service
public class ContactReverts {

	private final ContactChangeRows rows;

	private final ContactSecrets secrets;

	private final ContactChanges changes;

	private final ContactService contacts;

	private final AccountStatusService statuses;

	private final RateLimits rateLimits;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Clock clock;

	ContactReverts(ContactChangeRows rows, ContactSecrets secrets, ContactChanges changes, ContactService contacts,
			AccountStatusService statuses, RateLimits rateLimits, ApplicationEventPublisher events,
			TransactionTemplate tx, Clock clock) {
		this.rows = rows;
		this.secrets = secrets;
		this.changes = changes;
		this.contacts = contacts;
		this.statuses = statuses;
		this.rateLimits = rateLimits;
		this.events = events;
		this.tx = tx;
		this.clock = clock;
	}

	/** What a live revert link would undo, without spending it: the confirmation page shows only then. */
	public Optional<Revertible> revertible(String token) {
		if (!this.secrets.isRevertToken(token)) {
			return Optional.empty();
		}
		return this.rows.revertible(this.secrets.revertHash(token), this.clock.instant()).map(row -> {
			String old = row.oldValue();
			return new Revertible(row.kind(), old == null ? null : ContactChanges.identifier(row.kind(), old).masked(),
					ContactChanges.identifier(row.kind(), row.newValue()).masked());
		});
	}

	/** Spends a revert link and undoes its change. */
	public Result revert(String token, RequestContext context) {
		Optional<Duration> limited = this.rateLimits.exceeded(LimitedAction.RESET, context.ip());
		if (limited.isPresent()) {
			return new Result.Limited(limited.get());
		}
		Result result = null;
		if (this.secrets.isRevertToken(token)) {
			try {
				result = this.tx.execute(s -> spend(token, context));
			}
			catch (ContactService.ContactUnavailable ex) {
				// Taken by another account in the instant between the check and the write: nothing changed.
				return new Result.Refused(ContactRejection.CONTACT_UNAVAILABLE);
			}
		}
		if (result == null) {
			this.tx.executeWithoutResult(s -> {
				this.rateLimits.record(LimitedAction.RESET, context.ip());
				this.events.publishEvent(new LinkRefused("contact_revert", ContactRejection.REVERT_LINK_INVALID, context));
			});
			return new Result.Refused(ContactRejection.REVERT_LINK_INVALID);
		}
		return result;
	}

	/** In the transaction: the link's change undone, or null when the link was not live. */
	private @Nullable Result spend(String token, RequestContext context) {
		Instant now = this.clock.instant();
		Optional<ContactChangeRows.Row> spent = this.rows.spendRevert(this.secrets.revertHash(token), now);
		if (spent.isEmpty()) {
			return null;
		}
		ContactChangeRows.Row row = spent.get();
		Identifier restored = row.oldValue() == null ? null : ContactChanges.identifier(row.kind(), row.oldValue());
		Identifier removed = ContactChanges.identifier(row.kind(), row.newValue());
		if ((restored != null && this.contacts.inUse(restored))
				|| !this.contacts.replace(row.accountId(), row.kind(), removed, restored, "reverted", context)) {
			// The proven owner asked to undo it, but the old address cannot come back (another account took it
			// meanwhile): keep the account safe instead, and let recovery sort it out.
			this.statuses.freeze(row.accountId(), "revert_link", null, context);
			return new Result.Refused(ContactRejection.REVERT_ADDRESS_TAKEN);
		}
		for (Identifier.Kind kind : Identifier.Kind.values()) {
			this.changes.endPending(row.accountId(), kind, "reverted", context, true);
		}
		this.events.publishEvent(new ApiKeysSuspended(row.accountId(), "contact_change_reverted", context));
		this.events.publishEvent(new ContactChangeReverted(row.accountId(), row.kind(), restored, removed, context));
		return new Result.Reverted(row.kind(), restored == null ? null : restored.masked());
	}

	/** What a revert link would undo, masked. */
	public record Revertible(Identifier.Kind kind, @Nullable String maskedRestored, String maskedRemoved) {
	}

	public sealed interface Result {

		record Reverted(Identifier.Kind kind, @Nullable String maskedRestored) implements Result {
		}

		record Refused(ContactRejection rejection) implements Result {
		}

		record Limited(Duration retryAfter) implements Result {
		}
	}
}
