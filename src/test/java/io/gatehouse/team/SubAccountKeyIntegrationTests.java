package io.gatehouse.team;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.account.AccountEvents.ApiKeysSuspended;
import io.gatehouse.assets.AddressAssignment;
import io.gatehouse.assets.AssetsRejection;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.TestAccounts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24: a sub-account's own API keys, made by its master with step-up and the trading password, never with
 * Transfer; a sub-account gets no deposit address; what suspends the master's keys suspends its sub-accounts' too.
 */
@IntegrationTest
class SubAccountKeyIntegrationTests extends ApiTest {

	private static final String TRADING_PASSWORD = "granite harbour 5150";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	AddressAssignment addresses;

	String token;

	UUID master;

	String sub;

	@BeforeEach
	void master() {
		this.token = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		String proof = stepUp("set_trading_password", Map.of());
		ApiClient.Response set = this.api.send(HttpRequest.newBuilder(URI.create(this.api.base()
				+ "/api/v1/me/trading-password"))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JsonMapper.builder().build()
				.writeValueAsString(Map.of("password", TRADING_PASSWORD)))), this.token, "X-Step-Up-Proof", proof);
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		this.master = UUID.fromString(this.api.get("/api/v1/me", this.token).text("id"));
		this.sub = this.api.post("/api/v1/me/sub-accounts", Map.of("name", "keyed001"), this.token).text("id");
	}

	private String stepUp(String action, Map<String, String> params) {
		ApiClient.Response r = this.api.post("/api/v1/me/step-up",
				Map.of("action", action, "params", params, "password", TestAccounts.PASSWORD), this.token);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		this.token = r.json().path("session").path("token").asString();
		return r.text("proof");
	}

	private ApiClient.Response create(String subId, List<String> permissions, String ips) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("name", "sub bot");
		settings.put("permissions", permissions);
		settings.put("ipAllowList", ips);
		ApiClient.Response checked = this.api.post("/api/v1/me/sub-accounts/" + subId + "/api-keys/check", settings,
				this.token);
		if (checked.status() != 200) {
			return checked;
		}
		Map<String, String> params = new HashMap<>();
		checked.json().path("stepUpParams").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
		String proof = stepUp("create_api_key", params);
		Map<String, Object> body = new LinkedHashMap<>(settings);
		body.put("passphrase", "sub-pass-1");
		body.put("tradingPassword", TRADING_PASSWORD);
		return this.api.post("/api/v1/me/sub-accounts/" + subId + "/api-keys", body, this.token, "X-Step-Up-Proof",
				proof);
	}

	@Test
	void createWhenSteppedUpThenTheKeyActsForTheSubAccountAndTheMasterIsTold() {
		ApiClient.Response created = create(this.sub, List.of("Spot"), "");

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("secret")).isNotBlank();
		assertThat(this.jdbc.sql("select account_id from api_keys where api_key = ?").param(created.text("apiKey"))
			.query(UUID.class).single()).isEqualTo(UUID.fromString(this.sub));
		assertThat(this.api.get("/api/v1/me/sub-accounts/" + this.sub + "/api-keys", this.token).json().path("apiKeys")
			.size()).isEqualTo(1);
		assertThat(this.api.get("/api/v1/me/api-keys", this.token).json().path("apiKeys").size())
			.as("the master's own keys are apart").isZero();
		assertThat(this.api.get("/api/v1/me/events?type=security", this.token).json().path("events")
			.findValuesAsString("event")).contains("api_key_created");
	}

	@Test
	void createWhenTransferOrAnotherMastersSubAccountOrAProofForAnotherSubThenRefusedAndNothingWritten() {
		ApiClient.Response transfer = create(this.sub, List.of("Transfer"), "203.0.113.7");
		String otherToken = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);
		String otherSub = this.api.post("/api/v1/me/sub-accounts", Map.of("name", "other001"), otherToken).text("id");
		ApiClient.Response foreign = create(otherSub, List.of("Spot"), "");

		Map<String, Object> settings = new LinkedHashMap<>(Map.of("name", "sub bot", "permissions", List.of("Spot"),
				"ipAllowList", ""));
		String secondSub = this.api.post("/api/v1/me/sub-accounts", Map.of("name", "keyed002"), this.token).text("id");
		Map<String, String> params = new HashMap<>();
		this.api.post("/api/v1/me/sub-accounts/" + this.sub + "/api-keys/check", settings, this.token).json()
			.path("stepUpParams").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
		String proofForFirst = stepUp("create_api_key", params);
		Map<String, Object> body = new LinkedHashMap<>(settings);
		body.put("passphrase", "sub-pass-1");
		body.put("tradingPassword", TRADING_PASSWORD);
		ApiClient.Response misused = this.api.post("/api/v1/me/sub-accounts/" + secondSub + "/api-keys", body,
				this.token, "X-Step-Up-Proof", proofForFirst);

		assertThat(transfer.text("code")).isEqualTo("api_key_sub_account_no_transfer");
		assertThat(foreign.text("code")).isEqualTo("sub_account_unknown");
		assertThat(misused.status()).as("a proof is for one sub-account's key").isIn(401, 403);
		assertThat(this.jdbc.sql("select count(*) from api_keys where account_id in (?, ?, ?)")
			.params(UUID.fromString(this.sub), UUID.fromString(otherSub), UUID.fromString(secondSub))
			.query(Integer.class).single()).isZero();
	}

	@Test
	void depositAddressWhenASubAccountAsksThenRefused() {
		var result = this.addresses.addressFor(UUID.fromString(this.sub), "USDT", "TRC20",
				RequestContext.of(ClientIp.of("127.0.0.1"), "test"));
		assertThat(result).isEqualTo(new AddressAssignment.Result.Refused(AssetsRejection.SUB_ACCOUNT_NO_DEPOSIT));
	}

	@Test
	void masterSuspendedThenTheSubAccountsKeysAreSuspendedToo() {
		String apiKey = create(this.sub, List.of("Spot"), "").text("apiKey");
		RequestContext here = RequestContext.of(ClientIp.of("127.0.0.1"), "test");

		this.tx.executeWithoutResult(s -> this.events.publishEvent(new ApiKeysSuspended(this.master, "frozen", here, null)));

		assertThat(this.jdbc.sql("select state from api_keys where api_key = ?").param(apiKey).query(String.class)
			.single()).isEqualTo("SUSPENDED");
	}

	@Test
	void deleteWhenTheMastersThenGoneAndAnotherMasterCannot() {
		String keyId = create(this.sub, List.of("Spot"), "").text("id");
		String otherToken = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);

		ApiClient.Response foreign = this.api.delete("/api/v1/me/sub-accounts/" + this.sub + "/api-keys/" + keyId,
				otherToken);
		ApiClient.Response own = this.api.delete("/api/v1/me/sub-accounts/" + this.sub + "/api-keys/" + keyId,
				this.token);

		assertThat(foreign.text("code")).isEqualTo("sub_account_unknown");
		assertThat(own.status()).isEqualTo(204);
		assertThat(this.jdbc.sql("select state from api_keys where id = ?::uuid").param(keyId).query(String.class)
			.single()).isEqualTo("DELETED");
	}
}
