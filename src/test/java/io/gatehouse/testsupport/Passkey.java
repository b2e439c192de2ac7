package io.gatehouse.testsupport;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.webauthn4j.data.AttestationConveyancePreference;
import com.webauthn4j.data.AuthenticatorAssertionResponse;
import com.webauthn4j.data.AuthenticatorAttestationResponse;
import com.webauthn4j.data.AuthenticatorSelectionCriteria;
import com.webauthn4j.data.PublicKeyCredential;
import com.webauthn4j.data.PublicKeyCredentialCreationOptions;
import com.webauthn4j.data.PublicKeyCredentialDescriptor;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialRequestOptions;
import com.webauthn4j.data.PublicKeyCredentialRpEntity;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.PublicKeyCredentialUserEntity;
import com.webauthn4j.data.ResidentKeyRequirement;
import com.webauthn4j.data.UserVerificationRequirement;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.test.authenticator.webauthn.NoneAttestationAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A software passkey for tests: webauthn4j-test's emulated authenticator behind an emulated browser at
 * a given origin. It answers the options Gatehouse sends with the JSON a browser's
 * {@code PublicKeyCredential.toJSON()} produces.
 */
public final class Passkey {

	private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ClientPlatform platform;

	private final NoneAttestationAuthenticator authenticator = new NoneAttestationAuthenticator();

	public Passkey(String origin) {
		this.platform = new ClientPlatform(new Origin(origin), new WebAuthnAuthenticatorAdaptor(this.authenticator));
	}

	public static Passkey at(int port) {
		return new Passkey("http://localhost:" + port);
	}

	/** The same authenticator seen from another origin (a phishing site, say). */
	public void moveTo(String origin) {
		this.platform.setOrigin(new Origin(origin));
	}

	public void countUp(boolean enabled) {
		this.authenticator.setCountUpEnabled(enabled);
	}

	/** Answers {@code navigator.credentials.create()} options. */
	public Map<String, Object> create(JsonNode options) {
		JsonNode rp = options.path("rp");
		JsonNode user = options.path("user");
		List<PublicKeyCredentialDescriptor> exclude = descriptors(options.path("excludeCredentials"));
		PublicKeyCredentialCreationOptions request = new PublicKeyCredentialCreationOptions(
				new PublicKeyCredentialRpEntity(rp.path("id").asString(), rp.path("name").asString()),
				new PublicKeyCredentialUserEntity(DECODE.decode(user.path("id").asString()), user.path("name").asString(),
						user.path("displayName").asString()),
				new DefaultChallenge(DECODE.decode(options.path("challenge").asString())),
				List.of(new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256)),
				options.path("timeout").asLong(), exclude,
				new AuthenticatorSelectionCriteria(null, true, ResidentKeyRequirement.REQUIRED,
						UserVerificationRequirement.REQUIRED),
				AttestationConveyancePreference.NONE, null);
		PublicKeyCredential<AuthenticatorAttestationResponse, ?> credential = this.platform.create(request);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("clientDataJSON", B64.encodeToString(credential.getResponse().getClientDataJSON()));
		response.put("attestationObject", B64.encodeToString(credential.getResponse().getAttestationObject()));
		response.put("transports", List.of("internal"));
		return envelope(credential.getRawId(), response);
	}

	/** Answers {@code navigator.credentials.get()} options, as a user who verifies (PIN or biometric). */
	public Map<String, Object> get(JsonNode options) {
		return get(options, UserVerificationRequirement.REQUIRED);
	}

	public Map<String, Object> get(JsonNode options, UserVerificationRequirement userVerification) {
		return get(options, userVerification, options.path("rpId").asString());
	}

	public Map<String, Object> get(JsonNode options, UserVerificationRequirement userVerification, String rpId) {
		PublicKeyCredentialRequestOptions request = new PublicKeyCredentialRequestOptions(
				new DefaultChallenge(DECODE.decode(options.path("challenge").asString())), options.path("timeout").asLong(),
				rpId, descriptors(options.path("allowCredentials")), userVerification, null);
		PublicKeyCredential<AuthenticatorAssertionResponse, ?> credential = this.platform.get(request);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("clientDataJSON", B64.encodeToString(credential.getResponse().getClientDataJSON()));
		response.put("authenticatorData", B64.encodeToString(credential.getResponse().getAuthenticatorData()));
		response.put("signature", B64.encodeToString(credential.getResponse().getSignature()));
		if (credential.getResponse().getUserHandle() != null) {
			response.put("userHandle", B64.encodeToString(credential.getResponse().getUserHandle()));
		}
		return envelope(credential.getRawId(), response);
	}

	/** A copy of an answer with one base64url field of its response changed by {@code edit}. */
	@SuppressWarnings("unchecked")
	public static Map<String, Object> tamper(Map<String, Object> answer, String field,
			Consumer<byte[]> edit) {
		Map<String, Object> copy = new LinkedHashMap<>(answer);
		Map<String, Object> response = new LinkedHashMap<>((Map<String, Object>) answer.get("response"));
		byte[] bytes = DECODE.decode((String) response.get(field));
		edit.accept(bytes);
		response.put(field, B64.encodeToString(bytes));
		copy.put("response", response);
		return copy;
	}

	private static Map<String, Object> envelope(byte[] rawId, Map<String, Object> response) {
		Map<String, Object> out = new LinkedHashMap<>();
		out.put("id", B64.encodeToString(rawId));
		out.put("rawId", B64.encodeToString(rawId));
		out.put("type", "public-key");
		out.put("response", response);
		out.put("clientExtensionResults", Map.of());
		out.put("authenticatorAttachment", "platform");
		return out;
	}

	private static List<PublicKeyCredentialDescriptor> descriptors(JsonNode list) {
		List<PublicKeyCredentialDescriptor> out = new ArrayList<>();
		for (JsonNode d : list) {
			out.add(new PublicKeyCredentialDescriptor(PublicKeyCredentialType.PUBLIC_KEY,
					DECODE.decode(d.path("id").asString()), null));
		}
		return out;
	}

	@Override
	public String toString() {
		return "Passkey[" + this.platform.getOrigin() + "]";
	}

	static String json(Object value) {
		return JSON.writeValueAsString(value);
	}
}
