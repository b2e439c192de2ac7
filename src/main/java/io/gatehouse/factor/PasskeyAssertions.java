package io.gatehouse.factor;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;

import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import org.jspecify.annotations.Nullable;

import io.gatehouse.factor.FactorEvents.PasskeyCounterRegressed;
import io.gatehouse.factor.FactorEvents.PasskeyRefused;
import io.gatehouse.factor.FactorEvents.SecondFactorFailed;
import io.gatehouse.factor.Passkeys.StoredPasskey;
import io.gatehouse.factor.Passkeys.UsedChallenge;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Assertions with passkeys (WebAuthn, verified by webauthn4j): a passwordless sign-in, the second step of
 * a sign-in, and step-up. Every ceremony starts with a server-made challenge stored in PostgreSQL, bound
 * to one purpose and to the flow or session that asked, used once. User verification is required for a
 * passwordless sign-in and for step-up; as the second step after a password, presence is enough. A
 * signature counter that does not move forward is refused and alerted, as a sign of a cloned authenticator.
 */
@Service
public class PasskeyAssertions {

	private final Passkeys store;

	private final RelyingParty rp;

	private final PasskeyService passkeys;

	private final SecondFactorThrottle throttle;

	private final Randomness randomness;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	PasskeyAssertions(Passkeys store, RelyingParty rp, PasskeyService passkeys, SecondFactorThrottle throttle,
			Randomness randomness, Clock clock, ApplicationEventPublisher events, TransactionTemplate tx) {
		this.store = store;
		this.rp = rp;
		this.passkeys = passkeys;
		this.throttle = throttle;
		this.randomness = randomness;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
	}

	/** Options for a passwordless sign-in: no credential list (the authenticator offers its passkeys). */
	public PasskeyService.Options signInOptions(UUID flowId) {
		return assertionOptions(PasskeyService.Purpose.SIGN_IN, null, null, flowId, "required", List.of());
	}

	/** Options for the second step of a sign-in whose password step named {@code accountId}. */
	public PasskeyService.Options secondFactorOptions(UUID flowId, UUID accountId) {
		return assertionOptions(PasskeyService.Purpose.SECOND_FACTOR, accountId, null, flowId, "preferred",
				this.store.findByAccount(accountId));
	}

	/** Options for step-up in this session. */
	public PasskeyService.Options stepUpOptions(Actor.Customer session) {
		return assertionOptions(PasskeyService.Purpose.STEP_UP, session.accountId(), session.sessionId(), null,
				"required",
				this.store.findByAccount(session.accountId()));
	}

	private PasskeyService.Options assertionOptions(PasskeyService.Purpose purpose, @Nullable UUID accountId,
			@Nullable UUID sessionId,
			@Nullable UUID flowId, String userVerification, List<StoredPasskey> allowed) {
		UUID challengeId = this.randomness.uuid();
		byte[] challenge = this.randomness.bytes(32);
		Instant now = this.clock.instant();
		this.store.insertChallenge(challengeId, purpose, challenge, accountId, sessionId, flowId, now,
				now.plus(PasskeyService.CHALLENGE_LIFETIME));
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("challenge", PasskeyService.B64URL.encodeToString(challenge));
		options.put("rpId", this.rp.id());
		options.put("timeout", PasskeyService.TIMEOUT_MILLIS);
		options.put("userVerification", userVerification);
		options.put("allowCredentials", PasskeyService.descriptors(allowed));
		return new PasskeyService.Options(challengeId, options);
	}

	/** A passwordless sign-in: the passkey names the account, and must have verified its user. */
	public PasskeyService.Verified verifySignIn(UUID flowId, UUID challengeId, String responseJson,
			RequestContext context) {
		return verify(PasskeyService.Purpose.SIGN_IN, challengeId, null, flowId, responseJson, context);
	}

	/** The second step of a sign-in: one of this account's passkeys. */
	public PasskeyService.Verified verifySecondFactor(UUID flowId, UUID challengeId, String responseJson,
			RequestContext context) {
		return verify(PasskeyService.Purpose.SECOND_FACTOR, challengeId, null, flowId, responseJson, context);
	}

	/** Step-up in this session: one of its account's passkeys, with user verification. */
	public PasskeyService.Verified verifyStepUp(Actor.Customer session, UUID challengeId, String responseJson,
			RequestContext context) {
		return verify(PasskeyService.Purpose.STEP_UP, challengeId, session.sessionId(), null, responseJson, context);
	}

	private PasskeyService.Verified verify(PasskeyService.Purpose purpose, UUID challengeId, @Nullable UUID sessionId,
			@Nullable UUID flowId,
			String responseJson, RequestContext context) {
		Instant now = this.clock.instant();
		Optional<UsedChallenge> used = this.store.useChallenge(challengeId, purpose, sessionId, flowId, now);
		if (used.isEmpty()) {
			return this.passkeys.refused(null, purpose, challengeId, FactorRejection.PASSKEY_CHALLENGE_INVALID, context,
					PasskeyService.Verified.Refused::new);
		}
		UUID boundAccount = used.get().accountId();
		AuthenticationData data;
		try {
			data = this.rp.manager().parseAuthenticationResponseJSON(responseJson);
		}
		catch (RuntimeException ex) {
			return this.passkeys.refused(boundAccount, purpose, challengeId, FactorRejection.PASSKEY_INVALID, context,
					PasskeyService.Verified.Refused::new);
		}
		byte[] credentialId = orEmpty(credentialId(data));
		Optional<StoredPasskey> found = credentialId.length == 0 ? Optional.empty()
				: this.store.findByCredentialId(credentialId);
		if (found.isEmpty() || (boundAccount != null && !boundAccount.equals(found.get().accountId()))) {
			// Unknown, or another account's passkey presented in this account's ceremony.
			return this.passkeys.refused(boundAccount, purpose, challengeId, FactorRejection.PASSKEY_INVALID, context,
					PasskeyService.Verified.Refused::new);
		}
		StoredPasskey passkey = found.get();
		UUID accountId = passkey.accountId();
		byte[] userHandle = orEmpty(userHandle(data));
		if (purpose == PasskeyService.Purpose.SIGN_IN && !userHandleMatches(accountId, userHandle)) {
			return this.passkeys.refused(accountId, purpose, challengeId, FactorRejection.PASSKEY_INVALID, context,
					PasskeyService.Verified.Refused::new);
		}
		OptionalInt attempt = OptionalInt.empty();
		if (purpose != PasskeyService.Purpose.SIGN_IN) {
			attempt = this.throttle.reserve(accountId, now);
			if (attempt.isEmpty()) {
				return new PasskeyService.Verified.Refused(FactorRejection.TOO_MANY_FAILURES);
			}
		}
		boolean userVerificationRequired = purpose != PasskeyService.Purpose.SECOND_FACTOR;
		List<byte[]> allowCredentials = purpose == PasskeyService.Purpose.SIGN_IN ? null
				: this.store.findByAccount(accountId).stream().map(StoredPasskey::credentialId).toList();
		try {
			this.rp.manager().verify(data, new AuthenticationParameters(this.rp.serverProperty(used.get().challenge()),
					record(passkey), allowCredentials, userVerificationRequired, true));
		}
		catch (MaliciousCounterValueException ex) {
			long presented = data.getAuthenticatorData() == null ? -1 : data.getAuthenticatorData().getSignCount();
			this.tx.executeWithoutResult(s -> this.events.publishEvent(
					new PasskeyCounterRegressed(accountId, passkey.id(), passkey.signCount(), presented, context)));
			return new PasskeyService.Verified.Refused(FactorRejection.PASSKEY_COUNTER_REGRESSED);
		}
		catch (RuntimeException ex) {
			Rejection rejection = ex instanceof UserNotVerifiedException
					? FactorRejection.PASSKEY_USER_VERIFICATION_REQUIRED : FactorRejection.PASSKEY_INVALID;
			int streak = attempt.orElse(0);
			this.tx.executeWithoutResult(s -> {
				this.events.publishEvent(new PasskeyRefused(accountId, purpose.name().toLowerCase(Locale.ROOT),
						rejection.code(), "webauthn:" + challengeId, context));
				if (streak > 0) {
					this.events.publishEvent(new SecondFactorFailed(accountId, "passkey", false, streak, context));
				}
			});
			return new PasskeyService.Verified.Refused(rejection);
		}
		AuthenticatorData<?> authenticatorData = Objects.requireNonNull(data.getAuthenticatorData(), "verified above");
		boolean recorded = this.store.recordUse(passkey.id(), passkey.signCount(), authenticatorData.getSignCount(),
				authenticatorData.isFlagUV(), authenticatorData.isFlagBS(), now);
		if (!recorded) {
			// Another assertion with this passkey moved the counter between our read and now.
			return new PasskeyService.Verified.Refused(FactorRejection.PASSKEY_INVALID);
		}
		if (purpose != PasskeyService.Purpose.SIGN_IN) {
			this.throttle.succeed(accountId);
		}
		return new PasskeyService.Verified.Ok(accountId, passkey.id(), authenticatorData.isFlagUV());
	}

	/*
	 * webauthn4j marks these byte arrays with JetBrains' @Nullable, which NullAway reads as an annotation on
	 * their (primitive) elements; they are nullable arrays, and are handled as such right here.
	 */
	@SuppressWarnings("NullAway")
	private static byte @Nullable [] credentialId(AuthenticationData data) {
		return data.getCredentialId();
	}

	@SuppressWarnings("NullAway")
	private static byte @Nullable [] userHandle(AuthenticationData data) {
		return data.getUserHandle();
	}

	private static byte[] orEmpty(byte @Nullable [] value) {
		return value == null ? new byte[0] : value;
	}

	private boolean userHandleMatches(UUID accountId, byte[] presented) {
		return presented.length > 0 && this.store.findUserHandle(accountId)
			.map(h -> MessageDigest.isEqual(h, presented))
			.orElse(false);
	}

	private CredentialRecordImpl record(StoredPasskey passkey) {
		AttestedCredentialData credential = this.rp.credentialData().convert(passkey.attestedCredentialData());
		return new CredentialRecordImpl(new NoneAttestationStatement(), passkey.uvInitialized(),
				passkey.backupEligible(),
				passkey.backedUp(), passkey.signCount(), credential, null, null, null, transports(passkey));
	}

	private static Set<AuthenticatorTransport> transports(StoredPasskey passkey) {
		if (passkey.transports().isEmpty()) {
			return Set.of();
		}
		Set<AuthenticatorTransport> out = new HashSet<>();
		for (String t : passkey.transports().split(",")) {
			out.add(AuthenticatorTransport.create(t));
		}
		return out;
	}
}
