package io.gatehouse.signin;

import java.util.Optional;
import java.util.UUID;

import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.factor.SmsFactorService;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.stereotype.Component;

/** The code texted for this flow (the weakest factor, offered only when nothing stronger is enrolled). */
@Component
class SmsStrategy implements SecondFactorStrategy {

	private final SmsFactorService sms;

	SmsStrategy(SmsFactorService sms) {
		this.sms = sms;
	}

	@Override
	public SecondFactorService.Kind kind() {
		return SecondFactorService.Kind.SMS;
	}

	/** Texts (or re-texts) this flow's code; a resend replaces it and keeps its counters. */
	SmsFactorService.Sent send(SignInFlow flow, UUID accountId, RequestContext context) {
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
