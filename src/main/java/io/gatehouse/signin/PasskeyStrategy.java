package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.factor.Passkeys;
import io.gatehouse.factor.SecondFactors;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Component;

/** One of the account's own passkeys as the second factor (WebAuthn assertion, bound to this flow). */
@Component
class PasskeyStrategy implements SecondFactorStrategy {

	private final Passkeys passkeys;

	PasskeyStrategy(Passkeys passkeys) {
		this.passkeys = passkeys;
	}

	@Override
	public SecondFactors.Kind kind() {
		return SecondFactors.Kind.PASSKEY;
	}

	/** Options for {@code navigator.credentials.get()} listing the account's passkeys. */
	Passkeys.Options options(SignInFlow flow, UUID accountId) {
		return this.passkeys.secondFactorOptions(flow.id(), accountId);
	}

	@Override
	public Optional<Rejection> verify(SignInFlow flow, UUID accountId, Proof proof, RequestContext context) {
		if (!(proof instanceof Proof.Assertion assertion)) {
			throw SecondFactorStrategy.wrongProof(kind(), proof);
		}
		return switch (this.passkeys.verifySecondFactor(flow.id(), assertion.challengeId(), assertion.response(),
				context)) {
			case Passkeys.Verified.Ok ok -> Optional.empty();
			case Passkeys.Verified.Refused r -> Optional.of(r.rejection());
		};
	}
}
