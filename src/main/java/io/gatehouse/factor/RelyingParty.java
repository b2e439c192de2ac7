package io.gatehouse.factor;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;

import io.gatehouse.kernel.GatehouseProperties;

import org.springframework.stereotype.Component;

/**
 * This installation as a WebAuthn relying party: its id, its exact origin allow-list, and the webauthn4j
 * verifier. Attestation is not asked for ({@code none}): Gatehouse trusts the ceremony, not the
 * authenticator's make, so the non-strict manager (which verifies signatures, origin, rpId hash,
 * challenge, flags and counters, but not attestation trust chains) is the right one.
 */
@Component
class RelyingParty {

	/** ES256, EdDSA, RS256: what platform authenticators and security keys offer, strongest first. */
	static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
			new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
			new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
			new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

	private final String id;

	private final String name;

	private final Set<Origin> origins;

	private final WebAuthnManager manager;

	private final AttestedCredentialDataConverter credentialData;

	RelyingParty(WebAuthnProperties properties, GatehouseProperties gatehouse) {
		URI publicUrl = gatehouse.publicUrl();
		this.id = properties.rpId() != null && !properties.rpId().isBlank() ? properties.rpId() : publicUrl.getHost();
		this.name = properties.rpName();
		Set<Origin> allowed = new LinkedHashSet<>();
		List<String> configured = properties.origins().isEmpty() ? List.of(originOf(publicUrl)) : properties.origins();
		for (String origin : configured) {
			URI uri = URI.create(origin);
			if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
				throw new IllegalArgumentException("gatehouse.webauthn.origins must be bare origins such as "
						+ "https://example.com, got " + origin);
			}
			if (gatehouse.isProduction() && !"https".equals(uri.getScheme())) {
				throw new IllegalArgumentException("gatehouse.webauthn.origins must use https in production");
			}
			allowed.add(new Origin(origin));
		}
		this.origins = Set.copyOf(allowed);
		ObjectConverter converter = new ObjectConverter();
		this.manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);
		this.credentialData = new AttestedCredentialDataConverter(converter);
	}

	private static String originOf(URI url) {
		return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
	}

	String id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

	Set<Origin> origins() {
		return this.origins;
	}

	WebAuthnManager manager() {
		return this.manager;
	}

	AttestedCredentialDataConverter credentialData() {
		return this.credentialData;
	}

	ServerProperty serverProperty(byte[] challenge) {
		return ServerProperty.builder().origins(this.origins).rpId(this.id).challenge(new DefaultChallenge(challenge))
			.build();
	}
}
