package io.gatehouse.signin;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Identifier;
import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What the sign-in module announces; these make up a person's sign-in history. */
public final class SignInEvents {

	private SignInEvents() {
	}

	/** @param factor the last proof given: {@code password}, or the second factor ({@code totp}) */
	public record SignInSucceeded(UUID accountId, UUID sessionId, UUID flowId, UUID deviceId, boolean newDevice,
			boolean rememberMe, String factor, boolean alert, List<String> riskSignals, String location,
			RequestContext context) implements AuditableEvent {

		/**
		 * @param alert whether the risk decision asked for the owner to be told
		 * @param riskSignals the signals behind that decision
		 * @param location the approximate location, for people
		 */
		public SignInSucceeded {
			riskSignals = List.copyOf(riskSignals);
		}

		@Override
		public String type() {
			return "sign_in_succeeded";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("flow", this.flowId.toString(), "device", this.deviceId.toString(), "new_device",
					Boolean.toString(this.newDevice), "remember_me", Boolean.toString(this.rememberMe), "location",
					this.location, "risk_signals", String.join(",", this.riskSignals));
		}
	}

	/**
	 * The password was right; the flow now waits for its next step (a second factor or a confirmation).
	 * Grants nothing by itself.
	 */
	public record SignInPasswordVerified(UUID accountId, UUID flowId, SignInFlow.@Nullable Step next,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "sign_in_password_verified";
		}

		@Override
		public String factor() {
			return "password";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("flow", this.flowId.toString(), "next", this.next == null ? "" : this.next.wireName());
		}
	}

	/**
	 * @param accountId the account the identifier names, if any; unknown identifiers are logged
	 *        without one, with the identifier masked
	 */
	public record SignInFailed(@Nullable UUID accountId, UUID flowId, String maskedIdentifier, String reason,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "sign_in_failed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String factor() {
			return "password";
		}

		@Override
		public String chainSubject() {
			return "flow:" + this.flowId;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("flow", this.flowId.toString(), "identifier", this.maskedIdentifier);
		}
	}

	/** A client asked to use a factor the account's policy does not allow at this step (SU-03, D1). */
	public record SecondFactorNotAllowed(UUID accountId, UUID flowId, String requested, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "second_factor_not_allowed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return "factor_not_allowed";
		}

		@Override
		public String factor() {
			return this.requested;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("flow", this.flowId.toString());
		}
	}

	/** A sign-in succeeded after several failed password attempts: the owner is told (LG-04). */
	public record SignInAfterFailures(UUID accountId, int failures, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "sign_in_after_failures";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("failures", Integer.toString(this.failures));
		}
	}

	/**
	 * The risk decision wants this sign-in confirmed: a code goes to the owner. The code is for the message
	 * only, never the log.
	 */
	public record SignInConfirmationRequested(UUID accountId, UUID flowId, Identifier destination,
			String code, int validMinutes, List<String> riskSignals, String location, RequestContext context)
			implements AuditableEvent {

		public SignInConfirmationRequested {
			riskSignals = List.copyOf(riskSignals);
		}

		@Override
		public String type() {
			return "sign_in_confirmation_requested";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("flow", this.flowId.toString(), "destination", this.destination.masked(), "risk_signals",
					String.join(",", this.riskSignals));
		}

		@Override
		public String toString() {
			return "SignInConfirmationRequested[account=" + this.accountId + ", flow=" + this.flowId + ", destination="
					+ this.destination.masked() + ", code=<redacted>]";
		}
	}

	/** A wrong, expired or spent confirmation code. */
	public record SignInConfirmationFailed(UUID accountId, UUID flowId, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "sign_in_confirmation_failed";
		}

		@Override
		public boolean succeeded() {
			return false;
		}

		@Override
		public String reason() {
			return "confirmation_invalid";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("flow", this.flowId.toString());
		}
	}

	/** An unlock code on its way to the person; the code reaches only the message, never the log. */
	public record UnlockCodeIssued(UUID accountId, Identifier destination, String code, int validMinutes,
			RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "unlock_code_issued";
		}

		@Override
		public Map<String, String> details() {
			return Map.of("destination", this.destination.masked());
		}

		@Override
		public String toString() {
			return "UnlockCodeIssued[account=" + this.accountId + ", destination=" + this.destination.masked()
					+ ", code=<redacted>]";
		}
	}

	/** The owner proved themselves through the unlock flow: the lock and the failure streak are gone. */
	public record AccountUnlocked(UUID accountId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "account_unlocked";
		}

		@Override
		public @Nullable String factor() {
			return "unlock_code";
		}
	}
}
