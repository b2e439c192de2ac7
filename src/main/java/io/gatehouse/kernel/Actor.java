package io.gatehouse.kernel;

import java.util.Set;
import java.util.UUID;

/**
 * Who is acting in a request: the principal every module authorises against. Each listener's
 * authentication filter sets one; the modules read the kind they accept. API keys and team members
 * join as further kinds.
 */
public sealed interface Actor permits Actor.Customer, Actor.Staff, Actor.Service {

	/** How the security event log names this actor. */
	String auditName();

	/** A customer signed in through one of their sessions. */
	record Customer(UUID accountId, UUID sessionId) implements Actor {

		@Override
		public String auditName() {
			return "account";
		}
	}

	/**
	 * A signed-in staff member of the console. Staff are not customers: a separate table, a separate session
	 * cookie, passkey sign-in only.
	 */
	record Staff(UUID id, String username, Set<Role> roles, UUID sessionId) implements Actor {

		public enum Role {
			/** Views accounts, events and sessions; revokes sessions; locks, unlocks and freezes. */
			SUPPORT,
			/** Decides recovery and KYC cases. */
			REVIEWER,
			/** Manages staff and policies. */
			ADMIN
		}

		public Staff {
			roles = Set.copyOf(roles);
		}

		public boolean has(Role role) {
			return this.roles.contains(role);
		}

		/** How the security event log names this member as the actor. */
		@Override
		public String auditName() {
			return "staff:" + this.id;
		}
	}

	/**
	 * Another of the exchange's services on the internal listener (the wallet service), known by the name its
	 * token is configured under.
	 */
	record Service(String name) implements Actor {

		@Override
		public String auditName() {
			return "service:" + this.name;
		}
	}
}
