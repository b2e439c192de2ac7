package io.gatehouse.web;

import org.junit.jupiter.api.Test;

import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, Prometheus metrics and the OpenAPI document. */
@IntegrationTest
class OperationsIntegrationTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Test
	void metricsWhenSignInsHappenedThenExportedForPrometheus() {
		ApiClient api = new ApiClient(this.port);
		TestAccounts accounts = new TestAccounts(api);
		String email = accounts.create();
		accounts.signIn(email, TestAccounts.PASSWORD);
		accounts.signInResponse(email, "wrong password entirely");

		ApiClient.Response metrics = new ApiClient(this.managementPort).get("/actuator/prometheus", null);

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("gatehouse_signin_attempts_total{outcome=\"success\"")
			.contains("gatehouse_signin_attempts_total{outcome=\"failure\"")
			.contains("gatehouse_password_hash_seconds_count");
	}

	@Test
	void healthWhenUpThenUpOnManagementPortOnly() {
		assertThat(new ApiClient(this.managementPort).get("/actuator/health", null).text("status")).isEqualTo("UP");
		assertThat(new ApiClient(this.port).get("/actuator/prometheus", null).status()).isNotEqualTo(200);
	}

	@Test
	void openApiWhenRequestedThenDescribesTheFirstPartyApi() {
		ApiClient.Response docs = new ApiClient(this.port).get("/v3/api-docs", null);
		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.json().path("paths").propertyNames()).contains("/api/v1/registrations",
				"/api/v1/signin/flows/{flowId}/password", "/api/v1/me/sessions", "/api/v1/me/password",
				"/api/v1/me/events/export");
	}
}
