package io.gatehouse.recovery;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

/** What every room of the recovery module announces alike. */
public final class RecoveryEvents {

	private RecoveryEvents() {
	}

	/**
	 * The account's API keys stop working until the owner re-enables them with step-up (D9). Published
	 * now for the API-key module to act on when it lands; the log records it either way.
	 */
	public record ApiKeysSuspended(UUID accountId, String reason, @Nullable RequestContext context,
			@Nullable String actor) implements AuditableEvent {

		public ApiKeysSuspended(UUID accountId, String reason, @Nullable RequestContext context) {
			this(accountId, reason, context, null);
		}

		@Override
		public String type() {
			return "api_keys_suspended";
		}

		@Override
		public String reason() {
			return this.reason;
		}
	}
	/**
	 * A single-use link that did not work (used, expired, unknown): {@code freeze_link_refused},
	 * {@code contact_revert_link_refused}. Chained per network address, as no account is known.
	 *
	 * @param link what the link was for: {@code freeze}, {@code contact_revert}
	 */
	public record LinkRefused(String link, Rejection rejection, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return this.link + "_link_refused";
		}

		@Override
		public @Nullable UUID accountId() {
			return null;
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return this.rejection.code();
		}

		@Override
		public String chainSubject() {
			return this.link + ":" + this.context.ip();
		}
	}
}
