package io.gatehouse.signin;

import java.util.Optional;

import io.gatehouse.signin.SignInEvents.SignInAfterFailures;

/**
 * Ends a sign-in's failure streak in the transaction that succeeds: clears the counters first, since every
 * sign-in transaction locks the throttle's row before anything else, and says what to tell the owner, which
 * the caller publishes after its other writes (the audit chain's head is always the last lock taken).
 */
@FunctionalInterface
interface StreakEnd {

	/** Nothing to clear: a proof that was never counted (a passkey, a later step). */
	StreakEnd NONE = Optional::empty;

	/** @return the notice of the failures just ended, when there were enough to tell the owner (LG-04) */
	Optional<SignInAfterFailures> clear();
}
