package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.factor.SecondFactors;
import io.gatehouse.factor.SmsFactors;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Component;

/** The code texted for this flow (the weakest factor, offered only when nothing stronger is enrolled). */
@Component
class SmsStrategy implements SecondFactorStrategy {

	private final SmsFactors sms;

	SmsStrategy(SmsFactors sms) {
		this.sms = sms;
	}

	@Override
	public SecondFactors.Kind kind() {
		return SecondFactors.Kind.SMS;
	}

	/** Texts (or re-texts) this flow's code; a resend replaces it and keeps its counters. */
	SmsFactors.Sent send(SignInFlow flow, UUID accountId, RequestContext context) {
		return this.sms.sendSignInCode(flow.id(), accountId, context);
	}

	@Override
	public Optional<Rejection> verify(SignInFlow flow, UUID accountId, Proof proof, RequestContext context) {
		if (!(proof instanceof Proof.Code code)) {
			throw SecondFactorStrategy.wrongProof(kind(), proof);
		}
		return this.sms.verifySignIn(flow.id(), accountId, code.code(), context);
	}
}
