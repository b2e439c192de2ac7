package io.gatehouse.factor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import org.jspecify.annotations.Nullable;

import io.gatehouse.account.Cooldowns;
import io.gatehouse.factor.FactorEvents.FactorEnrolled;
import io.gatehouse.factor.FactorEvents.FactorRemoved;
import io.gatehouse.factor.FactorEvents.PasskeyCounterRegressed;
import io.gatehouse.factor.FactorEvents.PasskeyRefused;
import io.gatehouse.factor.FactorEvents.SecondFactorFailed;
import io.gatehouse.factor.PasskeyStore.StoredPasskey;
import io.gatehouse.factor.PasskeyStore.UsedChallenge;
import io.gatehouse.session.SessionService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.Randomness;
import io.gatehouse.kernel.Rejection;
import io.gatehouse.kernel.RequestContext;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Passkeys and security keys (WebAuthn Level 2/3, verified by webauthn4j). Every ceremony starts with
 * a server-made challenge stored in PostgreSQL, bound to one purpose and to the flow or session that
 * asked, used once. User verification (PIN or biometric) is required to register, to sign in without a
 * password and for step-up; as the second step after a password, presence is enough. A signature
 * counter that does not move forward is refused and alerted, as a sign of a cloned authenticator.
 */
@Service
public class Passkeys {

	static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);

	static final int MAX_PER_ACCOUNT = 10;

	static final int MAX_NAME_LENGTH = 64;

	static final long TIMEOUT_MILLIS = CHALLENGE_LIFETIME.toMillis();

	private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

	private static final Set<String> KNOWN_TRANSPORTS = Set.of("usb", "nfc", "ble", "internal", "hybrid", "smart-card");

	/** What a challenge is for; an answer for one purpose is never accepted for another. */
	public enum Purpose {
		REGISTER, SIGN_IN, SECOND_FACTOR, STEP_UP
	}

	private final PasskeyStore store;

	private final RelyingParty rp;

	private final SecondFactorThrottle throttle;

	private final Randomness randomness;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate tx;

	private final Cooldowns cooldowns;

	private final SessionService sessions;

	Passkeys(PasskeyStore store, RelyingParty rp, SecondFactorThrottle throttle, Randomness randomness, Clock clock,
			ApplicationEventPublisher events, TransactionTemplate tx, Cooldowns cooldowns, SessionService sessions) {
		this.store = store;
		this.rp = rp;
		this.throttle = throttle;
		this.randomness = randomness;
		this.clock = clock;
		this.events = events;
		this.tx = tx;
		this.cooldowns = cooldowns;
		this.sessions = sessions;
	}

	public boolean hasAny(UUID accountId) {
		return this.store.count(accountId) > 0;
	}

	public List<Passkey> list(UUID accountId) {
		return this.store.findByAccount(accountId)
			.stream()
			.map(p -> new Passkey(p.id(), p.name(), p.createdAt(), p.lastUsedAt(), p.backupEligible()))
			.toList();
	}

	// ---- registration ------------------------------------------------------------------------------

	/**
	 * Options for {@code navigator.credentials.create()}: a discoverable credential with user
	 * verification, no attestation, and the account's existing credentials excluded. The caller has
	 * already checked the step-up proof for adding a factor.
	 *
	 * @param userName how the account appears in the authenticator (its email or phone)
	 */
	public Options registrationOptions(Actor.Customer session, String userName) {
		byte[] handle = this.store.userHandle(session.accountId(), this.randomness.bytes(32));
		UUID challengeId = this.randomness.uuid();
		byte[] challenge = this.randomness.bytes(32);
		Instant now = this.clock.instant();
		this.store.insertChallenge(challengeId, Purpose.REGISTER, challenge, session.accountId(), session.sessionId(),
				null, now, now.plus(CHALLENGE_LIFETIME));
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("rp", Map.of("id", this.rp.id(), "name", this.rp.name()));
		options.put("user", Map.of("id", B64URL.encodeToString(handle), "name", userName, "displayName", userName));
		options.put("challenge", B64URL.encodeToString(challenge));
		options.put("pubKeyCredParams", RelyingParty.ALGORITHMS.stream()
			.map(a -> Map.of("type", "public-key", "alg", a.getAlg().getValue()))
			.toList());
		options.put("timeout", TIMEOUT_MILLIS);
		options.put("excludeCredentials", descriptors(this.store.findByAccount(session.accountId())));
		options.put("authenticatorSelection",
				Map.of("residentKey", "required", "requireResidentKey", true, "userVerification", "required"));
		options.put("attestation", "none");
		return new Options(challengeId, options);
	}

	/** Verifies the authenticator's answer and stores the new credential under {@code name}. */
	public Registered register(Actor.Customer session, UUID challengeId, String rawName, String responseJson,
			RequestContext context) {
		Optional<String> name = canonicalName(rawName);
		if (name.isEmpty()) {
			return new Registered.Refused(FactorRejection.PASSKEY_NAME_INVALID);
		}
		Instant now = this.clock.instant();
		Optional<UsedChallenge> challenge = this.store.useChallenge(challengeId, Purpose.REGISTER, session.sessionId(),
				null, now);
		if (challenge.isEmpty()) {
			return refused(session.accountId(), Purpose.REGISTER, challengeId, FactorRejection.PASSKEY_CHALLENGE_INVALID,
					context, Registered.Refused::new);
		}
		RegistrationData data;
		try {
			data = this.rp.manager().parseRegistrationResponseJSON(responseJson);
			this.rp.manager().verify(data, new RegistrationParameters(this.rp.serverProperty(challenge.get().challenge()),
					RelyingParty.ALGORITHMS, true, true));
		}
		catch (UserNotVerifiedException ex) {
			return refused(session.accountId(), Purpose.REGISTER, challengeId,
					FactorRejection.PASSKEY_USER_VERIFICATION_REQUIRED, context, Registered.Refused::new);
		}
		catch (RuntimeException ex) {
			// VerificationException, DataConversionException, or a payload too broken to get that far.
			return refused(session.accountId(), Purpose.REGISTER, challengeId, FactorRejection.PASSKEY_INVALID, context,
					Registered.Refused::new);
		}
		AuthenticatorData<?> authenticatorData = data.getAttestationObject().getAuthenticatorData();
		AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
		if (credential == null) {
			return refused(session.accountId(), Purpose.REGISTER, challengeId, FactorRejection.PASSKEY_INVALID, context,
					Registered.Refused::new);
		}
		// Client-supplied hints: only the values WebAuthn defines are kept (they are echoed back in options).
		Set<String> transports = data.getTransports() == null ? Set.of()
				: data.getTransports()
					.stream()
					.map(AuthenticatorTransport::getValue)
					.filter(KNOWN_TRANSPORTS::contains)
					.collect(Collectors.toCollection(java.util.TreeSet::new));
		StoredPasskey passkey = new StoredPasskey(this.randomness.uuid(), session.accountId(),
				credential.getCredentialId(), name.get(), this.rp.credentialData().convert(credential),
				authenticatorData.getSignCount(), authenticatorData.isFlagUV(), authenticatorData.isFlagBE(),
				authenticatorData.isFlagBS(),
				String.join(",", transports), now, null);
		try {
			Optional<Rejection> outcome = this.tx.execute(s -> {
				if (this.store.lockAndCount(session.accountId()) >= MAX_PER_ACCOUNT) {
					return Optional.<Rejection>of(FactorRejection.PASSKEY_LIMIT);
				}
				this.store.insert(passkey, now);
				this.events.publishEvent(new FactorEnrolled(session.accountId(), passkey.id(), "passkey", context));
				this.cooldowns.start(session.accountId(), Cooldowns.SECURITY_CHANGE, "factor_enrolled", context);
				return Optional.<Rejection>empty();
			});
			if (outcome != null && outcome.isPresent()) {
				return new Registered.Refused(outcome.get());
			}
		}
		catch (DuplicateKeyException ex) {
			return refused(session.accountId(), Purpose.REGISTER, challengeId, FactorRejection.PASSKEY_DUPLICATE, context,
					Registered.Refused::new);
		}
		return new Registered.Done(new Passkey(passkey.id(), passkey.name(), now, null, passkey.backupEligible()));
	}

	// ---- assertions -------------------------------------------------------------------------------

	/** Options for a passwordless sign-in: no credential list (the authenticator offers its passkeys). */
	public Options signInOptions(UUID flowId) {
		return assertionOptions(Purpose.SIGN_IN, null, null, flowId, "required", List.of());
	}

	/** Options for the second step of a sign-in whose password step named {@code accountId}. */
	public Options secondFactorOptions(UUID flowId, UUID accountId) {
		return assertionOptions(Purpose.SECOND_FACTOR, accountId, null, flowId, "preferred",
				this.store.findByAccount(accountId));
	}

	/** Options for step-up in this session. */
	public Options stepUpOptions(Actor.Customer session) {
		return assertionOptions(Purpose.STEP_UP, session.accountId(), session.sessionId(), null, "required",
				this.store.findByAccount(session.accountId()));
	}

	private Options assertionOptions(Purpose purpose, @Nullable UUID accountId, @Nullable UUID sessionId,
			@Nullable UUID flowId, String userVerification, List<StoredPasskey> allowed) {
		UUID challengeId = this.randomness.uuid();
		byte[] challenge = this.randomness.bytes(32);
		Instant now = this.clock.instant();
		this.store.insertChallenge(challengeId, purpose, challenge, accountId, sessionId, flowId, now,
				now.plus(CHALLENGE_LIFETIME));
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("challenge", B64URL.encodeToString(challenge));
		options.put("rpId", this.rp.id());
		options.put("timeout", TIMEOUT_MILLIS);
		options.put("userVerification", userVerification);
		options.put("allowCredentials", descriptors(allowed));
		return new Options(challengeId, options);
	}

	/** A passwordless sign-in: the passkey names the account, and must have verified its user. */
	public Verified verifySignIn(UUID flowId, UUID challengeId, String responseJson, RequestContext context) {
		return verify(Purpose.SIGN_IN, challengeId, null, flowId, responseJson, context);
	}

	/** The second step of a sign-in: one of this account's passkeys. */
	public Verified verifySecondFactor(UUID flowId, UUID challengeId, String responseJson, RequestContext context) {
		return verify(Purpose.SECOND_FACTOR, challengeId, null, flowId, responseJson, context);
	}

	/** Step-up in this session: one of its account's passkeys, with user verification. */
	public Verified verifyStepUp(Actor.Customer session, UUID challengeId, String responseJson, RequestContext context) {
		return verify(Purpose.STEP_UP, challengeId, session.sessionId(), null, responseJson, context);
	}

	private Verified verify(Purpose purpose, UUID challengeId, @Nullable UUID sessionId, @Nullable UUID flowId,
			String responseJson, RequestContext context) {
		Instant now = this.clock.instant();
		Optional<UsedChallenge> used = this.store.useChallenge(challengeId, purpose, sessionId, flowId, now);
		if (used.isEmpty()) {
			return refused(null, purpose, challengeId, FactorRejection.PASSKEY_CHALLENGE_INVALID, context,
					Verified.Refused::new);
		}
		UUID boundAccount = used.get().accountId();
		AuthenticationData data;
		try {
			data = this.rp.manager().parseAuthenticationResponseJSON(responseJson);
		}
		catch (RuntimeException ex) {
			return refused(boundAccount, purpose, challengeId, FactorRejection.PASSKEY_INVALID, context,
					Verified.Refused::new);
		}
		Optional<StoredPasskey> found = data.getCredentialId() == null ? Optional.empty()
				: this.store.findByCredentialId(data.getCredentialId());
		if (found.isEmpty() || (boundAccount != null && !boundAccount.equals(found.get().accountId()))) {
			// Unknown, or another account's passkey presented in this account's ceremony.
			return refused(boundAccount, purpose, challengeId, FactorRejection.PASSKEY_INVALID, context,
					Verified.Refused::new);
		}
		StoredPasskey passkey = found.get();
		UUID accountId = passkey.accountId();
		if (purpose == Purpose.SIGN_IN && !userHandleMatches(accountId, data.getUserHandle())) {
			return refused(accountId, purpose, challengeId, FactorRejection.PASSKEY_INVALID, context,
					Verified.Refused::new);
		}
		OptionalInt attempt = OptionalInt.empty();
		if (purpose != Purpose.SIGN_IN) {
			attempt = this.throttle.reserve(accountId, now);
			if (attempt.isEmpty()) {
				return new Verified.Refused(FactorRejection.TOO_MANY_FAILURES);
			}
		}
		boolean userVerificationRequired = purpose != Purpose.SECOND_FACTOR;
		List<byte[]> allowCredentials = purpose == Purpose.SIGN_IN ? null
				: this.store.findByAccount(accountId).stream().map(StoredPasskey::credentialId).toList();
		try {
			this.rp.manager().verify(data, new AuthenticationParameters(this.rp.serverProperty(used.get().challenge()),
					record(passkey), allowCredentials, userVerificationRequired, true));
		}
		catch (MaliciousCounterValueException ex) {
			long presented = data.getAuthenticatorData() == null ? -1 : data.getAuthenticatorData().getSignCount();
			this.tx.executeWithoutResult(s -> this.events.publishEvent(
					new PasskeyCounterRegressed(accountId, passkey.id(), passkey.signCount(), presented, context)));
			return new Verified.Refused(FactorRejection.PASSKEY_COUNTER_REGRESSED);
		}
		catch (RuntimeException ex) {
			Rejection rejection = ex instanceof UserNotVerifiedException
					? FactorRejection.PASSKEY_USER_VERIFICATION_REQUIRED : FactorRejection.PASSKEY_INVALID;
			int streak = attempt.orElse(0);
			this.tx.executeWithoutResult(s -> {
				this.events.publishEvent(new PasskeyRefused(accountId, purpose.name().toLowerCase(java.util.Locale.ROOT),
						rejection.code(), "webauthn:" + challengeId, context));
				if (streak > 0) {
					this.events.publishEvent(new SecondFactorFailed(accountId, "passkey", false, streak, context));
				}
			});
			return new Verified.Refused(rejection);
		}
		AuthenticatorData<?> authenticatorData = data.getAuthenticatorData();
		boolean recorded = this.store.recordUse(passkey.id(), passkey.signCount(), authenticatorData.getSignCount(),
				authenticatorData.isFlagUV(), authenticatorData.isFlagBS(), now);
		if (!recorded) {
			// Another assertion with this passkey moved the counter between our read and now.
			return new Verified.Refused(FactorRejection.PASSKEY_INVALID);
		}
		if (purpose != Purpose.SIGN_IN) {
			this.throttle.succeed(accountId);
		}
		return new Verified.Ok(accountId, passkey.id(), authenticatorData.isFlagUV());
	}

	private boolean userHandleMatches(UUID accountId, byte @Nullable [] presented) {
		return presented != null && this.store.findUserHandle(accountId)
			.map(h -> java.security.MessageDigest.isEqual(h, presented))
			.orElse(false);
	}

	private CredentialRecordImpl record(StoredPasskey passkey) {
		AttestedCredentialData credential = this.rp.credentialData().convert(passkey.attestedCredentialData());
		return new CredentialRecordImpl(new NoneAttestationStatement(), passkey.uvInitialized(), passkey.backupEligible(),
				passkey.backedUp(), passkey.signCount(), credential, null, null, null, transports(passkey));
	}

	private static Set<AuthenticatorTransport> transports(StoredPasskey passkey) {
		if (passkey.transports().isEmpty()) {
			return Set.of();
		}
		Set<AuthenticatorTransport> out = new java.util.HashSet<>();
		for (String t : passkey.transports().split(",")) {
			out.add(AuthenticatorTransport.create(t));
		}
		return out;
	}

	// ---- management -------------------------------------------------------------------------------

	public Optional<Rejection> rename(UUID accountId, UUID passkeyId, String rawName) {
		Optional<String> name = canonicalName(rawName);
		if (name.isEmpty()) {
			return Optional.of(FactorRejection.PASSKEY_NAME_INVALID);
		}
		return this.store.rename(accountId, passkeyId, name.get()) ? Optional.empty()
				: Optional.of(FactorRejection.PASSKEY_NOT_FOUND);
	}

	/**
	 * Removes one passkey (after step-up, checked by the caller): other sessions end, withdrawals cool
	 * down, every channel is told.
	 */
	public Optional<Rejection> remove(Actor.Customer session, UUID passkeyId, RequestContext context) {
		Boolean removed = this.tx.execute(s -> {
			if (!this.store.delete(session.accountId(), passkeyId)) {
				return false;
			}
			this.events.publishEvent(new FactorRemoved(session.accountId(), session.sessionId(), "passkey", context));
			this.sessions.revokeOthers(session.accountId(), session.sessionId(), "factor_removed", context);
			this.cooldowns.start(session.accountId(), Cooldowns.SECURITY_CHANGE, "factor_removed", context);
			return true;
		});
		return Boolean.TRUE.equals(removed) ? Optional.empty() : Optional.of(FactorRejection.PASSKEY_NOT_FOUND);
	}

	/** Deletes challenges that expired a day ago; they can never be used. */
	@Scheduled(fixedDelayString = "${gatehouse.webauthn.cleanup-interval:PT1H}")
	void deleteExpiredChallenges() {
		this.store.deleteChallengesExpiredBefore(this.clock.instant().minus(Duration.ofDays(1)));
	}

	/** 1–64 characters after trimming, no control characters. */
	static Optional<String> canonicalName(@Nullable String raw) {
		if (raw == null) {
			return Optional.empty();
		}
		String name = java.text.Normalizer.normalize(raw.strip(), java.text.Normalizer.Form.NFC);
		if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_NAME_LENGTH
				|| name.codePoints().anyMatch(Character::isISOControl)) {
			return Optional.empty();
		}
		return Optional.of(name);
	}

	private static List<Map<String, Object>> descriptors(List<StoredPasskey> passkeys) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (StoredPasskey p : passkeys) {
			Map<String, Object> d = new LinkedHashMap<>();
			d.put("type", "public-key");
			d.put("id", B64URL.encodeToString(p.credentialId()));
			if (!p.transports().isEmpty()) {
				d.put("transports", List.of(p.transports().split(",")));
			}
			out.add(d);
		}
		return out;
	}

	private <T> T refused(@Nullable UUID accountId, Purpose purpose, UUID challengeId, Rejection rejection,
			RequestContext context, java.util.function.Function<Rejection, T> result) {
		this.tx.executeWithoutResult(s -> this.events.publishEvent(new PasskeyRefused(accountId,
				purpose.name().toLowerCase(java.util.Locale.ROOT), rejection.code(), "webauthn:" + challengeId, context)));
		return result.apply(rejection);
	}

	/** A passkey as its owner sees it; never the key material. */
	public record Passkey(UUID id, String name, Instant createdAt, @Nullable Instant lastUsedAt, boolean synced) {
	}

	/**
	 * Options for the browser's WebAuthn call, as JSON-ready values (binary fields base64url), and the id
	 * of the challenge to send back with the answer.
	 */
	public record Options(UUID challengeId, Map<String, Object> publicKey) {
	}

	public sealed interface Registered {

		record Done(Passkey passkey) implements Registered {
		}

		record Refused(Rejection rejection) implements Registered {
		}
	}

	public sealed interface Verified {

		record Ok(UUID accountId, UUID passkeyId, boolean userVerified) implements Verified {
		}

		record Refused(Rejection rejection) implements Verified {
		}
	}
}
