package io.gatehouse.factor;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;

import org.springframework.stereotype.Component;

/**
 * The WebAuthn ceremonies without any storage, for credentials that are not customers' passkeys (staff
 * sign-in). Same relying party, same origin allow-list and algorithms, same webauthn4j verification as
 * {@link PasskeyService}; user verification is always required. The caller keeps challenges and credentials.
 */
@Component
public class WebAuthnCeremonies {

	private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

	private final RelyingParty rp;

	WebAuthnCeremonies(RelyingParty rp) {
		this.rp = rp;
	}

	/** Options for {@code navigator.credentials.create()}: a discoverable credential with user verification. */
	public Map<String, Object> creationOptions(byte[] userHandle, String userName, byte[] challenge,
			List<byte[]> existing) {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("rp", Map.of("id", this.rp.id(), "name", this.rp.name() + " staff"));
		options.put("user", Map.of("id", B64URL.encodeToString(userHandle), "name", userName, "displayName", userName));
		options.put("challenge", B64URL.encodeToString(challenge));
		options.put("pubKeyCredParams", RelyingParty.ALGORITHMS.stream()
			.map(a -> Map.of("type", "public-key", "alg", a.getAlg().getValue()))
			.toList());
		options.put("timeout", 120_000);
		options.put("excludeCredentials", existing.stream()
			.map(id -> Map.of("type", "public-key", "id", B64URL.encodeToString(id)))
			.toList());
		options.put("authenticatorSelection",
				Map.of("residentKey", "required", "requireResidentKey", true, "userVerification", "required"));
		options.put("attestation", "none");
		return options;
	}

	/** Options for {@code navigator.credentials.get()}: any discoverable credential, user verification required. */
	public Map<String, Object> requestOptions(byte[] challenge) {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("challenge", B64URL.encodeToString(challenge));
		options.put("rpId", this.rp.id());
		options.put("timeout", 120_000);
		options.put("userVerification", "required");
		options.put("allowCredentials", List.of());
		return options;
	}

	/** A verified new credential: its id, its public key data, and the counter it starts from. */
	public record NewCredential(byte[] credentialId, byte[] attestedCredentialData, long signCount) {

		@Override
		public String toString() {
			return "NewCredential[" + this.credentialId.length + "-byte id]";
		}
	}

	/** Verifies a registration answer against the challenge; empty if anything is wrong. */
	public Optional<NewCredential> verifyCreation(String responseJson, byte[] challenge) {
		try {
			RegistrationData data = this.rp.manager().parseRegistrationResponseJSON(responseJson);
			this.rp.manager().verify(data, new RegistrationParameters(this.rp.serverProperty(challenge),
					RelyingParty.ALGORITHMS, true, true));
			AuthenticatorData<?> authenticatorData = Objects.requireNonNull(data.getAttestationObject(), "verified above")
				.getAuthenticatorData();
			AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
			if (credential == null) {
				return Optional.empty();
			}
			return Optional.of(new NewCredential(credential.getCredentialId(), this.rp.credentialData().convert(credential),
					authenticatorData.getSignCount()));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** The credential id an assertion answer names, before anything is verified (to look the credential up). */
	public Optional<byte[]> credentialId(String responseJson) {
		try {
			return Optional.ofNullable(this.rp.manager().parseAuthenticationResponseJSON(responseJson).getCredentialId());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Verifies an assertion with the stored credential: signature, origin, rpId, challenge, user verification
	 * and counter (a regression is refused). Returns the new counter, or empty.
	 */
	public Optional<Long> verifyAssertion(String responseJson, byte[] challenge, byte[] attestedCredentialData,
			long signCount) {
		try {
			AuthenticationData data = this.rp.manager().parseAuthenticationResponseJSON(responseJson);
			AttestedCredentialData credential = this.rp.credentialData().convert(attestedCredentialData);
			CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), true, null, null,
					signCount, credential, null, null, null, Set.of());
			this.rp.manager().verify(data, new AuthenticationParameters(this.rp.serverProperty(challenge), record,
					List.of(credential.getCredentialId()), true, true));
			return Optional.of(Objects.requireNonNull(data.getAuthenticatorData(), "verified above").getSignCount());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}
}
