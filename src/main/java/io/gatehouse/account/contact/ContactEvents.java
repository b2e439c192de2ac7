package io.gatehouse.account.contact;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Identifier;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What contact changes announce. Secrets travel to the message only, never to the log. */
public final class ContactEvents {

	private ContactEvents() {
	}

	/** A change of email or phone began: a code went to the new address (as far as the person can tell). */
	public record ContactChangeStarted(UUID accountId, UUID sessionId, Identifier.Kind kind, String maskedTo,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "contact_change_started";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("kind", this.kind.wireName(), "to", this.maskedTo);
		}
	}
	/** The code that proves the new address, on its way there. Not audited: it carries the code. */
	public record ContactChangeCodeIssued(UUID accountId, Identifier destination, String code, int validMinutes,
			RequestContext context) {

		@Override
		public String toString() {
			return "ContactChangeCodeIssued[account=" + this.accountId + ", destination=" + this.destination.masked()
					+ ", code=<redacted>]";
		}
	}
	/**
	 * Someone asked to move another account onto this account's address. No code is sent; the address's
	 * owner hears of it, and the asker sees what any change looks like (no enumeration).
	 */
	public record ContactClaimAttempted(UUID accountId, Identifier address, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "contact_claim_attempted";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("channel", this.address.kind().name());
		}
	}
	/** A wrong or late code, or a change stopped after too many. */
	public record ContactChangeFailed(UUID accountId, UUID sessionId, Identifier.Kind kind, String reason,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "contact_change_failed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("kind", this.kind.wireName());
		}
	}
	public record ContactChangeCancelled(UUID accountId, Identifier.Kind kind, String reason, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "contact_change_cancelled";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("kind", this.kind.wireName());
		}
	}
	/**
	 * The change took effect: the addresses the account had before it are told, with the revert link. Not
	 * audited (the link is a secret); the change itself is, as {@code email_changed} / {@code phone_changed}.
	 *
	 * @param tellAt the account's addresses before the change
	 */
	public record ContactChangeConfirmed(UUID accountId, Identifier.Kind kind, @Nullable Identifier from,
			Identifier to, List<Identifier> tellAt, String revertLink, Instant revertUntil,
			RequestContext context) {

		@Override
		public String toString() {
			return "ContactChangeConfirmed[account=" + this.accountId + ", kind=" + this.kind + ", revertLink=<redacted>]";
		}
	}
	/** A change was undone from the revert link: every session ended, API keys suspended. */
	public record ContactChangeReverted(UUID accountId, Identifier.Kind kind, @Nullable Identifier restored,
			Identifier removed, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "contact_change_reverted";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("kind", this.kind.wireName(), "removed", this.removed.masked());
		}
	}

}
