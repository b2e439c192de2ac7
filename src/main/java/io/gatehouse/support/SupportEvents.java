package io.gatehouse.support;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Identifier;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What happens to support requests, for the account's security event log and the owner's notices. Never the words. */
public final class SupportEvents {

	private SupportEvents() {
	}

	/**
	 * @param change {@code opened}, {@code replied} (by the owner), {@code viewed} (by staff), {@code answered}
	 *     (a staff reply), {@code closed}
	 * @param staff {@code staff:<id>} when a staff member acted, else null (the owner)
	 */
	public record SupportRequestChanged(UUID accountId, UUID requestId, String change, String category,
			int attachments, @Nullable String staff, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "support_request_" + this.change;
		}

		@Override
		public @Nullable String actor() {
			return this.staff;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("request", this.requestId.toString(), "category", this.category, "attachments",
					Integer.toString(this.attachments));
		}
	}

	/** A code to prove an address for signed-out support; the code goes to the address only, never to a log. */
	public record SupportCodeIssued(UUID accountId, Identifier destination, String code, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "support_code_issued";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("channel", this.destination.kind().name().toLowerCase(java.util.Locale.ROOT));
		}

		@Override
		public String toString() {
			return "SupportCodeIssued[" + this.accountId + ", " + this.destination.masked() + "]";
		}
	}
}
