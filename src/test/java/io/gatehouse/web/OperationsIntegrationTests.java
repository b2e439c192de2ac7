package io.gatehouse.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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

	/**
	 * Every JSON request body in the document says what it holds: a named schema with properties, each of
	 * them typed (an empty schema tells a client nothing, as springdoc gives for a raw JSON node).
	 */
	@Test
	void openApiWhenReadThenEveryRequestBodyIsDescribed() {
		JsonNode doc = new ApiClient(this.port).get("/v3/api-docs", null).json();
		JsonNode schemas = doc.path("components").path("schemas");
		List<String> empty = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				JsonNode schema = operation.getValue().path("requestBody").path("content").path("application/json")
					.path("schema");
				if (schema.isMissingNode()) {
					continue;
				}
				String where = operation.getKey().toUpperCase() + " " + path.getKey();
				JsonNode resolved = schema.has("$ref")
						? schemas.path(schema.path("$ref").asString().replace("#/components/schemas/", "")) : schema;
				if (!resolved.has("properties")) {
					if (!resolved.has("type") || "object".equals(resolved.path("type").asString())) {
						empty.add(where);
					}
					continue;
				}
				for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
					JsonNode p = property.getValue();
					JsonNode target = p.has("$ref")
							? schemas.path(p.path("$ref").asString().replace("#/components/schemas/", "")) : p;
					if (!target.has("type") && !target.has("properties") && !target.has("oneOf")
							&& !target.has("allOf") && !target.has("enum")) {
						empty.add(where + " ." + property.getKey());
					}
				}
			}
		}
		assertThat(empty).as("request bodies or fields the document leaves empty").isEmpty();
	}
}
