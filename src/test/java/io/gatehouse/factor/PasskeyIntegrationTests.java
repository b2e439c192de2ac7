package io.gatehouse.factor;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.webauthn4j.data.UserVerificationRequirement;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.Passkey;
import io.gatehouse.testsupport.Race;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Passkeys through the JSON API with webauthn4j-test's emulated authenticator: registration behind
 * step-up, passwordless sign-in, passkey as the second factor, step-up with a passkey, and every
 * refusal case of issue 3 (wrong origin, wrong rpId, flipped flags, replayed challenge, bad signature,
 * counter regression, duplicate credential, missing user verification, another account's passkey).
 */
@IntegrationTest
class PasskeyIntegrationTests extends ApiTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void registerWhenSteppedUpThenListedNotifiedAndCooledDown() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		Session s = register(email, passkey, "Laptop");

		JsonNode list = this.api.get("/api/v1/me/passkeys", s.token()).json().path("passkeys");
		assertThat(list.size()).isEqualTo(1);
		assertThat(list.get(0).path("name").asString()).isEqualTo("Laptop");
		assertThat(list.get(0).toString()).doesNotContain("publicKey").doesNotContain("credential");
		assertThat(this.api.get("/api/v1/me", s.token()).json().path("withdrawalsLockedUntil").isNull()).isFalse();
		TestMail.awaitSubject(email, "A passkey was added");
		assertThat(events(email)).contains("factor_enrolled");
	}

	@Test
	void registerWhenNoStepUpProofThenRefused() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		assertThat(this.api.post("/api/v1/me/passkeys/options", null, token).text("code")).isEqualTo("step_up_required");
	}

	@Test
	void passwordlessSignInWhenPasskeyVerifiesUserThenSessionWithoutPassword() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		register(email, passkey, "Phone");

		String flow = newFlow();
		JsonNode options = passkeyOptions(flow);
		assertThat(options.path("publicKey").path("allowCredentials").size()).as("discoverable: no list").isZero();
		assertThat(options.path("publicKey").path("userVerification").asString()).isEqualTo("required");
		ApiClient.Response done = this.api.post("/api/v1/signin/flows/" + flow + "/passkey",
				Map.of("challengeId", options.path("challengeId").asString(), "credential",
						passkey.get(options.path("publicKey"))), null);
		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(done.text("state")).isEqualTo("completed");
		assertThat(done.json().path("totalSteps").asInt()).isEqualTo(1);
		String token = done.json().path("session").path("token").asString();
		assertThat(this.api.get("/api/v1/me", token).status()).isEqualTo(200);
		assertThat(this.api.get("/api/v1/me/passkeys", token).json().path("passkeys").get(0).path("lastUsedAt").isNull())
			.isFalse();
	}

	@Test
	void passwordlessSignInWhenUserNotVerifiedThenRefused() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		register(email, passkey, "Key");
		String flow = newFlow();
		JsonNode options = passkeyOptions(flow);
		ApiClient.Response r = this.api.post("/api/v1/signin/flows/" + flow + "/passkey",
				Map.of("challengeId", options.path("challengeId").asString(), "credential",
						passkey.get(options.path("publicKey"), UserVerificationRequirement.DISCOURAGED)), null);
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.text("code")).isEqualTo("passkey_user_verification_required");
		assertThat(this.api.get("/api/v1/signin/flows/" + flow, null).text("state")).isEqualTo("awaiting_password");
	}

	@Test
	void secondFactorWhenPasskeyEnrolledThenPasswordAloneGrantsNothingAndPasskeyFinishes() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		register(email, passkey, "Laptop");

		ApiClient.Response afterPassword = this.accounts.signInResponse(email, TestAccounts.PASSWORD);
		assertThat(afterPassword.text("next")).isEqualTo("second_factor");
		assertThat(afterPassword.json().path("allowedFactors").toString()).isEqualTo("[\"passkey\"]");
		assertThat(afterPassword.json().path("session").isMissingNode()).isTrue();
		String flow = afterPassword.text("id");
		assertThat(this.api.post("/api/v1/signin/flows/" + flow + "/totp", Map.of("code", "123456"), null).text("code"))
			.as("a client cannot pick a factor the account does not allow")
			.isEqualTo("factor_not_allowed");

		JsonNode options = passkeyOptions(flow);
		assertThat(options.path("publicKey").path("allowCredentials").size()).isEqualTo(1);
		ApiClient.Response done = this.api.post("/api/v1/signin/flows/" + flow + "/passkey",
				Map.of("challengeId", options.path("challengeId").asString(), "credential",
						passkey.get(options.path("publicKey"), UserVerificationRequirement.DISCOURAGED)), null);
		assertThat(done.status()).as(done.body()).isEqualTo(200);
		assertThat(done.json().path("step").asInt()).isEqualTo(2);
		assertThat(events(email)).contains("second_factor_not_allowed");
	}

	@Test
	void assertionWhenReplayedThenChallengeRefused() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		register(email, passkey, "Laptop");
		String flow = newFlow();
		JsonNode options = passkeyOptions(flow);
		Map<String, Object> body = Map.of("challengeId", options.path("challengeId").asString(), "credential",
				passkey.get(options.path("publicKey")));
		assertThat(this.api.post("/api/v1/signin/flows/" + flow + "/passkey", body, null).status()).isEqualTo(200);

		String other = newFlow();
		assertThat(this.api.post("/api/v1/signin/flows/" + other + "/passkey", body, null).text("code"))
			.isEqualTo("passkey_challenge_invalid");
	}

	@Test
	void assertionWhenChallengeRacedTwentyWaysThenExactlyOneSessionIssued() throws Exception {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		register(email, passkey, "Laptop");
		String flow = newFlow();
		JsonNode options = passkeyOptions(flow);
		Map<String, Object> body = Map.of("challengeId", options.path("challengeId").asString(), "credential",
				passkey.get(options.path("publicKey")));
		assertThat(Race.successes(20,
				() -> this.api.post("/api/v1/signin/flows/" + flow + "/passkey", body, null).status() == 200))
			.isEqualTo(1);
	}

	@Test
	void assertionWhenFromAnotherOriginThenRefused() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		register(email, passkey, "Laptop");
		passkey.moveTo("https://gatehouse.example.evil");
		assertThat(passwordless(passkey, UserVerificationRequirement.REQUIRED, null, null).text("code"))
			.isEqualTo("passkey_invalid");
		assertThat(events(email)).contains("passkey_refused");
	}

	@Test
	void assertionWhenForAnotherRpIdThenRefused() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		register(email, passkey, "Laptop");
		// The first 32 bytes of authenticatorData are SHA-256(rpId): an answer made for another relying party.
		byte[] evil = sha256("evil.example");
		assertThat(passwordless(passkey, UserVerificationRequirement.REQUIRED, null,
				answer -> Passkey.tamper(answer, "authenticatorData", b -> System.arraycopy(evil, 0, b, 0, 32)))
			.text("code")).isEqualTo("passkey_invalid");
	}

	@Test
	void assertionWhenSignatureOrFlagsTamperedThenRefused() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		register(email, passkey, "Laptop");
		assertThat(passwordless(passkey, UserVerificationRequirement.REQUIRED, null,
				answer -> Passkey.tamper(answer, "signature", b -> b[b.length - 1] ^= 1)).text("code"))
			.isEqualTo("passkey_invalid");
		// UP is bit 0 and UV bit 2 of the flags byte at offset 32; flipping UV on after the fact breaks the signature.
		assertThat(passwordless(passkey, UserVerificationRequirement.DISCOURAGED, null,
				answer -> Passkey.tamper(answer, "authenticatorData", b -> b[32] |= 0x04)).text("code"))
			.isEqualTo("passkey_invalid");
	}

	@Test
	void assertionWhenCounterGoesBackwardsThenRefusedAndOwnerAlerted() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		register(email, passkey, "Laptop");
		// The genuine authenticator has moved far ahead; this one (a clone) lags behind.
		this.jdbc.sql("update passkeys set sign_count = 1000 where account_id = (select id from accounts where email = ?)").param(email).update();
		assertThat(passwordless(passkey, UserVerificationRequirement.REQUIRED, null, null).text("code"))
			.isEqualTo("passkey_counter_regressed");
		TestMail.awaitSubject(email, "A passkey was refused as possibly copied");
		assertThat(events(email)).contains("passkey_counter_regressed");
	}

	@Test
	void registerWhenAnswerReplayedIntoAnotherAccountThenRefused() {
		Session s = register(this.accounts.create(), Passkey.at(this.port), "Laptop");
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		JsonNode options = registrationOptions(token).json();
		String rotated = options.path("__token").asString();
		ApiClient.Response r = this.api.post("/api/v1/me/passkeys", Map.of("challengeId",
				options.path("challengeId").asString(), "name", "Stolen", "credential", s.registration()), rotated);
		assertThat(r.text("code")).isEqualTo("passkey_invalid");
		assertThat(this.api.get("/api/v1/me/passkeys", rotated).json().path("passkeys").size()).isZero();
	}

	@Test
	void registerWhenCredentialIdAlreadyRegisteredThenDuplicateRefused() {
		String first = this.accounts.create();
		register(first, Passkey.at(this.port), "Laptop");
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		JsonNode options = registrationOptions(token).json();
		String rotated = options.path("__token").asString();
		Map<String, Object> answer = Passkey.at(this.port).create(options.path("publicKey"));
		// The new credential's id already belongs to the first account (as if one authenticator answered twice).
		this.jdbc.sql("update passkeys set credential_id = ? where account_id = (select id from accounts where email = ?)")
			.params(Base64.getUrlDecoder().decode((String) answer.get("rawId")), first)
			.update();
		ApiClient.Response r = this.api.post("/api/v1/me/passkeys", Map.of("challengeId",
				options.path("challengeId").asString(), "name", "Twin", "credential", answer), rotated);
		assertThat(r.status()).isEqualTo(409);
		assertThat(r.text("code")).isEqualTo("passkey_duplicate");
		assertThat(this.api.get("/api/v1/me/passkeys", rotated).json().path("passkeys").size()).isZero();
	}

	@Test
	void registerWhenMalformedCredentialThenClearErrorAndNothingStored() {
		String token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		JsonNode options = registrationOptions(token).json();
		String rotated = options.path("__token").asString();
		ApiClient.Response r = this.api.post("/api/v1/me/passkeys", Map.of("challengeId",
				options.path("challengeId").asString(), "name", "Junk", "credential", Map.of("id", "AAAA", "type",
						"public-key", "response", Map.of("clientDataJSON", "!!", "attestationObject", "e30"))),
				rotated);
		assertThat(r.status()).isEqualTo(400);
		assertThat(r.text("code")).isEqualTo("passkey_invalid");
		assertThat(this.api.get("/api/v1/me/passkeys", rotated).json().path("passkeys").size()).isZero();
	}

	@Test
	void stepUpWhenPasskeyEnrolledThenPasskeyProvesAndPasswordAloneDoesNot() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		Session s = register(email, passkey, "Laptop");
		assertThat(this.api.get("/api/v1/me/step-up", s.token()).json().path("allowedFactors").toString())
			.isEqualTo("[\"passkey\"]");
		assertThat(this.api.post("/api/v1/me/step-up", Map.of("action", "set_anti_phishing_code", "params",
				Map.of("code", "blue heron 42"), "password", TestAccounts.PASSWORD), s.token()).text("code"))
			.isEqualTo("step_up_factor_not_allowed");

		JsonNode options = this.api.post("/api/v1/me/step-up/passkey-options", null, s.token()).json();
		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up", Map.of("action", "set_anti_phishing_code",
				"params", Map.of("code", "blue heron 42"), "passkey", Map.of("challengeId",
						options.path("challengeId").asString(), "credential", passkey.get(options.path("publicKey")))),
				s.token());
		assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
		String rotated = stepUp.json().path("session").path("token").asString();
		assertThat(this.api.send(HttpRequest.newBuilder(URI.create(
				"http://127.0.0.1:" + this.port + "/api/v1/me/anti-phishing-code"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"code\":\"blue heron 42\"}")), rotated,
				"X-Step-Up-Proof", stepUp.text("proof")).status()).isEqualTo(200);
	}

	@Test
	void removeWhenSteppedUpWithPasskeyAndPasswordThenGoneAndSignInIsPasswordOnly() {
		String email = this.accounts.create();
		Passkey passkey = Passkey.at(this.port);
		Session s = register(email, passkey, "Laptop");
		String id = this.api.get("/api/v1/me/passkeys", s.token()).json().path("passkeys").get(0).path("id").asString();
		JsonNode options = this.api.post("/api/v1/me/step-up/passkey-options", null, s.token()).json();
		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up", Map.of("action", "remove_passkey", "params",
				Map.of("passkeyId", id), "password", TestAccounts.PASSWORD, "passkey", Map.of("challengeId",
						options.path("challengeId").asString(), "credential", passkey.get(options.path("publicKey")))),
				s.token());
		assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
		String rotated = stepUp.json().path("session").path("token").asString();
		ApiClient.Response removed = this.api.send(HttpRequest.newBuilder(URI.create(
				"http://127.0.0.1:" + this.port + "/api/v1/me/passkeys/" + id)).DELETE(), rotated, "X-Step-Up-Proof",
				stepUp.text("proof"));
		assertThat(removed.status()).as(removed.body()).isEqualTo(204);
		TestMail.awaitSubject(email, "A passkey was removed");
		assertThat(this.accounts.signInResponse(email, TestAccounts.PASSWORD).text("state")).isEqualTo("completed");
	}

	// ---- helpers ----

	record Session(String token, Map<String, Object> registration) {
	}

	/** Signs in, steps up with the password, registers the passkey; returns the final session token. */
	private Session register(String email, Passkey passkey, String name) {
		String token = this.accounts.signIn(email, TestAccounts.PASSWORD);
		ApiClient.Response options = registrationOptions(token);
		String rotated = options.json().path("__token").asString();
		Map<String, Object> answer = passkey.create(options.json().path("publicKey"));
		ApiClient.Response done = this.api.post("/api/v1/me/passkeys",
				Map.of("challengeId", options.text("challengeId"), "name", name, "credential", answer), rotated);
		assertThat(done.status()).as(done.body()).isEqualTo(201);
		return new Session(rotated, answer);
	}

	/** Step-up for add_passkey with the password, then the options; the rotated token rides along as __token. */
	private ApiClient.Response registrationOptions(String token) {
		ApiClient.Response stepUp = this.api.post("/api/v1/me/step-up",
				Map.of("action", "add_passkey", "password", TestAccounts.PASSWORD), token);
		assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(200);
		String rotated = stepUp.json().path("session").path("token").asString();
		ApiClient.Response options = this.api.post("/api/v1/me/passkeys/options", null, rotated, "X-Step-Up-Proof",
				stepUp.text("proof"));
		assertThat(options.status()).as(options.body()).isEqualTo(200);
		String body = options.body().replaceFirst("\\{", "{\"__token\":\"" + rotated + "\",");
		return new ApiClient.Response(options.status(), options.headers(), body);
	}

	private String newFlow() {
		return this.api.post("/api/v1/signin/flows", null, null).text("id");
	}

	private JsonNode passkeyOptions(String flow) {
		return this.api.post("/api/v1/signin/flows/" + flow + "/passkey/options", null, null).json();
	}

	private ApiClient.Response passwordless(Passkey passkey, UserVerificationRequirement uv, String rpId,
			UnaryOperator<Map<String, Object>> edit) {
		String flow = newFlow();
		JsonNode options = passkeyOptions(flow);
		JsonNode publicKey = options.path("publicKey");
		Map<String, Object> answer = rpId == null ? passkey.get(publicKey, uv) : passkey.get(publicKey, uv, rpId);
		if (edit != null) {
			answer = edit.apply(answer);
		}
		return this.api.post("/api/v1/signin/flows/" + flow + "/passkey",
				Map.of("challengeId", options.path("challengeId").asString(), "credential", answer), null);
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256")
				.digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private List<String> events(String email) {
		return this.jdbc.sql("select type from security_events where account_id = (select id from accounts where email = ?) order by id").param(email).query(String.class).list();
	}
}
