package io.gatehouse.apikey;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.gatehouse.account.AccountEvents.ApiKeysSuspended;
import io.gatehouse.account.CooldownService;
import io.gatehouse.kernel.Actor;
import io.gatehouse.kernel.ClientIp;
import io.gatehouse.kernel.RequestContext;
import io.gatehouse.testsupport.ApiClient;
import io.gatehouse.testsupport.ApiTest;
import io.gatehouse.testsupport.IntegrationTest;
import io.gatehouse.testsupport.MutableClock;
import io.gatehouse.testsupport.TestAccounts;
import io.gatehouse.testsupport.TestMail;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** B15 (AK-01 to AK-04, AK-09) for key management: least privilege, step-up, secrets, suspension, blocks. */
@IntegrationTest
class ApiKeyIntegrationTests extends ApiTest {

	static final String TRADING_PASSWORD = "quartz window 2288";

	static final RequestContext LOCAL = RequestContext.of(ClientIp.of("127.0.0.1"), "test");

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate tx;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	CooldownService cooldowns;

	@Autowired
	ApiKeyService service;

	String email;

	String token;

	UUID id;

	@BeforeEach
	void owner() {
		this.email = this.accounts.create();
		this.token = this.accounts.signIn(this.email, TestAccounts.PASSWORD);
		ApiClient.Response proof = stepUp("set_trading_password", Map.of());
		ApiClient.Response set = put("/api/v1/me/trading-password", Map.of("password", TRADING_PASSWORD),
				proof.text("proof"));
		assertThat(set.status()).as(set.body()).isEqualTo(200);
		this.id = UUID.fromString(this.api.get("/api/v1/me", this.token).text("id"));
	}

	/** Once the owner has a passkey, step-up goes through it. */
	io.gatehouse.testsupport.PasskeyStepUp strong;

	ApiClient.Response stepUp(String action, Map<String, String> params) {
		if (this.strong != null) {
			String proof = this.strong.proof(action, params);
			this.token = this.strong.token();
			return new ApiClient.Response(200, Map.of(), "{\"proof\":\"" + proof + "\"}");
		}
		ApiClient.Response r = this.api.post("/api/v1/me/step-up",
				Map.of("action", action, "params", params, "password", TestAccounts.PASSWORD), this.token);
		assertThat(r.status()).as(r.body()).isEqualTo(200);
		this.token = r.json().path("session").path("token").asString();
		return r;
	}

	ApiClient.Response put(String path, Object body, String proof) {
		return this.api.send(HttpRequest.newBuilder(URI.create(this.api.base() + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(JsonMapper.builder().build().writeValueAsString(body))), this.token,
				"X-Step-Up-Proof", proof);
	}

	static Map<String, Object> settings(String name, List<String> permissions, String ips) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", name);
		body.put("permissions", permissions);
		body.put("ipAllowList", ips);
		return body;
	}

	/** Check, step up for the canonical parameters, create: as a client does. */
	ApiClient.Response create(Map<String, Object> settings, String passphrase, String tradingPassword) {
		ApiClient.Response checked = this.api.post("/api/v1/me/api-keys/check", settings, this.token);
		if (checked.status() != 200) {
			return checked;
		}
		Map<String, String> params = new HashMap<>();
		checked.json().path("stepUpParams").properties().forEach(e -> params.put(e.getKey(), e.getValue().asString()));
		String proof = stepUp("create_api_key", params).text("proof");
		Map<String, Object> body = new LinkedHashMap<>(settings);
		body.put("passphrase", passphrase);
		body.put("tradingPassword", tradingPassword);
		return this.api.post("/api/v1/me/api-keys", body, this.token, "X-Step-Up-Proof", proof);
	}

	@Test
	void ak01CreateWhenSteppedUpThenTheSecretIsShownOnceStoredSealedAndTheOwnerTold() {
		ApiClient.Response created = create(settings("bot", List.of(), ""), "pass-phrase-1", TRADING_PASSWORD);

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String secret = created.text("secret");
		assertThat(secret).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		assertThat(created.text("apiKey")).matches("[0-9a-f]{24}");
		assertThat(created.text("permissions")).as("AK-02: General only unless more is chosen").isEqualTo("General");
		ApiClient.Response list = this.api.get("/api/v1/me/api-keys", this.token);
		assertThat(list.body()).doesNotContain(secret).doesNotContain("pass-phrase-1");
		byte[] stored = this.jdbc.sql("select secret from api_keys where api_key = ?").param(created.text("apiKey"))
			.query(byte[].class).single();
		assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
		assertThat(TestMail.body(TestMail.awaitSubject(this.email, "API key bot created"))).contains("General")
			.doesNotContain(secret);
	}

	@Test
	void createWithoutAProofOrWithAWrongTradingPasswordThenRefusedAndNothingStored() {
		Map<String, Object> body = new LinkedHashMap<>(settings("bot", List.of("Spot"), ""));
		body.put("passphrase", "pass-phrase-1");
		body.put("tradingPassword", TRADING_PASSWORD);
		assertThat(this.api.post("/api/v1/me/api-keys", body, this.token).text("code")).isEqualTo("step_up_required");
		assertThat(create(settings("bot", List.of("Spot"), ""), "pass-phrase-1", "wrong").text("code"))
			.isEqualTo("trading_password_incorrect");
		String proofForGeneral = stepUp("create_api_key", Map.of("name", "bot", "permissions", "General", "ipAllowList",
				"", "expiresAt", "")).text("proof");
		assertThat(this.api.post("/api/v1/me/api-keys", body, this.token, "X-Step-Up-Proof", proofForGeneral).text("code"))
			.as("AK-03: a proof for fewer permissions does not buy more").isEqualTo("step_up_required");
		assertThat(this.api.get("/api/v1/me/api-keys", this.token).json().path("apiKeys")).isEmpty();
	}

	@Test
	void transferWhenAskedThenAStrongFactorAndAnIpListAreRequiredAndTheWithdrawalCooldownStarts() {
		assertThat(create(settings("payout", List.of("Transfer"), "203.0.113.5"), "pass-phrase-1", TRADING_PASSWORD)
			.text("code")).as("a password-only account").isEqualTo("api_key_transfer_needs_strong_factor");
		io.gatehouse.testsupport.PasskeyStepUp passkey = io.gatehouse.testsupport.PasskeyStepUp.enrol(this.api,
				this.port, this.token);
		this.token = passkey.token();
		this.strong = passkey;
		assertThat(create(settings("payout", List.of("Transfer"), ""), "pass-phrase-1", TRADING_PASSWORD).text("code"))
			.isEqualTo("api_key_transfer_needs_ip_list");
		assertThat(create(settings("payout", List.of("Transfer"), "0.0.0.0/0"), "pass-phrase-1", TRADING_PASSWORD)
			.text("code")).as("the whole internet is no allow-list").isEqualTo("api_key_ip_list_invalid");

		ApiClient.Response created = create(settings("payout", List.of("Transfer", "Spot"), "203.0.113.5, 198.51.100.0/24"),
				"pass-phrase-1", TRADING_PASSWORD);

		assertThat(created.status()).as(created.body()).isEqualTo(201);
		assertThat(created.text("permissions")).isEqualTo("General,Spot,Transfer");
		assertThat(created.json().path("ipAllowList").toString()).isEqualTo("[\"203.0.113.5/32\",\"198.51.100.0/24\"]");
		assertThat(this.api.get("/api/v1/me", this.token).text("withdrawalsLockedUntil")).isNotNull();
		assertThat(TestMail.body(TestMail.awaitSubject(this.email, "API key payout created"))).contains("WITHDRAW");
	}

	@Test
	void badSettingsThenAClearCodeEach() {
		String many = String.join(",", java.util.stream.IntStream.range(1, 22).mapToObj(i -> "192.0.2." + i).toList());
		for (var c : List.of(List.of(settings("", List.of(), ""), "api_key_name_invalid"),
				List.of(settings("x".repeat(33), List.of(), ""), "api_key_name_invalid"),
				List.of(settings("bot", List.of("Withdraw everything"), ""), "api_key_permission_unknown"),
				List.of(settings("bot", List.of(), many), "api_key_ip_list_invalid"),
				List.of(settings("bot", List.of(), "example.com"), "api_key_ip_list_invalid"),
				List.of(settings("bot", List.of(), "10.0.0.0/33"), "api_key_ip_list_invalid"))) {
			@SuppressWarnings("unchecked")
			Map<String, Object> s = (Map<String, Object>) c.get(0);
			ApiClient.Response r = this.api.post("/api/v1/me/api-keys/check", s, this.token);
			assertThat(r.status()).as(s.toString()).isEqualTo(400);
			assertThat(r.text("code")).as(s.toString()).isEqualTo(c.get(1));
		}
		Map<String, Object> past = settings("bot", List.of(), "");
		past.put("expiresAt", "2001-01-01T00:00:00Z");
		assertThat(this.api.post("/api/v1/me/api-keys/check", past, this.token).text("code"))
			.isEqualTo("api_key_expiry_invalid");
		assertThat(create(settings("bot", List.of(), ""), "short", TRADING_PASSWORD).text("code"))
			.isEqualTo("api_key_passphrase_invalid");
	}

	@Test
	void ak09SuspendedWhenTheAccountIsFrozenOrResetThenEnabledAgainOnlyWithStepUp() {
		String keyId = create(settings("bot", List.of("Spot"), ""), "pass-phrase-1", TRADING_PASSWORD).text("id");

		this.tx.executeWithoutResult(s -> this.events.publishEvent(new ApiKeysSuspended(this.id, "password_reset", LOCAL)));

		assertThat(this.api.get("/api/v1/me/api-keys", this.token).json().path("apiKeys").get(0).path("state").asString())
			.isEqualTo("suspended");
		TestMail.awaitSubject(this.email, "API key bot suspended");
		assertThat(this.api.post("/api/v1/me/api-keys/" + keyId + "/enable", Map.of("tradingPassword", TRADING_PASSWORD),
				this.token).text("code")).isEqualTo("step_up_required");
		String proof = stepUp("enable_api_key", Map.of("id", keyId)).text("proof");
		ApiClient.Response enabled = this.api.post("/api/v1/me/api-keys/" + keyId + "/enable",
				Map.of("tradingPassword", TRADING_PASSWORD), this.token, "X-Step-Up-Proof", proof);
		assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
		assertThat(enabled.text("state")).isEqualTo("active");
	}

	@Test
	void afterALostFactorRecoveryNoKeyForSeventyTwoHours() {
		this.tx.executeWithoutResult(s -> this.cooldowns.start(this.id, Duration.ofMinutes(1),
				CooldownService.LOST_FACTOR_RECOVERY, LOCAL));

		ApiClient.Response refused = create(settings("bot", List.of(), ""), "pass-phrase-1", TRADING_PASSWORD);
		assertThat(refused.text("code")).isEqualTo("api_key_blocked_after_recovery");
		assertThat(refused.text("blockedUntil")).isNotNull();

		this.clock.advance(Duration.ofHours(72));
		this.token = this.accounts.signIn(this.email, TestAccounts.PASSWORD);
		assertThat(create(settings("bot", List.of(), ""), "pass-phrase-1", TRADING_PASSWORD).status()).isEqualTo(201);
	}

	@Test
	void regionWhenWithdrawOnlyThenNoNewKey() {
		RequestContext fromUs = RequestContext.of(ClientIp.of("198.18.1.1"), "test");
		ApiKeyRequests.Spec spec = new ApiKeyRequests.Spec("bot", java.util.Set.of(Permission.GENERAL), List.of(), null);

		var result = this.service.create(new Actor.Customer(this.id, UUID.randomUUID()), spec, "pass-phrase-1", null,
				TRADING_PASSWORD, fromUs);

		assertThat(result).isEqualTo(new ApiKeyService.Result.Refused(ApiKeyRejection.REGION_RESTRICTED));
	}

	@Test
	void idleWhenATradingKeyWithoutIpListIsUnusedForThirtyDaysThenDisabled() {
		create(settings("trader", List.of("Spot"), ""), "pass-phrase-1", TRADING_PASSWORD);
		create(settings("reader", List.of(), ""), "pass-phrase-2", TRADING_PASSWORD);
		create(settings("bound", List.of("Spot"), "203.0.113.5"), "pass-phrase-3", TRADING_PASSWORD);

		this.clock.advance(Duration.ofDays(31));
		this.service.disableIdle();

		Map<String, String> states = new HashMap<>();
		this.jdbc.sql("select name, state from api_keys where account_id = ?").param(this.id)
			.query((rs, n) -> states.put(rs.getString(1), rs.getString(2))).list();
		assertThat(states).containsEntry("trader", "DISABLED").containsEntry("reader", "ACTIVE")
			.containsEntry("bound", "ACTIVE");
	}

	@Test
	void ak04AnotherAccountCannotReadEditEnableOrDeleteTheKey() {
		String keyId = create(settings("bot", List.of(), ""), "pass-phrase-1", TRADING_PASSWORD).text("id");
		String other = this.accounts.signIn(this.accounts.create(), TestAccounts.PASSWORD);

		assertThat(this.api.get("/api/v1/me/api-keys", other).json().path("apiKeys")).isEmpty();
		assertThat(this.api.delete("/api/v1/me/api-keys/" + keyId, other).status()).isEqualTo(404);
		assertThat(this.api.post("/api/v1/me/api-keys/" + keyId + "/enable", Map.of(), other).status()).isEqualTo(404);
		assertThat(this.api.delete("/api/v1/me/api-keys/" + keyId, this.token).status()).isEqualTo(204);
		assertThat(this.api.get("/api/v1/me/api-keys", this.token).json().path("apiKeys")).isEmpty();
	}
}
