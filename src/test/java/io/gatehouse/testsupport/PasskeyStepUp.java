package io.gatehouse.testsupport;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test customer's passkey as their strong factor: enrolled through the API (step-up with the password while
 * the account has no strong factor yet), then used for every later step-up, which rotates the session.
 */
public final class PasskeyStepUp {

	private final ApiClient api;

	private final Passkey passkey;

	private String token;

	private PasskeyStepUp(ApiClient api, Passkey passkey, String token) {
		this.api = api;
		this.passkey = passkey;
		this.token = token;
	}

	/** Adds a passkey to the signed-in account; the session it leaves is {@link #token()}. */
	public static PasskeyStepUp enrol(ApiClient api, int port, String token) {
		Passkey passkey = Passkey.at(port);
		ApiClient.Response stepUp = api.post("/api/v1/me/step-up",
				Map.of("action", "add_passkey", "password", TestAccounts.PASSWORD), token);
		assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
		String rotated = stepUp.json().path("session").path("token").asString();
		ApiClient.Response options = api.post("/api/v1/me/passkeys/options", null, rotated, "X-Step-Up-Proof",
				stepUp.text("proof"));
		assertThat(options.status()).as(options.body()).isEqualTo(200);
		ApiClient.Response added = api.post("/api/v1/me/passkeys", Map.of("challengeId", options.text("challengeId"),
				"name", "Laptop", "credential", passkey.create(options.json().path("publicKey"))), rotated);
		assertThat(added.status()).as(added.body()).isEqualTo(201);
		return new PasskeyStepUp(api, passkey, rotated);
	}

	public String token() {
		return this.token;
	}

	public Passkey passkey() {
		return this.passkey;
	}

	/** Step-up with the passkey for this action and parameters; returns the proof; the session rotates. */
	public String proof(String action, Map<String, String> params) {
		JsonNode options = this.api.post("/api/v1/me/step-up/passkey-options", null, this.token).json();
		ApiClient.Response r = this.api.post("/api/v1/me/step-up", Map.of("action", action, "params", params, "passkey",
				Map.of("challengeId", options.path("challengeId").asString(), "credential",
						this.passkey.get(options.path("publicKey")))), this.token);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		this.token = r.json().path("session").path("token").asString();
		return r.text("proof");
	}
}
