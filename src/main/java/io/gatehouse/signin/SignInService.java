package io.gatehouse.signin;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.PasskeyService;
import io.gatehouse.factor.SecondFactorService;
import io.gatehouse.factor.SmsFactorService;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Sign-in flows (SignInFlow.md): starts them and hands each request to the step the flow is at. The
 * steps are small classes of their own: the password ({@link PasswordStep}), a passwordless passkey,
 * the second factor with one {@link SecondFactorStrategy} per kind, the confirmation by email, and the
 * {@link SessionIssuer} that ends every successful flow. The web pages and the JSON API drive the same
 * flow.
 */
@Service
public class SignInService {

	private final SignInFlows flows;

	private final PasswordStep password;

	private final PasswordlessPasskeyStep passkey;

	private final SecondFactorStep secondFactor;

	private final ConfirmationStep confirmation;

	private final SignInProperties properties;

	private final Randomness randomness;

	private final Clock clock;

	SignInService(SignInFlows flows, PasswordStep password, PasswordlessPasskeyStep passkey,
			SecondFactorStep secondFactor, ConfirmationStep confirmation, SignInProperties properties,
			Randomness randomness, Clock clock) {
		this.flows = flows;
		this.password = password;
		this.passkey = passkey;
		this.secondFactor = secondFactor;
		this.confirmation = confirmation;
		this.properties = properties;
		this.randomness = randomness;
		this.clock = clock;
	}

	public SignInFlow start(RequestContext context) {
		SignInFlow flow = newFlow(context);
		this.flows.insert(flow);
		return flow;
	}

	public Optional<SignInFlow> find(UUID flowId) {
		return this.flows.find(flowId);
	}

	/** Whether a credential-stuffing wave is on, so browsers without a device cookie should solve a CAPTCHA. */
	public boolean captchaForUnknownDevices() {
		return this.password.captchaForUnknownDevices();
	}

	public Instant now() {
		return this.clock.instant();
	}

	/** The identify-and-password step of a stored flow. */
	public SignInResult submitPassword(UUID flowId, PasswordSubmission submission, RequestContext context) {
		Optional<SignInFlow> found = this.flows.find(flowId);
		if (found.isEmpty()) {
			return new SignInResult.Refused(SignInRejection.FLOW_NOT_FOUND);
		}
		return switch (found.get().stateAt(this.clock.instant())) {
			case EXPIRED -> new SignInResult.Refused(SignInRejection.FLOW_EXPIRED);
			case COMPLETED, AWAITING_SECOND_FACTOR, AWAITING_CONFIRMATION -> new SignInResult.Refused(
					SignInRejection.WRONG_STEP);
			case AWAITING_PASSWORD -> this.password.attempt(found.get(), true, submission, context);
		};
	}

	/**
	 * Starts a flow and takes its password step in one request, for API clients that have the credentials
	 * at hand. The flow is stored only once the step succeeds; a failed attempt leaves nothing behind but
	 * its security event. With a {@code totpCode}, an account with an authenticator app is signed in by
	 * this one request too.
	 */
	public SignInResult startWithPassword(PasswordSubmission submission, RequestContext context) {
		return this.password.attempt(newFlow(context), false, submission, context);
	}

	/** The second-factor step with a code from the account's authenticator app. */
	public SignInResult submitTotp(UUID flowId, String code, @Nullable String deviceToken, RequestContext context) {
		return this.secondFactor.submit(flowId, SecondFactorService.Kind.TOTP, new SecondFactorStrategy.Proof.Code(code),
				deviceToken, context);
	}

	/** The second-factor step with one of the account's backup codes. */
	public SignInResult submitBackupCode(UUID flowId, String code, @Nullable String deviceToken,
			RequestContext context) {
		return this.secondFactor.submit(flowId, SecondFactorService.Kind.BACKUP_CODE,
				new SecondFactorStrategy.Proof.Code(code), deviceToken, context);
	}

	/** Sends (or re-sends) this flow's SMS code, when SMS is among the factors the account may use here. */
	public SmsFactorService.Sent sendSmsCode(UUID flowId, RequestContext context) {
		return this.secondFactor.sendSms(flowId, context);
	}

	/** The second-factor step with the code sent by SMS for this flow. */
	public SignInResult submitSms(UUID flowId, String code, @Nullable String deviceToken, RequestContext context) {
		return this.secondFactor.submit(flowId, SecondFactorService.Kind.SMS, new SecondFactorStrategy.Proof.Code(code),
				deviceToken, context);
	}

	/**
	 * Options for a passkey ceremony in this flow: before the password step, a passwordless sign-in with
	 * any discoverable passkey; after it, the account's own passkeys as the second factor.
	 */
	public PasskeyOptions passkeyOptions(UUID flowId, RequestContext context) {
		Optional<SignInFlow> found = this.flows.find(flowId);
		if (found.isEmpty()) {
			return new PasskeyOptions.Refused(SignInRejection.FLOW_NOT_FOUND);
		}
		return switch (found.get().stateAt(this.clock.instant())) {
			case EXPIRED -> new PasskeyOptions.Refused(SignInRejection.FLOW_EXPIRED);
			case COMPLETED, AWAITING_CONFIRMATION -> new PasskeyOptions.Refused(SignInRejection.WRONG_STEP);
			case AWAITING_PASSWORD -> new PasskeyOptions.Ready(this.passkey.options(found.get()));
			case AWAITING_SECOND_FACTOR -> this.secondFactor.passkeyOptions(flowId, context);
		};
	}

	/**
	 * A passkey's answer: a whole sign-in on its own before the password step (it must have verified its
	 * user), or the second factor after it.
	 */
	public SignInResult submitPasskey(UUID flowId, UUID challengeId, String response, boolean rememberMe,
			@Nullable String deviceToken, RequestContext context) {
		Optional<SignInFlow> found = this.flows.find(flowId);
		if (found.isEmpty()) {
			return new SignInResult.Refused(SignInRejection.FLOW_NOT_FOUND);
		}
		return switch (found.get().stateAt(this.clock.instant())) {
			case EXPIRED -> new SignInResult.Refused(SignInRejection.FLOW_EXPIRED);
			case COMPLETED, AWAITING_CONFIRMATION -> new SignInResult.Refused(SignInRejection.WRONG_STEP);
			case AWAITING_SECOND_FACTOR -> this.secondFactor.submit(flowId, SecondFactorService.Kind.PASSKEY,
					new SecondFactorStrategy.Proof.Assertion(challengeId, response), deviceToken, context);
			case AWAITING_PASSWORD -> this.passkey.attempt(found.get(), challengeId, response, rememberMe, deviceToken,
					context);
		};
	}

	/** The factors this flow's second step accepts, strongest first; empty before the password step. */
	public List<String> allowedFactors(SignInFlow flow) {
		return this.secondFactor.allowedFactors(flow);
	}

	/** The confirmation step: the code sent to the owner when the risk decision asked for one. */
	public SignInResult submitConfirmation(UUID flowId, String code, @Nullable String deviceToken,
			RequestContext context) {
		return this.confirmation.submit(flowId, code, deviceToken, context);
	}

	/** Sends a new confirmation code for the flow; the old one dies, its wrong tries stay. */
	public Optional<Rejection> resendConfirmation(UUID flowId, RequestContext context) {
		return this.confirmation.resend(flowId, context);
	}

	/** Deletes flows that ended long ago; they hold nothing anyone needs after their retention. */
	@Scheduled(fixedDelayString = "${gatehouse.signin.cleanup-interval:PT10M}")
	void deleteOldFlows() {
		this.flows.deleteExpiredBefore(this.clock.instant().minus(this.properties.flowRetention()));
	}

	private SignInFlow newFlow(RequestContext context) {
		Instant now = this.clock.instant();
		return SignInFlow.start(this.randomness.uuid(), context.ip().toString(), context.userAgent(), now,
				now.plus(this.properties.flowLifetime()));
	}

	public sealed interface PasskeyOptions {

		record Ready(PasskeyService.Options options) implements PasskeyOptions {
		}

		record Refused(Rejection rejection) implements PasskeyOptions {
		}
	}
}
