package io.gatehouse.signin;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SignInApiIntegrationTests extends ApiTest {

	@Test
	void startWhenNewFlowThenAwaitingPasswordAsStepOneOfOne() {
		ApiClient.Response flow = this.api.post("/api/v1/signin/flows", null, null);

		assertThat(flow.status()).isEqualTo(201);
		assertThat(flow.text("state")).isEqualTo("awaiting_password");
		assertThat(flow.text("next")).isEqualTo("password");
		assertThat(flow.json().path("step").asInt()).isEqualTo(1);
		assertThat(flow.json().path("totalSteps").asInt()).isEqualTo(1);
	}

	@Test
	void passwordWhenCorrectThenSessionIssuedAndFlowCompleted() {
		String email = this.accounts.create();

		ApiClient.Response done = this.accounts.signInResponse(email.toUpperCase(), TestAccounts.PASSWORD);

		assertThat(done.status()).isEqualTo(200);
		assertThat(done.text("state")).isEqualTo("completed");
		String token = done.json().path("session").path("token").asString();
		assertThat(token).startsWith("ghs_").hasSize(47);
		assertThat(this.api.get("/api/v1/me", token).text("email")).isEqualTo(email);
	}

	@Test
	void startWhenCredentialsSentWithItThenCompletedInOneRoundTrip() {
		String email = this.accounts.create();

		ApiClient.Response done = this.api.post("/api/v1/signin/flows",
				Map.of("identifier", email, "password", TestAccounts.PASSWORD), null);

		assertThat(done.status()).isEqualTo(201);
		assertThat(done.text("state")).isEqualTo("completed");
		String token = done.json().path("session").path("token").asString();
		assertThat(this.api.get("/api/v1/me", token).text("email")).isEqualTo(email);
		assertThat(this.api.get("/api/v1/signin/flows/" + done.text("id"), null).text("state")).isEqualTo("completed");
	}

	@Test
	void startWhenCredentialsWrongOrUnknownThenSameRefusalAsTheStepAndNoFlowStored() {
		String email = this.accounts.create();

		ApiClient.Response wrong = this.api.post("/api/v1/signin/flows",
				Map.of("identifier", email, "password", "not the password at all"), null);
		ApiClient.Response unknown = this.api.post("/api/v1/signin/flows",
				Map.of("identifier", TestAccounts.newEmail(), "password", "not the password at all"), null);

		assertThat(wrong.status()).isEqualTo(unknown.status()).isEqualTo(401);
		assertThat(wrong.body()).isEqualTo(unknown.body());
		assertThat(wrong.text("code")).isEqualTo("invalid_credentials");
	}

	@Test
	void passwordWhenFlowAlreadyCompletedThenWrongStep() {
		String email = this.accounts.create();
		String flow = this.api.post("/api/v1/signin/flows", null, null).text("id");
		Map<String, String> body = Map.of("identifier", email, "password", TestAccounts.PASSWORD);
		assertThat(this.api.post("/api/v1/signin/flows/" + flow + "/password", body, null).status()).isEqualTo(200);

		ApiClient.Response again = this.api.post("/api/v1/signin/flows/" + flow + "/password", body, null);

		assertThat(again.status()).isEqualTo(409);
		assertThat(again.text("code")).isEqualTo("flow_wrong_step");
	}
}
