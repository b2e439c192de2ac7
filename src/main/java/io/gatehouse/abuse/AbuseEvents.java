package io.gatehouse.abuse;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What the abuse defences announce. */
public final class AbuseEvents {

	private AbuseEvents() {
	}

	/**
	 * The failure that locked an account (or reached the hard ceiling): its owner is told on every channel.
	 *
	 * @param until when the lock ends ({@link Instant#MAX}: only an unlock ends it)
	 */
	public record AccountLocked(UUID accountId, int failures, Instant until, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "account_locked";
		}

		@Override
		public String reason() {
			return "password_failures";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("failures", Integer.toString(this.failures), "until",
					this.until.equals(Instant.MAX) ? "unlock" : this.until.toString());
		}
	}

	/**
	 * The stuffing detector tripped (LG-06): failure ratio and volume across accounts crossed the
	 * thresholds, and unknown devices must solve a CAPTCHA until {@code activeUntil}.
	 */
	public record CredentialStuffingDetected(int attempts, int failures, Instant activeUntil) implements AuditableEvent {

		@Override
		public String type() {
			return "excess_rate_limit_exceeded";
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
			return "credential_stuffing";
		}

		@Override
		public String chainSubject() {
			return "system:abuse";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("attempts", Integer.toString(this.attempts), "failures", Integer.toString(this.failures),
					"active_until", this.activeUntil.toString());
		}
	}

	/** The wave is over: the alarm was not renewed within its hold time. */
	public record CredentialStuffingSubsided(Instant trippedAt) implements AuditableEvent {

		@Override
		public String type() {
			return "credential_stuffing_subsided";
		}

		@Override
		public @Nullable UUID accountId() {
			return null;
		}

		@Override
		public String chainSubject() {
			return "system:abuse";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("tripped_at", this.trippedAt.toString());
		}
	}
}
