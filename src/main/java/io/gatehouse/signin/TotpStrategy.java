package io.gatehouse.signin;

import io.gatehouse.factor.CodeFactors;
import io.gatehouse.factor.SecondFactorService;

import org.springframework.stereotype.Component;

/** The authenticator app's code (RFC 6238); each time step is accepted once. */
@Component
class TotpStrategy extends CodeStrategy {

	TotpStrategy(CodeFactors codes) {
		super(codes, SecondFactorService.Kind.TOTP);
	}
}
