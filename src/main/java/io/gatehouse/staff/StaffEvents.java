package io.gatehouse.staff;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.AuditableEvent;
import io.gatehouse.kernel.RequestContext;

/** What the staff module announces; about staff, so chained per member rather than per account. */
public final class StaffEvents {

	private StaffEvents() {
	}

	public record StaffCreated(UUID staffId, String username, String roles, String by) implements AuditableEvent {

		@Override
		public String type() {
			return "staff_created";
		}

		@Override
		public @Nullable UUID accountId() {
			return null;
		}

		@Override
		public String actor() {
			return this.by;
		}

		@Override
		public String chainSubject() {
			return "staff:" + this.staffId;
		}

		@Override
		public Map<String, String> details() {
			return Map.of("username", this.username, "roles", this.roles);
		}
	}

	public record StaffPasskeyEnrolled(UUID staffId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "staff_passkey_enrolled";
		}

		@Override
		public @Nullable UUID accountId() {
			return null;
		}

		@Override
		public String actor() {
			return "staff:" + this.staffId;
		}

		@Override
		public String chainSubject() {
			return "staff:" + this.staffId;
		}
	}

	public record StaffSignedIn(UUID staffId, UUID sessionId, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "staff_signed_in";
		}

		@Override
		public @Nullable UUID accountId() {
			return null;
		}

		@Override
		public String actor() {
			return "staff:" + this.staffId;
		}

		@Override
		public String chainSubject() {
			return "staff:" + this.staffId;
		}

		@Override
		public String factor() {
			return "passkey";
		}
	}

	public record StaffSignInFailed(String reason, RequestContext context) implements AuditableEvent {

		@Override
		public String type() {
			return "staff_sign_in_failed";
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
			return this.reason;
		}

		@Override
		public String chainSubject() {
			return "staff-sign-in:" + this.context.ip();
		}
	}

	/** A staff action on a customer account (view, freeze, revoke sessions, flag), with who did it. */
	public record StaffActedOnAccount(UUID accountId, String action, String actor, RequestContext context)
			implements AuditableEvent {

		@Override
		public String type() {
			return "staff_" + this.action;
		}
	}

	/** An admin changed a member: {@code roles_changed}, {@code disabled}, {@code enabled}, {@code enrolment_issued}. */
	public record StaffChanged(UUID staffId, String change, String detail, String actor) implements AuditableEvent {

		@Override
		public String type() {
			return "staff_" + this.change;
		}

		@Override
		public @Nullable UUID accountId() {
			return null;
		}

		@Override
		public String chainSubject() {
			return "staff:" + this.staffId;
		}

		@Override
		public Map<String, String> details() {
			return this.detail.isEmpty() ? Map.of("staff", this.staffId.toString())
					: Map.of("staff", this.staffId.toString(), "roles", this.detail);
		}
	}
}
