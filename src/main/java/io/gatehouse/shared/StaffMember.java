package io.gatehouse.shared;

import java.util.Set;
import java.util.UUID;

/**
 * A signed-in staff member: the principal of staff-console requests, set by the staff module's
 * authentication filter and read by the features whose pages live in the console (recovery review).
 * Staff are not customers: a separate table, a separate session cookie, passkey sign-in only.
 */
public record StaffMember(UUID id, String username, Set<Role> roles, UUID sessionId) {

	public enum Role {
		/** Views accounts, events and sessions; revokes sessions; locks, unlocks and freezes. */
		SUPPORT,
		/** Decides recovery and KYC cases. */
		REVIEWER,
		/** Manages staff and policies. */
		ADMIN
	}

	public StaffMember {
		roles = Set.copyOf(roles);
	}

	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	/** How the security event log names this member as the actor. */
	public String actor() {
		return "staff:" + this.id;
	}
}
