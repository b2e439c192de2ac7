package io.gatehouse.factor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.session.SessionService.IssuedSession;
import io.gatehouse.session.SessionService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step-up ("security verification") before a sensitive action. The server, not the client, decides
 * the proof: one of the account's strong factors (a passkey with user verification, or the
 * authenticator app's code) when it has one, otherwise the password (SU-03). A proof
 * is bound to the account, the session, the action and a hash of the action's parameters (SU-02), is
 * valid for five minutes, and is consumed by one conditional UPDATE. The session rotates when a proof
 * is issued, and the proof belongs to the new session.
 */
@Service
public class StepUp {

	private final StepUpFactors factors;

	private final StepUpProofs proofs;

	private final FactorResetService factorResets;

	private final SessionService sessions;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	StepUp(StepUpFactors factors, StepUpProofs proofs, FactorResetService factorResets, SessionService sessions,
			ApplicationEventPublisher events, TransactionTemplate tx) {
		this.factors = factors;
		this.proofs = proofs;
		this.factorResets = factorResets;
		this.sessions = sessions;
		this.events = events;
		this.tx = tx;
	}

	/** What this account must present: the strongest factor it has. */
	public String requiredFactor(UUID accountId) {
		return allowedFactors(accountId).getFirst();
	}

	/**
	 * The proofs this account may present, strongest first: its strong factors when it has any (any one
	 * of them will do), otherwise the password. SMS is never among them.
	 */
	public List<String> allowedFactors(UUID accountId) {
		return this.factors.allowed(accountId);
	}

	/**
	 * Verifies the required proof and issues a step-up proof for one action with these parameters.
	 *
	 * @param code the authenticator code, when the account has one
	 * @param password the current password, when it has no strong factor (and, for removing a factor, as well)
	 * @param passkey a passkey's answer to {@link PasskeyAssertions#stepUpOptions}, when the account has one
	 */
	public Result verify(Actor.Customer session, StepUpAction action, Map<String, String> params, @Nullable String code,
			@Nullable String password, @Nullable PasskeyAnswer passkey, RequestContext context) {
		if (!action.enrolsStrongFactor() && this.factorResets.enrolmentRequired(session.accountId())) {
			// After a lost-factor recovery, nothing sensitive happens until a new passkey or app is set up.
			return new Result.Refused(StepUpRejection.FACTOR_ENROLMENT_REQUIRED);
		}
		byte[] paramsHash = StepUpProofs.paramsHash(params);
		StepUpFactors.Checked checked = this.factors.check(session, action.needsPasswordToo(), code, password, passkey,
				context);
		Rejection rejection = checked.refused();
		if (rejection != null) {
			this.tx.executeWithoutResult(s -> this.events.publishEvent(new StepUpEvents.StepUpFailed(session.accountId(),
					session.sessionId(), action.wireName(), rejection.code(), context)));
			return new Result.Refused(rejection);
		}
		return Objects.requireNonNull(this.tx.execute(s -> {
			Optional<IssuedSession> rotated = this.sessions.rotate(session, context);
			if (rotated.isEmpty()) {
				s.setRollbackOnly();
				return new Result.Refused(StepUpRejection.PROOF_INVALID);
			}
			StepUpProofs.Issued issued = this.proofs.issue(session.accountId(), rotated.get().sessionId(), action,
					paramsHash);
			this.events.publishEvent(new StepUpEvents.StepUpSucceeded(session.accountId(), rotated.get().sessionId(),
					action.wireName(), checked.factor(), context));
			return new Result.Verified(issued.proof(), issued.expiresAt(), rotated.get());
		}));
	}

	/**
	 * For a page that does step-up and the action in one request: verifies the proof the server asks for and
	 * spends it on this action at once. The session rotates either way the proof is issued; the caller moves
	 * the browser to {@link Spent#session()}.
	 */
	public Spent verifyAndSpend(Actor.Customer session, StepUpAction action, Map<String, String> params,
			@Nullable String code, @Nullable String password, @Nullable PasskeyAnswer passkey, RequestContext context) {
		return switch (verify(session, action, params, code, password, passkey, context)) {
			case Result.Refused refused -> new Spent(null, session, refused.rejection());
			case Result.Verified verified -> {
				Actor.Customer rotated = new Actor.Customer(session.accountId(), verified.session().sessionId());
				yield new Spent(verified.session(), rotated,
						consume(rotated, action, params, verified.proof()).orElse(null));
			}
		};
	}

	/**
	 * @param issued the rotated session the browser must switch to, when a proof was issued
	 * @param session the session that holds the browser after this (rotated, or the old one)
	 * @param refused why the action may not go ahead, or null when the proof was issued and spent
	 */
	public record Spent(@Nullable IssuedSession issued, Actor.Customer session, @Nullable Rejection refused) {

		public boolean ok() {
			return this.refused == null;
		}
	}

	@Scheduled(fixedDelayString = "${gatehouse.step-up.cleanup-interval:PT1H}")
	void deleteExpiredProofs() {
		this.proofs.deleteExpired();
	}

	/**
	 * Consumes a proof for exactly this session, action and parameters. Missing, expired, used, or made
	 * for anything else: the same refusal.
	 */
	public Optional<Rejection> consume(Actor.Customer session, StepUpAction action, Map<String, String> params,
			@Nullable String proof) {
		if (proof == null || proof.isBlank() || proof.length() > 100) {
			return Optional.of(StepUpRejection.PROOF_INVALID);
		}
		return this.proofs.spend(session.accountId(), session.sessionId(), action, StepUpProofs.paramsHash(params), proof)
				? Optional.empty() : Optional.of(StepUpRejection.PROOF_INVALID);
	}

	/** A passkey's answer to a step-up challenge. */
	public record PasskeyAnswer(UUID challengeId, String response) {

		/** The answer passkey.js put into a step-up form's hidden fields, if any. */
		public static @Nullable PasskeyAnswer fromForm(@Nullable String challengeId, @Nullable String credential) {
			if (challengeId == null || credential == null || challengeId.isBlank() || credential.isBlank()) {
				return null;
			}
			try {
				return new PasskeyAnswer(UUID.fromString(challengeId), credential);
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
	}

	public sealed interface Result {

		/** @param session the rotated session: its token replaces the one the client had */
		record Verified(String proof, Instant expiresAt, IssuedSession session) implements Result {

			@Override
			public String toString() {
				return "Verified[proof=<redacted>, expiresAt=" + this.expiresAt + "]";
			}
		}

		record Refused(Rejection rejection) implements Result {
		}
	}
}
