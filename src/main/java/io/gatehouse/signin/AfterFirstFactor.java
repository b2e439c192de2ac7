package io.gatehouse.signin;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.risk.Assessment;
import io.gatehouse.risk.RiskEngine;
import io.gatehouse.risk.RiskStep;

import org.springframework.stereotype.Component;

/**
 * Plans what follows a right first proof (the password, or a user-verified passkey): the risk decision
 * and the account's factors say whether the flow ends with a session now, asks for a second factor, or
 * waits for a confirmation by email. A passkey that verified its user is both factors at once; only an
 * explicit confirmation adds a step after it. The flow waiting for that step is written by {@link NextStep}.
 */
@Component
class AfterFirstFactor {

	private final SecondFactorService factors;

	private final RiskEngine risk;

	private final SessionIssuer issuer;

	private final PasswordAndTotp oneRequest;

	private final NextStep nextStep;

	AfterFirstFactor(SecondFactorService factors, RiskEngine risk, SessionIssuer issuer, PasswordAndTotp oneRequest,
			NextStep nextStep) {
		this.factors = factors;
		this.risk = risk;
		this.issuer = issuer;
		this.oneRequest = oneRequest;
		this.nextStep = nextStep;
	}

	SignInResult next(Passed p) {
		boolean passkey = p.step() == SignInFlow.Step.PASSKEY;
		List<SecondFactorService.Kind> allowed = passkey ? List.of() : this.factors.allowed(p.accountId());
		boolean enrolled = !allowed.isEmpty();
		Assessment assessment = this.risk.assess(p.accountId(), p.newDevice(), p.failuresBefore(), p.context());
		boolean confirm = assessment.requires(RiskStep.EMAIL_CONFIRMATION)
				|| !passkey && assessment.requires(RiskStep.SECOND_FACTOR) && !enrolled;
		if (!enrolled && !confirm) {
			return this.issuer.complete(new SessionIssuer.Completion(p.flow(), p.stored(), p.accountId(),
					p.rememberMe(), p.deviceToken(), passkey ? "passkey" : "password", p.step(), assessment,
					p.streakEnd(), p.context()));
		}
		String totpCode = p.totpCode();
		if (totpCode != null && !totpCode.isBlank() && enrolled && !confirm && !p.stored()) {
			return this.oneRequest.signIn(p, allowed, assessment, totpCode);
		}
		return this.nextStep.open(p, assessment, enrolled, confirm);
	}

	/**
	 * A right first proof.
	 *
	 * @param stored whether the flow is in the table already (else it is inserted when it moves on)
	 * @param step {@link SignInFlow.Step#PASSWORD} or {@link SignInFlow.Step#PASSKEY}
	 * @param newDevice whether the client showed no device token this account knows
	 * @param failuresBefore consecutive wrong passwords just before this attempt
	 * @param streakEnd clears the failure streak with the flow's next state
	 * @param totpCode the authenticator code sent with the password, if any
	 */
	record Passed(SignInFlow flow, boolean stored, UUID accountId, SignInFlow.Step step, boolean rememberMe,
			@Nullable String deviceToken, boolean newDevice, int failuresBefore, StreakEnd streakEnd,
			@Nullable String totpCode, RequestContext context) {

		@Override
		public String toString() {
			return "Passed[" + this.flow.id() + ", " + this.step + "]";
		}
	}
}
