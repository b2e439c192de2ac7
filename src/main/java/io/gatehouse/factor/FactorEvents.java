package io.gatehouse.factor;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.PhoneNumber;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What the second-factor module announces. */
public final class FactorEvents {

	private FactorEvents() {
	}

	/** @param factorId the factor's own id, or null for one that has none (SMS: the account's phone) */
	public record FactorEnrolled(UUID accountId, @Nullable UUID factorId, String kind, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "factor_enrolled";
		}

		@Override
		public String factor() {
			return this.kind;
		}

		@Override
		public Map<String, String> details() {
			return this.factorId == null ? Map.of() : Map.of("factor_id", this.factorId.toString());
		}
	}

	/** A factor was removed; the factor module revokes the account's other sessions in the same transaction. */
	public record FactorRemoved(UUID accountId, UUID keptSessionId, String kind, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "factor_removed";
		}

		@Override
		public UUID sessionId() {
			return this.keptSessionId;
		}

		@Override
		public String factor() {
			return this.kind;
		}
	}

	public record BackupCodesGenerated(UUID accountId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "backup_codes_generated";
		}

		@Override
		public String factor() {
			return "backup_code";
		}
	}

	public record BackupCodeUsed(UUID accountId, int remaining, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "backup_code_used";
		}

		@Override
		public String factor() {
			return "backup_code";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("remaining", Integer.toString(this.remaining));
		}
	}

	/**
	 * A second-factor code was refused. {@code reused} marks a code that was right but already used
	 * (security-tests.md TO-05 asks for {@code authn_token_reuse}).
	 */
	public record SecondFactorFailed(UUID accountId, String kind, boolean reused, int consecutiveFailures,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return this.reused ? "authn_token_reuse" : "second_factor_failed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return this.reused ? "code_already_used" : "code_invalid";
		}

		@Override
		public String factor() {
			return this.kind;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("consecutive_failures", Integer.toString(this.consecutiveFailures));
		}
	}

	/**
	 * A passkey ceremony was refused: forged or replayed payload, wrong origin or rpId, missing user
	 * verification, unknown or foreign credential, duplicate registration.
	 *
	 * @param chainSubject what the event is about when no account is known (the challenge)
	 */
	public record PasskeyRefused(@Nullable UUID accountId, String purpose, String reason, String chainSubject,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "passkey_refused";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String factor() {
			return "passkey";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("purpose", this.purpose);
		}
	}

	/**
	 * An assertion came with a signature counter at or below the stored one: the authenticator may have
	 * been cloned. Refused, recorded and told to the owner on every channel.
	 */
	public record PasskeyCounterRegressed(UUID accountId, UUID passkeyId, long storedCount, long presentedCount,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "passkey_counter_regressed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return "counter_regressed";
		}

		@Override
		public String factor() {
			return "passkey";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("passkey_id", this.passkeyId.toString(), "stored_count", Long.toString(this.storedCount),
					"presented_count", Long.toString(this.presentedCount));
		}
	}

	/**
	 * An SMS code was issued; the notify module sends it in the same transaction. The code is in the
	 * record for that alone: never in the event log's details and never in {@code toString()}.
	 */
	public record SmsCodeIssued(UUID accountId, PhoneNumber destination, String purpose,
			String why, String code, int validMinutes, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "sms_code_issued";
		}

		@Override
		public String factor() {
			return "sms";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("purpose", this.purpose, "destination", this.destination.masked());
		}

		@Override
		public String toString() {
			return "SmsCodeIssued[account=" + this.accountId + ", destination=" + this.destination.masked()
					+ ", code=<redacted>]";
		}
	}

	/**
	 * Every second factor and backup code of the account was removed at the end of a lost-factor recovery;
	 * a new passkey or authenticator app must be enrolled before anything sensitive.
	 */
	public record AllFactorsRemoved(UUID accountId, int factors, int backupCodes, String reason, @Nullable String actor)
			implements AuditableEvent {

		@Override
		public String type() {
			return "all_factors_removed";
		}

		@Override
		public String reason() {
			return this.reason;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("factors", Integer.toString(this.factors), "backupCodes",
					Integer.toString(this.backupCodes));
		}
	}
}
