package io.gatehouse.factor;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;

import io.gatehouse.factor.Passkeys.StoredPasskey;
import io.gatehouse.factor.Passkeys.UsedChallenge;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registering a passkey (WebAuthn, verified by webauthn4j): options for {@code navigator.credentials.create()}
 * with a challenge stored in PostgreSQL, bound to the session that asked and used once, then the
 * authenticator's answer verified and the credential stored. User verification is required; at most
 * ten passkeys per account.
 */
@Service
public class PasskeyRegistration {

	private final Passkeys store;

	private final RelyingParty rp;

	private final PasskeyService passkeys;

	private final Randomness randomness;

	private final Clock clock;

	private final TransactionTemplate tx;

	private final FactorChanges changes;

	PasskeyRegistration(Passkeys store, RelyingParty rp, PasskeyService passkeys, Randomness randomness, Clock clock,
			TransactionTemplate tx, FactorChanges changes) {
		this.changes = changes;
		this.store = store;
		this.rp = rp;
		this.passkeys = passkeys;
		this.randomness = randomness;
		this.clock = clock;
		this.tx = tx;
	}

	/**
	 * Options for {@code navigator.credentials.create()}: a discoverable credential with user
	 * verification, no attestation, and the account's existing credentials excluded. The caller has
	 * already checked the step-up proof for adding a factor.
	 *
	 * @param userName how the account appears in the authenticator (its email or phone)
	 */
	public PasskeyService.Options registrationOptions(Actor.Customer session, String userName) {
		byte[] handle = this.store.userHandle(session.accountId(), this.randomness.bytes(32));
		UUID challengeId = this.randomness.uuid();
		byte[] challenge = this.randomness.bytes(32);
		Instant now = this.clock.instant();
		this.store.insertChallenge(challengeId, PasskeyService.Purpose.REGISTER, challenge, session.accountId(),
				session.sessionId(),
				null, now, now.plus(PasskeyService.CHALLENGE_LIFETIME));
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("rp", Map.of("id", this.rp.id(), "name", this.rp.name()));
		options.put("user", Map.of("id", PasskeyService.B64URL.encodeToString(handle), "name", userName,
				"displayName", userName));
		options.put("challenge", PasskeyService.B64URL.encodeToString(challenge));
		options.put("pubKeyCredParams", RelyingParty.ALGORITHMS.stream()
			.map(a -> Map.of("type", "public-key", "alg", a.getAlg().getValue()))
			.toList());
		options.put("timeout", PasskeyService.TIMEOUT_MILLIS);
		options.put("excludeCredentials", PasskeyService.descriptors(this.store.findByAccount(session.accountId())));
		options.put("authenticatorSelection",
				Map.of("residentKey", "required", "requireResidentKey", true, "userVerification", "required"));
		options.put("attestation", "none");
		return new PasskeyService.Options(challengeId, options);
	}

	/** Verifies the authenticator's answer and stores the new credential under {@code name}. */
	public PasskeyService.Registered register(Actor.Customer session, UUID challengeId, String rawName,
			String responseJson,
			RequestContext context) {
		Optional<String> name = PasskeyService.canonicalName(rawName);
		if (name.isEmpty()) {
			return new PasskeyService.Registered.Refused(FactorRejection.PASSKEY_NAME_INVALID);
		}
		Instant now = this.clock.instant();
		Optional<UsedChallenge> challenge = this.store.useChallenge(challengeId, PasskeyService.Purpose.REGISTER,
				session.sessionId(),
				null, now);
		if (challenge.isEmpty()) {
			return this.passkeys.refused(session.accountId(), PasskeyService.Purpose.REGISTER, challengeId,
					FactorRejection.PASSKEY_CHALLENGE_INVALID,
					context, PasskeyService.Registered.Refused::new);
		}
		RegistrationData data;
		try {
			data = this.rp.manager().parseRegistrationResponseJSON(responseJson);
			this.rp.manager().verify(data,
					new RegistrationParameters(this.rp.serverProperty(challenge.get().challenge()),
					RelyingParty.ALGORITHMS, true, true));
		}
		catch (UserNotVerifiedException ex) {
			return this.passkeys.refused(session.accountId(), PasskeyService.Purpose.REGISTER, challengeId,
					FactorRejection.PASSKEY_USER_VERIFICATION_REQUIRED, context,
							PasskeyService.Registered.Refused::new);
		}
		catch (RuntimeException ex) {
			// VerificationException, DataConversionException, or a payload too broken to get that far.
			return this.passkeys.refused(session.accountId(), PasskeyService.Purpose.REGISTER, challengeId,
					FactorRejection.PASSKEY_INVALID, context,
					PasskeyService.Registered.Refused::new);
		}
		AuthenticatorData<?> authenticatorData = Objects.requireNonNull(data.getAttestationObject(), "verified above")
			.getAuthenticatorData();
		AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
		if (credential == null) {
			return this.passkeys.refused(session.accountId(), PasskeyService.Purpose.REGISTER, challengeId,
					FactorRejection.PASSKEY_INVALID, context,
					PasskeyService.Registered.Refused::new);
		}
		// Client-supplied hints: only the values WebAuthn defines are kept (they are echoed back in options).
		Set<String> transports = data.getTransports() == null ? Set.of()
				: data.getTransports()
					.stream()
					.map(AuthenticatorTransport::getValue)
					.filter(PasskeyService.KNOWN_TRANSPORTS::contains)
					.collect(Collectors.toCollection(TreeSet::new));
		StoredPasskey passkey = new StoredPasskey(this.randomness.uuid(), session.accountId(),
				credential.getCredentialId(), name.get(), this.rp.credentialData().convert(credential),
				authenticatorData.getSignCount(), authenticatorData.isFlagUV(), authenticatorData.isFlagBE(),
				authenticatorData.isFlagBS(),
				String.join(",", transports), now, null);
		try {
			Optional<Rejection> outcome = this.tx.execute(s -> {
				if (this.store.lockAndCount(session.accountId()) >= PasskeyService.MAX_PER_ACCOUNT) {
					return Optional.<Rejection>of(FactorRejection.PASSKEY_LIMIT);
				}
				this.store.insert(passkey, now);
				this.changes.enrolled(session.accountId(), passkey.id(), "passkey", context);
				return Optional.<Rejection>empty();
			});
			if (outcome != null && outcome.isPresent()) {
				return new PasskeyService.Registered.Refused(outcome.get());
			}
		}
		catch (DuplicateKeyException ex) {
			return this.passkeys.refused(session.accountId(), PasskeyService.Purpose.REGISTER, challengeId,
					FactorRejection.PASSKEY_DUPLICATE, context,
					PasskeyService.Registered.Refused::new);
		}
		return new PasskeyService.Registered.Done(new PasskeyService.Passkey(passkey.id(), passkey.name(), now, null,
				passkey.backupEligible()));
	}
}
