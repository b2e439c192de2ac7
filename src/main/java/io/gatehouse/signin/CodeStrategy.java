package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.factor.CodeFactors;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

/**
 * A second factor that is a code the account holds itself (the authenticator app's, or a backup code),
 * checked by {@link CodeFactors}, which counts the try and spends a right code.
 */
abstract class CodeStrategy implements SecondFactorStrategy {

	private final CodeFactors codes;

	private final SecondFactorService.Kind kind;

	CodeStrategy(CodeFactors codes, SecondFactorService.Kind kind) {
		this.codes = codes;
		this.kind = kind;
	}

	@Override
	public SecondFactorService.Kind kind() {
		return this.kind;
	}

	@Override
	public Optional<Rejection> verify(SignInFlow flow, UUID accountId, Proof proof, RequestContext context) {
		if (!(proof instanceof Proof.Code code)) {
			throw SecondFactorStrategy.wrongProof(this.kind, proof);
		}
		return this.codes.verify(accountId, this.kind, code.code(), context);
	}
}
