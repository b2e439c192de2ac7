package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

/**
 * One kind of second factor at the sign-in's second step: it checks the proof against the factor's own
 * module, which counts wrong tries and spends single-use codes. The step around it decides whether the
 * kind is allowed and what comes after.
 */
interface SecondFactorStrategy {

	SecondFactorService.Kind kind();

	/** Empty when the proof is right (and spent, where it is single use); else why not. */
	Optional<Rejection> verify(SignInFlow flow, UUID accountId, Proof proof, RequestContext context);

	/** What a client presents at the second step. */
	sealed interface Proof {

		/** A code typed from an app, a text message or a backup sheet. */
		record Code(String code) implements Proof {

			@Override
			public String toString() {
				return "Code[redacted]";
			}
		}

		/** A passkey's answer to the challenge the flow's options gave. */
		record Assertion(UUID challengeId, String response) implements Proof {
		}
	}

	/** A proof of the wrong shape for the kind: a bug in the caller, never a user's mistake. */
	static IllegalArgumentException wrongProof(SecondFactorService.Kind kind, Proof proof) {
		return new IllegalArgumentException(kind + " takes no " + proof.getClass().getSimpleName());
	}
}
