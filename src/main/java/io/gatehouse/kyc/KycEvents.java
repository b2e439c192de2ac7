package io.gatehouse.kyc;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What happens to identity verification, for the security event log and the owner's notices. */
public final class KycEvents {

	private KycEvents() {
	}

	public record KycSubmitted(UUID accountId, UUID applicationId, String country, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "kyc_submitted";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("application", this.applicationId.toString(), "country", this.country);
		}
	}

	/**
	 * @param level the level granted, or null when rejected
	 * @param note the reviewer's words: for a rejection, what the owner reads; never in the event log's reason
	 */
	public record KycDecided(UUID accountId, UUID applicationId, @Nullable Integer level, String note,
			String staff, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return this.level == null ? "kyc_rejected" : "kyc_approved";
		}

		public boolean approved() {
			return this.level != null;
		}

		@Override
		public @Nullable String actor() {
			return this.staff;
		}

		@Override
		public Map<String, String> details() {
			return this.level == null ? Map.of("application", this.applicationId.toString())
					: Map.of("application", this.applicationId.toString(), "level", this.level.toString());
		}
	}
}
