package io.gatehouse.kernel;

import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A domain event that belongs in the security event log. Features publish these as past-tense
 * records; the audit module writes them in the publishing transaction. Implementations must never
 * expose a secret through these accessors or through {@code toString()}.
 */
public interface AuditableEvent {

	/** The stable snake_case event type, e.g. {@code sign_in_failed}. */
	String type();

	/** The account the event is about, when one is known. */
	@Nullable UUID accountId();

	default boolean succeeded() {
		return true;
	}

	/** A stable reason code for failures and revocations. */
	default @Nullable String reason() {
		return null;
	}

	default @Nullable RequestContext context() {
		return null;
	}

	default @Nullable UUID sessionId() {
		return null;
	}

	/** The factor used, once second factors exist (e.g. {@code password}). */
	default @Nullable String factor() {
		return null;
	}

	/**
	 * For events about no known account: what they are about (a registration, a sign-in flow), so that
	 * each such subject has a chain of its own and no global lock serialises them.
	 */
	default @Nullable String chainSubject() {
		return null;
	}

	/**
	 * Who acted, when it was not the account's owner or the system: {@code staff:<id>} for a staff
	 * member's action. Null means the owner (a request context is present) or the system (none is).
	 */
	default @Nullable String actor() {
		return null;
	}

	/** Non-secret facts worth keeping, e.g. the identifier kind. */
	default Map<String, String> details() {
		return Map.of();
	}
}
