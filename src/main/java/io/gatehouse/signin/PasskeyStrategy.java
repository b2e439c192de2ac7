package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.factor.PasskeyAssertions;
import io.gatehouse.factor.PasskeyService;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Component;

/** One of the account's own passkeys as the second factor (WebAuthn assertion, bound to this flow). */
@Component
class PasskeyStrategy implements SecondFactorStrategy {

	private final PasskeyAssertions passkeys;

	PasskeyStrategy(PasskeyAssertions passkeys) {
		this.passkeys = passkeys;
	}

	@Override
	public SecondFactorService.Kind kind() {
		return SecondFactorService.Kind.PASSKEY;
	}

	/** Options for {@code navigator.credentials.get()} listing the account's passkeys. */
	PasskeyService.Options options(SignInFlow flow, UUID accountId) {
		return this.passkeys.secondFactorOptions(flow.id(), accountId);
	}

	@Override
	public Optional<Rejection> verify(SignInFlow flow, UUID accountId, Proof proof, RequestContext context) {
		if (!(proof instanceof Proof.Assertion assertion)) {
			throw SecondFactorStrategy.wrongProof(kind(), proof);
		}
		return switch (this.passkeys.verifySecondFactor(flow.id(), assertion.challengeId(), assertion.response(),
				context)) {
			case PasskeyService.Verified.Ok ok -> Optional.empty();
			case PasskeyService.Verified.Refused r -> Optional.of(r.rejection());
		};
	}
}
