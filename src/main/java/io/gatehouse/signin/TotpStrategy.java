package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.factor.TotpService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Component;

/** The authenticator app's code (RFC 6238); each time step is accepted once. */
@Component
class TotpStrategy implements SecondFactorStrategy {

	private final TotpService totp;

	TotpStrategy(TotpService totp) {
		this.totp = totp;
	}

	@Override
	public SecondFactorService.Kind kind() {
		return SecondFactorService.Kind.TOTP;
	}

	@Override
	public Optional<Rejection> verify(SignInFlow flow, UUID accountId, Proof proof, RequestContext context) {
		if (!(proof instanceof Proof.Code code)) {
			throw SecondFactorStrategy.wrongProof(kind(), proof);
		}
		return this.totp.verify(accountId, code.code(), context);
	}
}
